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

/** {@code helios verify} of a good repository and of one whose pack lost its chunks. */
@Tag("integration")
class VerifyCommandTest {
  @TempDir Path dir;
  private LogCommandTest.Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = LogCommandTest.Cli.withRepository(dir);
  }

  @Test
  void verify_goodRepository_isCleanAndExitsZero() {
    String out = cli.ok("verify", "team/app");

    assertThat(out).startsWith("team/app: clean (3 refs, ");
  }

  @Test
  void verify_full_goodRepository_isClean() throws Exception {
    cli.ok("log", "team/app"); // builds the twins

    JsonNode doc = new ObjectMapper().readTree(cli.ok("verify", "team/app", "--full", "--json"));

    assertThat(doc.get("repository").asText()).isEqualTo("team/app");
    assertThat(doc.get("refs").asInt()).isEqualTo(3);
    assertThat(doc.get("objects").asInt()).isPositive();
    assertThat(doc.get("full").asBoolean()).isTrue();
    assertThat(doc.get("problems")).isEmpty();
    assertThat(doc.get("clean").asBoolean()).isTrue();
  }

  @Test
  void verify_packChunksDeleted_exitsOneListingObjects() throws Exception {
    cli.deletePack();

    int code = cli.run("verify", "team/app");

    assertThat(code).isEqualTo(1);
    assertThat(cli.out().lines().findFirst().orElseThrow())
        .matches("[0-9a-f]{40}: .*missing chunk [0-9a-f]{64}.*");
    assertThat(cli.out()).contains("team/app: ").contains("problem");
  }

  @Test
  void verify_packChunksDeleted_jsonIsNotClean() throws Exception {
    cli.deletePack();

    assertThat(cli.run("verify", "team/app", "--json")).isEqualTo(1);

    JsonNode doc = new ObjectMapper().readTree(cli.out());
    assertThat(doc.get("clean").asBoolean()).isFalse();
    assertThat(doc.get("problems").get(0).get("object").asText()).matches("[0-9a-f]{40}");
  }

  @Test
  void verify_missingRepository_failsWithOneLine() {
    assertThat(cli.run("verify", "team/nope")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("helios: repository 'team/nope' does not exist\n");
  }

  @Test
  void verify_badName_isAUsageError() {
    assertThat(cli.run("verify", "../x")).isEqualTo(2);
  }

  @Test
  void help_showsAnExample() {
    assertThat(cli.run("verify", "--help")).isZero();
    assertThat(cli.out()).contains("Example:").contains("--full");
  }
}
