package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example fleet and the strict reading of a fleet file. */
final class FleetTest {
  @TempDir Path dir;

  @Test
  void defaults_describeEveryParameter() {
    Fleet f = Fleet.defaults();

    assertThat(f.parameters().keySet()).containsExactlyElementsOf(Fleet.KEYS);
    assertThat(f.value(Fleet.REPOSITORIES)).isEqualTo(1000);
    assertThat(f.value(Fleet.AGENT_COMMITS_PER_DAY)).isEqualTo(100_000);
    assertThat(f.parameters().values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
  }

  @Test
  void load_changedValue_isRead() throws IOException {
    Path file = write(defaults().replace("\"value\": 1000,", "\"value\": 25,"));

    assertThat(Fleet.load(file).value(Fleet.REPOSITORIES)).isEqualTo(25);
  }

  @Test
  void load_unknownParameter_namesIt() throws IOException {
    Path file = write(defaults().replace("\"parameters\": {", "\"parameters\": {\"mirrors\": {\"value\": 1,"
        + " \"unit\": \"x\", \"description\": \"y\"},"));

    assertThatThrownBy(() -> Fleet.load(file)).hasMessageStartingWith(file + ": unknown field 'parameters.mirrors'");
  }

  @Test
  void load_valueNotANumber_namesTheField() throws IOException {
    Path file = write(defaults().replace("\"value\": 1000,", "\"value\": \"1000\","));

    assertThatThrownBy(() -> Fleet.load(file))
        .hasMessage(file + ": 'parameters.repositories.value' must be a number, 0 or more");
  }

  @Test
  void load_missingDescription_namesTheField() throws IOException {
    Path file = write(defaults().replaceFirst("\"description\": \"An example[^\"]*\",", ""));

    assertThatThrownBy(() -> Fleet.load(file)).hasMessage(file + ": missing field 'description'");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("fleet.json"), text);
  }

  private static String defaults() throws IOException {
    try (InputStream in = Fleet.class.getResourceAsStream("fleet-example.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
