package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON and Markdown reports of a hand-built comparison of all five workloads. */
final class ReportWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Comparison comparison() {
    List<WorkloadResult> workloads = CostModelTest.workloads();
    return new Comparison(
        Instant.parse("2026-11-28T08:00:00Z"), 95.4, Scale.SMALL, 3, "generated repository (1 MiB)",
        Map.of("git", "git version 2.39.5", "java", "17"), workloads, Pricing.defaults(), Fleet.defaults(),
        CostModel.compute(workloads, Pricing.defaults(), Fleet.defaults()));
  }

  @Test
  void json_hasEveryTopLevelSectionInOrder() throws IOException {
    JsonNode root = JSON.readTree(ReportWriter.json(comparison()));

    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("tool", "version", "started", "seconds", "scale", "repeat", "source",
        "environment", "method", "workloads", "pricing", "fleet", "costs", "totals");
    assertThat(root.get("workloads")).hasSize(5);
    assertThat(root.get("totals").get("saving_per_year").asDouble()).isEqualTo(84413.73);
  }

  @Test
  void json_workload_hasFiguresReductionsAndWorse() throws IOException {
    JsonNode push = JSON.readTree(ReportWriter.json(comparison())).get("workloads").get(1);

    assertThat(push.get("name").asText()).isEqualTo("push");
    JsonNode git = push.get("sides").get(0);
    assertThat(git.get("key").asText()).isEqualTo("git");
    JsonNode write = git.get("figures").get("write_bytes");
    assertThat(write.get("median").asLong()).isEqualTo(5_000_000);
    assertThat(write.get("min").asLong()).isEqualTo(4_500_000);
    assertThat(write.get("max").asLong()).isEqualTo(6_000_000);
    assertThat(write.get("values")).hasSize(3);
    assertThat(write.get("per_operation").asLong()).isEqualTo(1_000_000);
    JsonNode reduction = push.get("reductions").get(0);
    assertThat(reduction.get("helios").asText()).isEqualTo("helios");
    assertThat(reduction.get("baseline").asText()).isEqualTo("git");
    assertThat(reduction.get("figures").get("write_bytes").asDouble()).isEqualTo(0.8);
    assertThat(push.get("worse").get(0).asText())
        .isEqualTo("push: Helios helios — CPU time (user + system): 900 ms against 400 ms for git git (2.25× as much).");
  }

  @Test
  void json_gitZero_givesNullReduction() throws IOException {
    JsonNode clone = JSON.readTree(ReportWriter.json(comparison())).get("workloads").get(4);

    assertThat(clone.get("reductions").get(0).get("figures").get("write_bytes").isNull()).isTrue();
  }

  @Test
  void json_costLine_hasFormulaAndInputsWithSources() throws IOException {
    JsonNode line = JSON.readTree(ReportWriter.json(comparison())).get("costs").get(0);

    assertThat(line.get("name").asText()).isEqualTo("Repository storage on block storage");
    assertThat(line.get("formula").asText()).contains("disk_allocated_bytes");
    assertThat(line.get("inputs")).allSatisfy(in -> assertThat(in.get("source").asText()).isNotBlank());
    assertThat(line.get("git_per_year").asDouble()).isEqualTo(5760.0);
  }

  @Test
  void markdown_hasTheTablesWithoutCharts() {
    String md = ReportWriter.markdown(comparison());

    assertThat(md).contains("## Where Helios does worse", "| **Total** (10 lines) | $103,692.16 | $19,278.43 | $84,413.73 |")
        .doesNotContain("<img");
  }
}
