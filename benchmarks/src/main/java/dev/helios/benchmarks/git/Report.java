package dev.helios.benchmarks.git;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects every timed run and renders the Markdown tables (median, min and max per operation
 * and server; ratio of medians to C git) and the JSON file. Confined to the harness thread.
 */
final class Report {
  private static final String BASELINE = "git-http-backend";

  /**
   * One timed run.
   *
   * @param repetition 0-based; warm-up repetitions are numbered before the measured ones
   * @param warmup true if the run is not part of the statistics
   * @param operation {@link Operation#key()}
   * @param server {@link ServerUnderTest#key()}
   * @param position the server's place in this repetition's order, 0-based
   * @param seconds wall-clock time from starting git to its exit (for concurrent clones, of
   *     all of them)
   */
  record RunRecord(
      int repetition, boolean warmup, String operation, String server, int position,
      double seconds) {}

  /**
   * Median, minimum, maximum and count of one operation on one server, in seconds.
   *
   * @param ratioToBaseline median over C git's median, or NaN without a baseline
   */
  record Stat(double median, double min, double max, int n, double ratioToBaseline) {}

  private final List<ServerUnderTest> servers;
  private final List<RunRecord> runs = new ArrayList<>();
  private final Map<String, Map<String, Object>> memory = new LinkedHashMap<>();

  Report(List<ServerUnderTest> servers) {
    this.servers = List.copyOf(servers);
  }

  void add(RunRecord run) {
    runs.add(run);
  }

  void memory(ServerUnderTest server, Map<String, Object> figures) {
    memory.put(server.key(), figures);
  }

  /** Statistics of the measured runs of {@code op} on {@code server}, or null if none. */
  Stat stat(Operation op, String server) {
    double[] t = runs.stream()
        .filter(r -> !r.warmup() && r.operation().equals(op.key()) && r.server().equals(server))
        .mapToDouble(RunRecord::seconds).sorted().toArray();
    if (t.length == 0) {
      return null;
    }
    double median = median(t);
    double ratio = Double.NaN;
    if (!server.equals(BASELINE)) {
      Stat base = stat(op, BASELINE);
      if (base != null && base.median() > 0) {
        ratio = median / base.median();
      }
    } else {
      ratio = 1.0;
    }
    return new Stat(median, t[0], t[t.length - 1], t.length, ratio);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The timing table and the memory table, as Markdown. */
  String markdown(int clones) {
    StringBuilder b = new StringBuilder();
    b.append("| operation |");
    servers.forEach(s -> b.append(' ').append(s.label()).append(" |"));
    b.append("\n| --- |");
    servers.forEach(s -> b.append(" ---: |"));
    b.append('\n');
    for (Operation op : Operation.values()) {
      String label = op == Operation.CLONE_CONCURRENT
          ? clones + " clones at once (wall time)" : op.label();
      b.append("| ").append(label).append(" |");
      for (ServerUnderTest s : servers) {
        Stat st = stat(op, s.key());
        if (st == null) {
          b.append(" – |");
          continue;
        }
        b.append(String.format(Locale.ROOT, " %.3f s (%.3f–%.3f)", st.median(), st.min(), st.max()));
        if (!Double.isNaN(st.ratioToBaseline()) && !s.key().equals(BASELINE)) {
          b.append(String.format(Locale.ROOT, " ×%.2f", st.ratioToBaseline()));
        }
        b.append(" |");
      }
      b.append('\n');
    }
    b.append("\nMedian (min–max) seconds; ×: median over C git's median.\n\n");

    b.append("| server | RSS at end | peak RSS (VmHWM) | peak sampled process-tree RSS"
        + " | heap used at end | live heap after full GC |\n");
    b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (ServerUnderTest s : servers) {
      Map<String, Object> m = memory.getOrDefault(s.key(), Map.of());
      b.append("| ").append(s.label()).append(" | ")
          .append(mib(m.get("rssKb"))).append(" | ")
          .append(mib(m.get("hwmKb"))).append(" | ")
          .append(mib(m.get("peakTreeRssKb"))).append(" | ")
          .append(mib(m.get("heapUsedKb"))).append(" | ")
          .append(mib(m.get("heapLiveAfterFullGcKb"))).append(" |\n");
    }
    b.append("\nMiB. The RSS and VmHWM of C git are lighttpd's alone: http-backend, upload-pack and"
        + " pack-objects run per request and are seen only by the 100 ms process-tree samples.\n");
    return b.toString();
  }

  private static String mib(Object kb) {
    return kb instanceof Long k ? String.format(Locale.ROOT, "%.0f", k / 1024.0) : "–";
  }

  /**
   * Writes {@code header}, the servers' settings, the statistics, the memory figures and every
   * run to {@code file}.
   *
   * @throws IOException if the file cannot be written
   */
  void writeJson(Path file, Map<String, Object> header) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>(header);
    Map<String, Object> serverInfo = new LinkedHashMap<>();
    for (ServerUnderTest s : servers) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("label", s.label());
      info.put("settings", s.settings());
      info.put("memory", memory.getOrDefault(s.key(), Map.of()));
      serverInfo.put(s.key(), info);
    }
    root.put("servers", serverInfo);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (Operation op : Operation.values()) {
      for (ServerUnderTest s : servers) {
        Stat st = stat(op, s.key());
        if (st != null) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("operation", op.key());
          row.put("server", s.key());
          row.put("medianSeconds", st.median());
          row.put("minSeconds", st.min());
          row.put("maxSeconds", st.max());
          row.put("n", st.n());
          row.put("ratioToGitHttpBackend",
              Double.isNaN(st.ratioToBaseline()) ? null : st.ratioToBaseline());
          summary.add(row);
        }
      }
    }
    root.put("summary", summary);
    root.put("runs", runs);
    root.put("operations", Arrays.stream(Operation.values())
        .map(o -> Map.of("key", o.key(), "label", o.label())).toList());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }
}
