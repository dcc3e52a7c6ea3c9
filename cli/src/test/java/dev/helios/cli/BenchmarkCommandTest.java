package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The quick suites run end to end and print one JSON object each (figures are not judged). */
@Tag("slow")
class BenchmarkCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private JsonNode runSuite(String suite) throws Exception {
    int code =
        Main.run(
            new String[] {"benchmark", "--suite", suite, "--json"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void benchmark_hashJson_printsThroughputPerSize() throws Exception {
    JsonNode result = runSuite("hash");

    assertThat(result.path("suite").asText()).isEqualTo("hash");
    for (String size : new String[] {"64", "4096", "1048576"}) {
      assertThat(result.path("mb_per_s").path("blake3").path(size).asDouble()).as(size).isPositive();
      assertThat(result.path("mb_per_s").path("sha256").path(size).asDouble()).as(size).isPositive();
    }
  }

  @Test
  void benchmark_casJson_printsLatenciesHitRatioAndCompression() throws Exception {
    JsonNode result = runSuite("cas");

    assertThat(result.path("suite").asText()).isEqualTo("cas");
    assertThat(result.path("l2_put_us").path("p50").asDouble()).isPositive();
    assertThat(result.path("l2_get_us").path("p99").asDouble()).isPositive();
    assertThat(result.path("l1_hit_us").path("p50").asDouble()).isPositive();
    assertThat(result.path("l1_hit_ratio").asDouble()).isBetween(0.0, 1.0).isPositive();
    assertThat(result.path("l1_compression_ratio").asDouble()).isGreaterThan(1.0);
  }

  @Test
  void benchmark_vstJson_printsCommitPercentilesUnderTheDocumentedKeys() throws Exception {
    JsonNode result = runSuite("vst");

    List<String> keys = new ArrayList<>();
    result.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(0, 8))
        .containsExactly("suite", "files", "commits", "p50_us", "p95_us", "p99_us", "p999_us", "max_us");
    assertThat(result.path("suite").asText()).isEqualTo("vst-commit");
    assertThat(result.path("commits").asLong()).isPositive();
    assertThat(result.path("p50_us").asDouble()).isPositive().isLessThanOrEqualTo(result.path("max_us").asDouble());
  }
}
