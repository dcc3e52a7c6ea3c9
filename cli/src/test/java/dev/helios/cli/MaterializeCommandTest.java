package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helios materialize} into a directory and into archives. */
@Tag("integration")
class MaterializeCommandTest {
  @TempDir Path dir;
  private LogCommandTest.Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = LogCommandTest.Cli.withRepository(dir);
  }

  @Test
  void materialize_directory_writesTheTreeThenOnlyChanges() throws Exception {
    Path out = dir.resolve("out");

    cli.ok("materialize", "team/app", "v1", out.toString());

    assertThat(Files.readString(out.resolve("README"))).isEqualTo("hello\n");
    assertThat(Files.readString(out.resolve("src/a.txt"))).isEqualTo("a\n");
    assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
    assertThat(Files.isDirectory(out.resolve("sub"))).isTrue();
    assertThat(Files.getPosixFilePermissions(out.resolve("run.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE);

    JsonNode doc = new ObjectMapper().readTree(
        cli.ok("materialize", "team/app", "main", out.toString(), "--json"));

    assertThat(doc.get("incremental").asBoolean()).isTrue();
    assertThat(doc.get("filesWritten").asInt()).isEqualTo(2); // README and src/b.txt
    assertThat(Files.exists(out.resolve("src/a.txt"))).isFalse();
  }

  @Test
  void materialize_tarZst_writesAnArchiveAndNoTemporaryFile() throws Exception {
    Path archive = dir.resolve("dist/app.tar.zst");

    String out = cli.ok("materialize", "team/app", "main", archive.toString());

    assertThat(out).startsWith("Wrote " + archive);
    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        entries.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")
            + " " + Integer.toOctalString(e.getMode()));
      }
    }
    assertThat(entries).contains("README 100644", "run.sh 100755", "link -> README 120777",
        "sub/ 40755", "src/b.txt 100644");
    try (Stream<Path> files = Files.list(archive.getParent())) {
      assertThat(files).containsExactly(archive);
    }
    if (Files.getFileStore(archive).supportsFileAttributeView("posix")) {
      // Not the 0600 of the temporary file it was written to.
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(archive)))
          .isEqualTo("rw-r--r--");
    }
  }

  @Test
  void materialize_zipJson_describesTheArchive() throws Exception {
    Path archive = dir.resolve("app.zip");

    JsonNode doc = new ObjectMapper().readTree(
        cli.ok("materialize", "team/app", "v1", archive.toString(), "--json"));

    assertThat(doc.get("format").asText()).isEqualTo("zip");
    assertThat(doc.get("files").asInt()).isEqualTo(3);
    assertThat(doc.get("symlinks").asInt()).isEqualTo(1);
    assertThat(doc.get("archiveBytes").asLong()).isEqualTo(Files.size(archive));
  }

  @Test
  void materialize_badRevision_failsAndWritesNothing() {
    Path archive = dir.resolve("app.tar");

    assertThat(cli.run("materialize", "team/app", "nosuch", archive.toString())).isEqualTo(1);

    assertThat(cli.err()).contains("no revision 'nosuch' in repository 'team/app'");
    assertThat(archive).doesNotExist();
  }

  @Test
  void materialize_missingRepository_failsWithOneLine() {
    assertThat(cli.run("materialize", "nope", "main", dir.resolve("x").toString())).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("helios: repository 'nope' does not exist\n");
  }

  @Test
  void help_showsExamples() {
    assertThat(cli.run("materialize", "--help")).isZero();
    assertThat(cli.out()).contains("Examples:").contains(".tar.zst");
  }
}
