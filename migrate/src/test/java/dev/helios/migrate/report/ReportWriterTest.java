package dev.helios.migrate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.git.RepositoryName;
import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.MigrationTarget;
import dev.helios.migrate.MigrationTarget.SourceKind;
import dev.helios.migrate.RepositoryResult;
import dev.helios.migrate.RepositoryResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three report formats, chosen by suffix, of a run with one done and one failed repository. */
class ReportWriterTest {
  @TempDir Path dir;

  private static final MigrationReport REPORT =
      new MigrationReport(
          List.of(
              new RepositoryResult(
                  new MigrationTarget("/srv/git/jq.bundle", SourceKind.BUNDLE,
                      RepositoryName.parse("jq")),
                  Status.DONE, 37, 11_689, 7_900_000, 8_100_000, 6_000_000, 2_300,
                  "refs+objects+twins", null),
              new RepositoryResult(
                  new MigrationTarget("https://ann:s3cret@git.example.com/team/<app>.git",
                      SourceKind.HTTP, RepositoryName.parse("team/app")),
                  Status.FAILED, 0, 0, 0, 0, -1, 120, "none",
                  "cannot reach https://ann:s3cret@git.example.com/team/<app>.git | 401")),
          Instant.parse("2024-05-01T10:00:00Z"),
          2_500);

  @Test
  void write_json_hasRepositoriesAndTotals() throws Exception {
    Path file = dir.resolve("report.json");

    ReportWriter.write(REPORT, file);

    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    assertThat(doc.get("succeeded").asBoolean()).isFalse();
    assertThat(doc.get("totals").get("done").asLong()).isEqualTo(1);
    assertThat(doc.get("totals").get("failed").asLong()).isEqualTo(1);
    assertThat(doc.get("totals").get("sourceBytes").asLong()).isEqualTo(7_900_000);
    JsonNode jq = doc.get("repositories").get(0);
    assertThat(jq.get("target").asText()).isEqualTo("jq");
    assertThat(jq.get("status").asText()).isEqualTo("done");
    assertThat(jq.get("objects").asLong()).isEqualTo(11_689);
    assertThat(jq.get("newBytes").asLong()).isEqualTo(6_000_000);
    assertThat(jq.get("deduplicatedBytes").asLong()).isEqualTo(2_100_000);
    assertThat(jq.get("failure").isNull()).isTrue();
    JsonNode app = doc.get("repositories").get(1);
    assertThat(app.get("newBytes").isNull()).isTrue();
    assertThat(app.get("failure").asText()).contains("401");
  }

  @Test
  void write_anyFormat_neverShowsCredentials() throws Exception {
    for (String name : List.of("r.json", "r.md", "r.html")) {
      Path file = dir.resolve(name);

      ReportWriter.write(REPORT, file);

      assertThat(Files.readString(file)).as(name).doesNotContain("s3cret").doesNotContain("ann:")
          .contains("https://***@git.example.com/team/");
    }
  }

  @Test
  void write_markdown_isATableWithTotals() throws Exception {
    Path file = dir.resolve("report.md");

    ReportWriter.write(REPORT, file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).anyMatch(l -> l.startsWith("| repository | source | status |"));
    assertThat(lines).anyMatch(l -> l.startsWith("| `jq` | /srv/git/jq.bundle | done | 37 | 11689 | 7.9 MB | 8.1 MB | 6.0 MB | 2.1 MB | 2.3 s |"));
    assertThat(lines).anyMatch(l -> l.startsWith("| `team/app` |") && l.contains("\\| 401"));
    assertThat(lines).anyMatch(l -> l.startsWith("| **total** | 2 repositories |"));
  }

  @Test
  void write_html_isSelfContainedWithAChart() throws Exception {
    Path file = dir.resolve("report.HTML");

    ReportWriter.write(REPORT, file);

    String html = Files.readString(file);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect")
        .contains("<style>").contains(">jq<").contains("team/&lt;app&gt;.git")
        .doesNotContain("<script").doesNotContain("<app>");
  }

  @Test
  void write_otherSuffix_throwsAndWritesNothing() {
    Path file = dir.resolve("report.txt");

    assertThatThrownBy(() -> ReportWriter.write(REPORT, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".json, .md or .html");
    assertThat(file).doesNotExist();
  }

  @Test
  void bytes_units_areDecimalWithOneDecimal() {
    assertThat(Units.bytes(812)).isEqualTo("812 B");
    assertThat(Units.bytes(7_900_000)).isEqualTo("7.9 MB");
    assertThat(Units.bytes(999_999)).isEqualTo("1.0 MB");
    assertThat(Units.duration(2_345)).isEqualTo("2.3 s");
    assertThat(Units.duration(245_000)).isEqualTo("4 min 05 s");
  }
}
