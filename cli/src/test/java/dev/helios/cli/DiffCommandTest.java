package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helios diff} between two commits of a repository. */
@Tag("integration")
class DiffCommandTest {
  @TempDir Path dir;
  private LogCommandTest.Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = LogCommandTest.Cli.withRepository(dir);
  }

  @Test
  void diff_default_isNameStatus() {
    String out = cli.ok("diff", "team/app", "v1", "main");

    assertThat(out.lines().toList())
        .containsExactly("M\tREADME", "D\tsrc/a.txt", "A\tsrc/b.txt");
  }

  @Test
  void diff_stat_countsLinesLikeGit() {
    String out = cli.ok("diff", "team/app", "v1", "main", "--stat");

    assertThat(out.lines().toList())
        .containsExactly(
            " README    | 1 +",
            " src/a.txt | 1 -",
            " src/b.txt | 2 ++",
            " 3 files changed, 3 insertions(+), 1 deletion(-)");
  }

  @Test
  void diff_json_hasChangesWithEntriesAndTotals() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(cli.ok("diff", "team/app", "v1", "main", "--json"));

    assertThat(doc.get("files").asInt()).isEqualTo(3);
    assertThat(doc.get("insertions").asInt()).isEqualTo(3);
    assertThat(doc.get("deletions").asInt()).isEqualTo(1);
    JsonNode readme = doc.get("changes").get(0);
    assertThat(readme.get("type").asText()).isEqualTo("modified");
    assertThat(readme.get("path").asText()).isEqualTo("README");
    assertThat(readme.get("before").get("kind").asText()).isEqualTo("file");
    assertThat(readme.get("before").get("size").asInt()).isEqualTo(6);
    assertThat(readme.get("after").get("blake3").asText()).matches("[0-9a-f]{64}");
    assertThat(doc.get("changes").get(2).get("before").isNull()).isTrue();
  }

  @Test
  void diff_sameRevision_printsNothing() {
    assertThat(cli.ok("diff", "team/app", "main", "HEAD")).isEmpty();
  }

  @Test
  void diff_badRevision_failsNamingIt() {
    assertThat(cli.run("diff", "team/app", "v1", "nosuch")).isEqualTo(1);
    assertThat(cli.err()).contains("no revision 'nosuch' in repository 'team/app'");
  }

  @Test
  void diff_missingRepository_failsWithOneLine() {
    assertThat(cli.run("diff", "nope", "a", "b")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("helios: repository 'nope' does not exist\n");
  }

  @Test
  void help_showsAnExample() {
    assertThat(cli.run("diff", "--help")).isZero();
    assertThat(cli.out()).contains("Examples:").contains("--stat");
  }
}
