package dev.helios.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.migrate.MigrationTarget.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir Path dir;

  @Test
  void parse_kindsAndDefaultNames() {
    assertThat(Sources.parse("https://example.com/org/My%20Repo.git", null))
        .extracting(MigrationTarget::kind, t -> t.name().value())
        .containsExactly(SourceKind.HTTP, "My-Repo");
    assertThat(Sources.parse("/srv/git/app.git", null).kind()).isEqualTo(SourceKind.LOCAL);
    assertThat(Sources.parse("/tmp/jq.bundle", null).name().value()).isEqualTo("jq");
    assertThat(Sources.parse("file:///srv/work/.git", null).name().value()).isEqualTo("work");
  }

  @Test
  void parse_badExplicitName_throwsNamingTheRule() {
    assertThatThrownBy(() -> Sources.parse("/srv/app.git", "bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad repository name 'bad name'");
  }

  @Test
  void manifest_badLine_namesLineNumber() throws Exception {
    Path file = dir.resolve("m.txt");
    Files.writeString(file, "# c\n/srv/a.git\n\n/srv/b.git b x\n");

    assertThatThrownBy(() -> Sources.manifest(file)).hasMessageContaining("m.txt:4:");
  }

  @Test
  void scan_findsNestedRepositoriesWithoutDescending() throws Exception {
    Files.createDirectories(dir.resolve("team/app.git/objects"));
    Files.createDirectories(dir.resolve("team/app.git/refs"));
    Files.writeString(dir.resolve("team/app.git/HEAD"), "ref: refs/heads/main\n");
    Files.createDirectories(dir.resolve("work/.git/objects/inner.git"));

    assertThat(Sources.scan(dir)).extracting(t -> t.name().value()).containsExactly("team/app", "work");
  }
}
