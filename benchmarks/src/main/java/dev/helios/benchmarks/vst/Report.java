package dev.helios.benchmarks.vst;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints the result document of {@link WorkspaceCommitBenchmark} as text tables. Stateless. */
final class Report {
  private Report() {}

  static void print(PrintStream out, Map<String, Object> doc) {
    out.println("machine:");
    map(doc.get("machine")).forEach((k, v) -> out.printf("  %-22s %s%n", k, v));
    out.println("  blake3                 " + doc.get("blake3_implementation"));
    out.println("setup:");
    map(doc.get("setup")).forEach((k, v) -> out.printf("  %-22s %s%n", k, v));
    out.println();
    out.printf(
        "%-8s %-5s %3s %7s | %-44s | %-30s | %9s%n",
        "variant", "sync", "thr", "commits", "commit() µs: P50 / P95 / P99 / P99.9 / max",
        "write+commit µs: P50 / P95 / P99", "commits/s");
    for (Object o : (List<?>) doc.get("variants")) {
      Map<String, Object> v = map(o);
      Map<String, Object> c = map(v.get("commit"));
      Map<String, Object> w = map(v.get("write_and_commit"));
      out.printf(
          "%-8s %-5s %3s %7s | %8.1f %8.1f %8.1f %8.1f %8.1f | %9.1f %9.1f %9.1f | %9s%n",
          v.get("variant"), v.get("sync_policy"), v.get("threads"), v.get("commits"),
          c.get("p50_us"), c.get("p95_us"), c.get("p99_us"), c.get("p999_us"), c.get("max_us"),
          w.get("p50_us"), w.get("p95_us"), w.get("p99_us"), v.get("commits_per_s"));
    }
    out.println();
    for (Object o : (List<?>) doc.get("variants")) {
      Map<String, Object> v = map(o);
      if (v.containsKey("commit_by_place")) {
        map(v.get("commit_by_place"))
            .forEach(
                (place, p) -> {
                  Map<String, Object> q = map(p);
                  out.printf(
                      "%s commit() in %-13s P50 %.1f  P95 %.1f  P99 %.1f µs  (%s commits)%n",
                      v.get("variant"), place, q.get("p50_us"), q.get("p95_us"), q.get("p99_us"),
                      q.get("count"));
                });
      }
      if (v.containsKey("os_io")) {
        Map<String, Object> io = map(v.get("os_io"));
        out.printf(
            "%s OS-level bytes per commit (/proc/self/io, WAL + flushes + compactions): wchar %s, write_bytes %s%n",
            v.get("variant"), io.get("wchar_bytes_per_commit"), io.get("write_bytes_per_commit"));
      }
    }
    if (doc.containsKey("logical_bytes_per_commit")) {
      Map<String, Object> lb = map(doc.get("logical_bytes_per_commit"));
      out.println("logical bytes per commit (keys + values handed to RocksDB, replayed in memory):");
      for (String k : List.of("total", "big_directory", "hierarchy")) {
        out.printf("  %-14s %s%n", k, lb.get(k));
      }
    }
    out.println("heap after wal (after System.gc()): " + doc.get("heap_after_wal"));
    out.println("heap at end: " + doc.get("heap_at_end"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
