package dev.helios.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the reports say about figures: their names in words, the reductions of each Helios side
 * against each git side, and the plain sentences for every figure where Helios does worse than
 * stock git. Stateless.
 */
final class ReportFigures {

  /** The time figures the charts show. */
  static final List<String> CHART_TIME = List.of("wall_ms", "cpu_ms");

  private static final Map<String, String> DESCRIPTIONS =
      Map.ofEntries(
          Map.entry("wall_ms", "wall-clock time"),
          Map.entry("cpu_ms", "CPU time (user + system)"),
          Map.entry("rchar", "bytes read through system calls (rchar, page cache included)"),
          Map.entry("wchar", "bytes written through system calls (wchar, page cache and sockets included)"),
          Map.entry("syscr", "read system calls (syscr)"),
          Map.entry("syscw", "write system calls (syscw)"),
          Map.entry("read_bytes", "bytes read from the block device (read_bytes)"),
          Map.entry("write_bytes", "bytes written to the block device (write_bytes)"),
          Map.entry("disk_apparent_bytes", "bytes stored afterwards, apparent size"),
          Map.entry("disk_allocated_bytes", "bytes stored afterwards, allocated on disk"),
          Map.entry("disk_growth_bytes", "growth of the allocated bytes"),
          Map.entry("files_created", "files created"),
          Map.entry("disk_allocated_stopped_bytes", "bytes stored after a clean stop, allocated on disk"),
          Map.entry("disk_reserved_bytes", "bytes allocated beyond the ends of files (a log's reserve)"),
          Map.entry("pack_bytes_per_clone", "bytes of the pack each client kept, per clone"));

  private static final Map<String, String> SHORT =
      Map.of(
          "write_bytes", "written to disk",
          "wchar", "written (wchar)",
          "disk_allocated_bytes", "stored on disk",
          "disk_allocated_stopped_bytes", "stored on disk",
          "wall_ms", "wall time",
          "cpu_ms", "CPU time");

  private ReportFigures() {}

  /** The byte figures the chart of {@code w} shows. */
  static List<String> chartBytes(WorkloadResult w) {
    return List.of("write_bytes", "wchar", storedKey(w));
  }

  /**
   * The figure for what each side stores: {@code disk_allocated_stopped_bytes} when every side
   * has it (a server measured after a clean stop, without its running reserves), else {@code
   * disk_allocated_bytes}.
   */
  static String storedKey(WorkloadResult w) {
    boolean stopped = !w.sides().isEmpty()
        && w.sides().stream().allMatch(s -> s.figure("disk_allocated_stopped_bytes") != null);
    return stopped ? "disk_allocated_stopped_bytes" : "disk_allocated_bytes";
  }

  /** The figure in words, or its key when it is a workload's own. */
  static String describe(String key) {
    return DESCRIPTIONS.getOrDefault(key, key.replace('_', ' '));
  }

  /** A short chart label. */
  static String shortLabel(String key) {
    return SHORT.getOrDefault(key, key);
  }

  /** {@code 1 - helios/git}, or null when git's median is 0. */
  static Double reduction(double helios, double git) {
    return git == 0 ? null : 1 - helios / git;
  }

  /**
   * One Helios side against one git side.
   *
   * @param helios the Helios side
   * @param baseline the git side
   * @param figures the figure keys both sides have, in the Helios side's order
   */
  record Pairing(Side helios, Side baseline, List<String> figures) {}

  /** Every Helios side against every git side of {@code w}. */
  static List<Pairing> pairings(WorkloadResult w) {
    List<Pairing> pairings = new ArrayList<>();
    for (Side h : w.sides()) {
      if (!h.helios()) {
        continue;
      }
      for (Side g : w.sides()) {
        if (!g.helios()) {
          pairings.add(new Pairing(h, g, common(h, g)));
        }
      }
    }
    return pairings;
  }

  /** The stock git side of {@code w} (see {@link CostModel#baselineKey}), or its first git side. */
  static Side stockGit(WorkloadResult w) {
    Side stock = w.side(CostModel.baselineKey(w.name()));
    if (stock != null && !stock.helios()) {
      return stock;
    }
    return w.sides().stream().filter(s -> !s.helios()).findFirst().orElse(null);
  }

  /** A plain sentence for every figure where a Helios side's median exceeds stock git's. */
  static List<String> worse(WorkloadResult w) {
    Side git = stockGit(w);
    List<String> sentences = new ArrayList<>();
    if (git == null) {
      return sentences;
    }
    for (Side h : w.sides()) {
      if (!h.helios()) {
        continue;
      }
      for (String key : common(h, git)) {
        double hm = h.figure(key).median();
        double gm = git.figure(key).median();
        if (hm > gm) {
          String unit = h.figure(key).unit();
          sentences.add(
              w.name() + ": " + h.label() + " — " + describe(key) + ": " + ReportFormat.value(hm, unit)
                  + " against " + ReportFormat.value(gm, unit) + " for " + git.label()
                  + (gm > 0 ? " (" + ReportFormat.ratio(hm / gm) + " as much)." : "."));
        }
      }
    }
    return sentences;
  }

  private static List<String> common(Side a, Side b) {
    List<String> keys = new ArrayList<>();
    for (String k : a.figures().keySet()) {
      if (b.figure(k) != null) {
        keys.add(k);
      }
    }
    return keys;
  }
}
