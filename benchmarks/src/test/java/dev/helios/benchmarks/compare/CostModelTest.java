package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The cost lines of a hand-built comparison at the built-in AWS prices and example fleet
 * (1,000 repositories, 5 forks each, 2,000 pushes, 5,000 CI jobs, 100,000 agent commits and
 * 10,000 clones a day), each checked against dollars worked out by hand.
 */
final class CostModelTest {
  private static final double GIB = 1_073_741_824;
  private static final Offset<Double> CENT = within(0.005);

  @Test
  void compute_everyWorkload_givesTheLinesWorkedOutByHand() {
    Map<String, CostLine> lines = byName(CostModel.compute(workloads(), Pricing.defaults(), Fleet.defaults()));

    // 1,000 x (1 + 5) / 6 x 6 GiB x $0.08 x 12 = $5,760; Helios 1,000 x max(1, 6/6) x 1.2 GiB x 0.96.
    assertLine(lines.get("Repository storage on block storage"), 5760.00, 1152.00);
    // 50e6/10 bytes x 100,000 x 365 / 2^30 x 6 months x $0.08
    assertLine(lines.get("Storage growth from agent commits (first year)"), 81583.86, 1631.68);
    assertLine(lines.get("Storage growth from pushes (first year)"), 163.17, 65.27);
    // 40e6/10 bytes x 100,000 / 86,400 s / 2^20 = 4.415 MB/s x $0.04 x 12
    assertLine(lines.get("Disk write throughput for agent commits"), 2.12, 0.02);
    // 20,000/10 calls x 100,000 / 86,400 s = 2,314.8 IOPS x $0.005 x 12
    assertLine(lines.get("Disk write operations for agent commits"), 138.89, 3.47);
    assertLine(lines.get("Disk write throughput for pushes"), 0.01, 0.00);
    assertLine(lines.get("Disk write operations for pushes"), 0.56, 0.11);
    assertLine(lines.get("Disk write throughput for CI jobs"), 0.05, 0.01);
    assertLine(lines.get("Disk write operations for CI jobs"), 3.47, 0.87);
    // pack_bytes_per_clone is per clone already: 50 MiB = 0.048828125 GiB x 10,000 x 365 x $0.09;
    // Helios 0.05 GiB per clone
    assertLine(lines.get("Egress for clones"), 16040.04, 16425.00);
    // 1,000 x 6 GiB x $0.023 x 12; Helios 1.2 GiB
    assertLine(lines.get("What if: repository storage on object storage"), 1656.00, 331.20);
    // 30/10 files x 100,000 x 365 / 1,000 x $0.005
    assertLine(lines.get("What if: object storage requests for commits"), 547.50, 91.25);
    assertThat(lines).hasSize(12);
  }

  @Test
  void totals_leaveOutTheWhatIfLines() {
    CostTotals totals = CostTotals.of(CostModel.compute(workloads(), Pricing.defaults(), Fleet.defaults()));

    assertThat(totals.lines()).isEqualTo(10);
    assertThat(totals.gitPerYear()).isCloseTo(103692.16, CENT);
    assertThat(totals.heliosPerYear()).isCloseTo(19278.43, CENT);
    assertThat(totals.savingPerYear()).isCloseTo(84413.73, CENT);
  }

  @Test
  void compute_ciCheckout_comparesWithTheKeptClone() {
    CostLine line = byName(CostModel.compute(workloads(), Pricing.defaults(), Fleet.defaults()))
        .get("Disk write throughput for CI jobs");

    assertThat(line.baseline()).isEqualTo("git-fetch-checkout");
    assertThat(line.inputs()).extracting(CostLine.Input::source)
        .contains("ci-checkout / git-fetch-checkout: write_bytes, median of 3", "fleet: ci_jobs_per_day",
            "pricing: block_throughput_mbps_month (EBS gp3 provisioned throughput above the 125 MB/s included"
                + " with every volume)");
  }

  @Test
  void compute_largerForkNetworks_scaleHeliosUpButSmallerOnesDoNotScaleItDown() {
    List<WorkloadResult> forks = workloads().stream().filter(w -> w.name().equals("fork-network")).toList();

    CostLine larger = CostModel.compute(forks, Pricing.defaults(), fleet(20)).get(0);
    CostLine smaller = CostModel.compute(forks, Pricing.defaults(), fleet(2)).get(0);

    // 21 repositories a network: git 1,000 x 21/6 x 6 GiB x 0.96; Helios 1,000 x 3.5 x 1.2 GiB x 0.96
    assertLine(larger, 20160.00, 4032.00);
    // 3 a network: git 1,000 x 3/6 x 6 GiB x 0.96; Helios keeps the whole measured network, 1.2 GiB
    assertLine(smaller, 2880.00, 1152.00);
  }

  @Test
  void compute_cloneWithoutPackBytes_pricesWhatTheServerWrote() {
    WorkloadResult clone = new WorkloadResult("clone", "Clones", "Clones.", 10, Map.of(),
        List.of(side("git", false, Map.of("wchar", 524_288_000.0)), side("helios", true, Map.of("wchar", 536_870_912.0))),
        List.of());

    CostLine line = CostModel.compute(List.of(clone), Pricing.defaults(), Fleet.defaults()).get(0);

    // 500 MiB / 10 clones = 0.048828125 GiB per clone x 10,000 x 365 x $0.09
    assertLine(line, 16040.04, 16425.00);
    assertThat(line.formula()).startsWith("server wchar ÷ clones measured");
  }

  @Test
  void compute_workloadNotRun_omitsItsLines() {
    List<WorkloadResult> onlyClone = workloads().stream().filter(w -> w.name().equals("clone")).toList();

    List<CostLine> lines = CostModel.compute(onlyClone, Pricing.defaults(), Fleet.defaults());

    assertThat(lines).extracting(CostLine::name).containsExactly("Egress for clones");
  }

  private static void assertLine(CostLine line, double git, double helios) {
    assertThat(line).as("cost line").isNotNull();
    assertThat(line.gitPerYear()).as(line.name() + ", git").isCloseTo(git, CENT);
    assertThat(line.heliosPerYear()).as(line.name() + ", Helios").isCloseTo(helios, CENT);
  }

  private static Map<String, CostLine> byName(List<CostLine> lines) {
    Map<String, CostLine> map = new LinkedHashMap<>();
    lines.forEach(l -> map.put(l.name(), l));
    return map;
  }

  private static Fleet fleet(double forks) {
    Map<String, Fleet.Parameter> parameters = new LinkedHashMap<>(Fleet.defaults().parameters());
    parameters.put(Fleet.FORKS_PER_REPOSITORY, new Fleet.Parameter(forks, "forks", "forks"));
    return new Fleet("test", parameters);
  }

  /** All five workloads with round figures; only the medians matter to the cost lines. */
  static List<WorkloadResult> workloads() {
    return List.of(
        workload("workspace-commit", 10,
            side("git", false, Map.of("write_bytes", 40e6, "syscw", 20_000.0, "disk_growth_bytes", 50e6,
                "files_created", 30.0, "wall_ms", 9_000.0, "cpu_ms", 7_000.0)),
            side("git-tuned", false, Map.of("write_bytes", 2e6, "syscw", 3_000.0, "disk_growth_bytes", 20e6,
                "files_created", 30.0, "wall_ms", 5_000.0, "cpu_ms", 4_000.0)),
            side("helios", true, Map.of("write_bytes", 4e5, "syscw", 500.0, "disk_growth_bytes", 1e6,
                "files_created", 5.0, "wall_ms", 2_000.0, "cpu_ms", 3_000.0)),
            side("helios-import", true, Map.of("write_bytes", 6e5, "syscw", 700.0, "disk_growth_bytes", 1.5e6,
                "files_created", 6.0, "wall_ms", 11_000.0, "cpu_ms", 9_500.0))),
        workload("push", 5,
            side("git", false, Map.of("write_bytes", 5e6, "syscw", 2_000.0, "disk_growth_bytes", 2.5e6,
                "wchar", 6e6, "wall_ms", 1_500.0, "cpu_ms", 400.0)),
            side("helios", true, Map.of("write_bytes", 1e6, "syscw", 400.0, "disk_growth_bytes", 1e6,
                "wchar", 2e6, "wall_ms", 1_200.0, "cpu_ms", 900.0))),
        workload("ci-checkout", 4,
            side("git-fresh-clone", false, Map.of("write_bytes", 80e6, "syscw", 40_000.0, "wall_ms", 8_000.0,
                "cpu_ms", 6_000.0)),
            side("git-fetch-checkout", false, Map.of("write_bytes", 8e6, "syscw", 4_000.0, "wall_ms", 2_000.0,
                "cpu_ms", 1_000.0)),
            side("helios", true, Map.of("write_bytes", 2e6, "syscw", 1_000.0, "wall_ms", 2_500.0,
                "cpu_ms", 2_000.0))),
        workload("fork-network", 6,
            side("git", false, Map.of("disk_allocated_bytes", 6 * GIB, "write_bytes", 6.5 * GIB,
                "wall_ms", 30_000.0, "cpu_ms", 25_000.0)),
            side("helios", true, Map.of("disk_allocated_bytes", 1.2 * GIB, "write_bytes", 1.4 * GIB,
                "wall_ms", 40_000.0, "cpu_ms", 45_000.0))),
        workload("clone", 10,
            side("git", false, Map.of("wchar", 1_048_576_000.0, "pack_bytes_per_clone", 52_428_800.0,
                "write_bytes", 0.0, "wall_ms", 3_000.0, "cpu_ms", 2_500.0)),
            side("helios", true, Map.of("wchar", 536_870_912.0, "pack_bytes_per_clone", 0.05 * GIB,
                "write_bytes", 0.0, "wall_ms", 3_500.0, "cpu_ms", 3_200.0))));
  }

  private static WorkloadResult workload(String name, int operations, Side... sides) {
    return new WorkloadResult(name, "The " + name + " workload", "What " + name + " does.", operations,
        Map.of("operations", operations), List.of(sides), List.of("A note on " + name + "."));
  }

  /** A side whose every figure has three values around the given median. */
  private static Side side(String key, boolean helios, Map<String, Double> medians) {
    Map<String, Figure> figures = new LinkedHashMap<>();
    medians.forEach((k, v) -> figures.put(k, new Figure(k, unit(k), List.of(v * 0.9, v, v * 1.2))));
    return new Side(key, (helios ? "Helios " : "git ") + key, helios, "How " + key + " ran.", "fsync of " + key,
        figures);
  }

  private static String unit(String key) {
    return key.endsWith("_ms") ? "ms" : key.startsWith("sys") ? "calls" : key.equals("files_created") ? "files"
        : "bytes";
  }
}
