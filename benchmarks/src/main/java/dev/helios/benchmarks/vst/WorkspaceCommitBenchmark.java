package dev.helios.benchmarks.vst;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.helios.engine.Storage;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/**
 * How long does a workspace commit of one changed 4 KiB file take in a tree of 100,000 files, at
 * P50 to P99.9, and what does it write? One thread with WAL and no fsync is the headline; the
 * harness also runs FSYNC, GROUP with 1 and with 4 threads, and WAL with 2 threads (each thread on
 * its own workspace in the same storage) for throughput. Run it with {@code main}; see
 * benchmarks/README.md. Not thread-safe (it starts and joins its own threads).
 */
public final class WorkspaceCommitBenchmark {
  /*
   * One Storage (RocksDB, default options, L1 cache defaults) in a temporary directory under
   * --dir. The tree is built through workspace "bench" and committed every 10,000 files (not
   * measured). Then, in order, on the same storage:
   *   wal      "bench", WAL: --warmup commits, then --commits measured; /proc/self/io deltas over
   *            the measured commits; heap after System.gc().
   *   fsync    "bench", FSYNC: a tenth of --fsync-commits as warm-up, then --fsync-commits.
   *   group-1  the same with GROUP.
   *   group-4  4 new workspaces at bench's head, each loaded whole (every directory listed),
   *            4 threads, GROUP, --fsync-commits per thread.
   *   wal-2    2 of those workspaces, 2 threads, WAL, --threads-commits per thread.
   * Threads warm up, meet at a barrier, and are timed from there; commits/s is all their commits
   * over the longest thread's wall time. Logical bytes per commit come from replaying the
   * workload on in-memory storage at the end (LogicalBytes).
   */

  private static final String USAGE =
      String.join(
          "\n",
          "usage: WorkspaceCommitBenchmark [options]",
          "  --files N            files in the tree (100000)",
          "  --warmup N           unmeasured WAL commits first (20000)",
          "  --commits N          measured WAL commits (100000)",
          "  --fsync-commits N    measured commits per thread of fsync, group-1, group-4 (2000)",
          "  --threads-commits N  measured commits per thread of wal-2 (50000)",
          "  --logical-commits N  commits replayed in memory for logical bytes; 0 skips (2000)",
          "  --variants A,B       of wal,fsync,group-1,group-4,wal-2 (all; wal always runs)",
          "  --seed N             seed of contents and file choices (42)",
          "  --dir DIR            parent of the temporary data directory (java.io.tmpdir)",
          "  --json               print one JSON document instead of tables",
          "  --help");

  private static final List<String> ALL_VARIANTS = List.of("wal", "fsync", "group-1", "group-4", "wal-2");

  private int files = 100_000;
  private int warmup = 20_000;
  private int commits = 100_000;
  private int fsyncCommits = 2_000;
  private int threadsCommits = 50_000;
  private int logicalCommits = 2_000;
  private List<String> variants = ALL_VARIANTS;
  private long seed = 42;
  private Path parent = Path.of(System.getProperty("java.io.tmpdir"));
  private boolean json;

  private final PrintStream log = System.err;

  private WorkspaceCommitBenchmark() {}

  /**
   * Runs the benchmark. A bad option prints the usage and throws (the JVM then exits non-zero);
   * only the CLI's Main may call System.exit.
   */
  public static void main(String[] args) throws Exception {
    WorkspaceCommitBenchmark benchmark = new WorkspaceCommitBenchmark();
    try {
      if (!benchmark.parse(args)) {
        System.out.println(USAGE);
        return;
      }
    } catch (IllegalArgumentException e) {
      System.err.println(USAGE);
      throw e;
    }
    Map<String, Object> document = benchmark.run();
    if (benchmark.json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
    } else {
      Report.print(System.out, document);
    }
  }

  private boolean parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help")) {
        return false;
      }
      if (a.equals("--json")) {
        json = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--files" -> files = positive(a, v);
        case "--warmup" -> warmup = nonNegative(a, v);
        case "--commits" -> commits = positive(a, v);
        case "--fsync-commits" -> fsyncCommits = positive(a, v);
        case "--threads-commits" -> threadsCommits = positive(a, v);
        case "--logical-commits" -> logicalCommits = nonNegative(a, v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--dir" -> parent = Path.of(v);
        case "--variants" -> {
          variants = Arrays.asList(v.split(","));
          for (String name : variants) {
            if (!ALL_VARIANTS.contains(name)) {
              throw new IllegalArgumentException("unknown variant '" + name + "'; choose from " + ALL_VARIANTS);
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return true;
  }

  private Map<String, Object> run() throws Exception {
    BenchmarkTree tree = BenchmarkTree.of(files);
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "helios-bench-vst-");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("benchmark", "vst-workspace-commit");
    doc.put("machine", MachineInfo.describe(dir));
    doc.put("blake3_implementation", Blake3.implementation());
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("files", tree.size());
    setup.put("big_directory_files", tree.bigDirectoryFiles());
    setup.put("file_bytes", BenchmarkTree.FILE_BYTES);
    setup.put("seed", seed);
    setup.put("storage", "RocksDB, StorageOptions and CacheOptions defaults");
    doc.put("setup", setup);
    List<Map<String, Object>> results = new ArrayList<>();
    doc.put("variants", results);
    try (Storage storage =
        Storage.open(StorageOptions.builder(dir.resolve("data")).build(), CacheOptions.defaults())) {
      Workspace bench = storage.workspaces().create("bench");
      long t0 = System.nanoTime();
      tree.build(bench, seed, 10_000, log::println);
      setup.put("build_seconds", round((System.nanoTime() - t0) / 1e9));
      results.add(headline(bench, tree));
      doc.put("heap_after_wal", heap());
      if (variants.contains("fsync")) {
        results.add(single(bench, tree, "fsync", SyncPolicy.FSYNC, seed + 2));
      }
      if (variants.contains("group-1")) {
        results.add(single(bench, tree, "group-1", SyncPolicy.GROUP, seed + 3));
      }
      List<Workspace> others = new ArrayList<>();
      Hash head = bench.head().orElseThrow();
      if (variants.contains("group-4") || variants.contains("wal-2")) {
        int count = variants.contains("group-4") ? 4 : 2;
        for (int i = 0; i < count; i++) {
          Workspace w = storage.workspaces().create("thread-" + i, head);
          log.println("loading workspace thread-" + i + ": " + BenchmarkTree.load(w) + " directories");
          others.add(w);
        }
      }
      if (variants.contains("group-4")) {
        results.add(concurrent(others.subList(0, 4), tree, "group-4", SyncPolicy.GROUP, fsyncCommits / 10, fsyncCommits));
      }
      if (variants.contains("wal-2")) {
        results.add(concurrent(others.subList(0, 2), tree, "wal-2", SyncPolicy.WAL, warmup / 4, threadsCommits));
      }
      doc.put("heap_at_end", heap());
      for (Workspace w : others) {
        w.close();
      }
      bench.close();
    } finally {
      delete(dir);
    }
    if (logicalCommits > 0) {
      doc.put("logical_bytes_per_commit", LogicalBytes.measure(tree, seed, logicalCommits, log::println));
    }
    // As it stands after the runs: C2 compiles the BLAKE3 lane kernels only after a while.
    doc.put("blake3_implementation", Blake3.implementation());
    castMap(doc.get("machine")).put("load_average_at_end", MachineInfo.loadAverage());
    return doc;
  }

  private Map<String, Object> headline(Workspace bench, BenchmarkTree tree) throws IOException {
    CommitLoop loop = new CommitLoop(bench, tree, seed + 1);
    log.println("wal: " + warmup + " warm-up commits");
    loop.warmUp(warmup);
    log.println("wal: " + commits + " measured commits");
    long[] io0 = MachineInfo.ioCounters();
    CommitLoop.Result r = loop.run(commits);
    long[] io1 = MachineInfo.ioCounters();
    Map<String, Object> m = variant("wal", SyncPolicy.WAL, 1, warmup, r);
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("big_directory", CommitLoop.Result.percentiles(r.commitBigDirectory));
    split.put("hierarchy", CommitLoop.Result.percentiles(r.commitHierarchy));
    m.put("commit_by_place", split);
    Map<String, Object> io = new LinkedHashMap<>();
    io.put("wchar_bytes_per_commit", io0[0] < 0 ? -1 : round((io1[0] - io0[0]) / (double) r.commits()));
    io.put("write_bytes_per_commit", io0[1] < 0 ? -1 : round((io1[1] - io0[1]) / (double) r.commits()));
    m.put("os_io", io);
    return m;
  }

  private Map<String, Object> single(Workspace w, BenchmarkTree tree, String name, SyncPolicy policy, long loopSeed)
      throws IOException {
    w.durability(policy);
    CommitLoop loop = new CommitLoop(w, tree, loopSeed);
    log.println(name + ": " + fsyncCommits / 10 + " warm-up, " + fsyncCommits + " measured commits");
    loop.warmUp(fsyncCommits / 10);
    long[] io0 = MachineInfo.ioCounters();
    CommitLoop.Result r = loop.run(fsyncCommits);
    long[] io1 = MachineInfo.ioCounters();
    w.durability(SyncPolicy.WAL);
    Map<String, Object> m = variant(name, policy, 1, fsyncCommits / 10, r);
    Map<String, Object> io = new LinkedHashMap<>();
    io.put("wchar_bytes_per_commit", io0[0] < 0 ? -1 : round((io1[0] - io0[0]) / (double) r.commits()));
    io.put("write_bytes_per_commit", io0[1] < 0 ? -1 : round((io1[1] - io0[1]) / (double) r.commits()));
    m.put("os_io", io);
    return m;
  }

  private Map<String, Object> concurrent(
      List<Workspace> workspaces, BenchmarkTree tree, String name, SyncPolicy policy, int warm, int perThread)
      throws Exception {
    int threads = workspaces.size();
    log.println(name + ": " + threads + " threads, " + warm + " warm-up and " + perThread + " measured commits each");
    CyclicBarrier start = new CyclicBarrier(threads);
    CommitLoop.Result[] results = new CommitLoop.Result[threads];
    Throwable[] failures = new Throwable[threads];
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      Workspace w = workspaces.get(i);
      Thread t =
          new Thread(
              () -> {
                try {
                  w.durability(policy);
                  CommitLoop loop = new CommitLoop(w, tree, seed + 100 + index);
                  loop.warmUp(warm);
                  start.await();
                  results[index] = loop.run(perThread);
                } catch (Throwable e) {
                  failures[index] = e;
                  start.reset();
                }
              },
              "vst-bench-" + name + "-" + i);
      running.add(t);
      t.start();
    }
    for (Thread t : running) {
      t.join();
    }
    for (Throwable f : failures) {
      if (f != null) {
        throw new IllegalStateException(name + " failed: " + f, f);
      }
    }
    CommitLoop.Result all = new CommitLoop.Result();
    for (CommitLoop.Result r : results) {
      all.add(r);
    }
    return variant(name, policy, threads, warm, all);
  }

  private static Map<String, Object> variant(
      String name, SyncPolicy policy, int threads, int warm, CommitLoop.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("variant", name);
    m.put("sync_policy", policy.name());
    m.put("threads", threads);
    m.put("warmup_per_thread", warm);
    m.put("commits", r.commits());
    m.put("commit", CommitLoop.Result.percentiles(r.commit));
    m.put("write_and_commit", CommitLoop.Result.percentiles(r.cycle));
    m.put("commits_per_s", Math.round(r.commitsPerSecond()));
    return m;
  }

  private static Map<String, Object> heap() {
    System.gc();
    System.gc();
    Map<String, Object> m = new LinkedHashMap<>();
    var usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    m.put("used_mib", round(usage.getUsed() / 1048576.0));
    m.put("committed_mib", round(usage.getCommitted() / 1048576.0));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static int positive(String option, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be > 0: " + value);
    }
    return n;
  }

  private static int nonNegative(String option, String value) {
    int n = Integer.parseInt(value);
    if (n < 0) {
      throw new IllegalArgumentException(option + " must be >= 0: " + value);
    }
    return n;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
