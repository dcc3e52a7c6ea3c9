package dev.helios.benchmarks.compare;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code compare-git} run found, ready for the JSON, HTML and Markdown reports.
 *
 * @param started when the run began
 * @param seconds how long it took
 * @param scale the scale
 * @param repeat repetitions per side
 * @param source what the input repository was
 * @param environment machine, git, Java, disk and file system
 * @param workloads each workload's figures, in run order
 * @param pricing the prices the cost lines use
 * @param fleet the fleet the yearly figures describe
 * @param costs the yearly cost lines
 */
public record Comparison(
    Instant started,
    double seconds,
    Scale scale,
    int repeat,
    String source,
    Map<String, Object> environment,
    List<WorkloadResult> workloads,
    Pricing pricing,
    Fleet fleet,
    List<CostLine> costs) {
  public Comparison {
    workloads = List.copyOf(workloads);
    costs = List.copyOf(costs);
  }
}
