package dev.helios.benchmarks.vst;

import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Changes one file of a {@link BenchmarkTree} and commits, many times, timing each {@code
 * commit()} and each whole {@code write()} + {@code commit()} cycle. Confined to one thread; one
 * loop per workspace.
 */
public final class CommitLoop {
  /*
   * Per commit: pick a file uniformly at random, fill a reused buffer with new random content
   * (not timed), then time write() (hashes the 4 KiB and path-copies the directories) and
   * commit() (encodes and hashes the changed nodes and writes them, the content, the snapshot and
   * the ref in one RocksDB write) with System.nanoTime. Latencies go to HdrHistograms in
   * nanoseconds, 3 significant digits; commits to the large directory are also counted apart.
   */

  private final Workspace workspace;
  private final BenchmarkTree tree;
  private final SplittableRandom random;
  private final byte[] content = new byte[BenchmarkTree.FILE_BYTES];

  /** A loop over {@code workspace}, whose tree is {@code tree}, choosing files with {@code seed}. */
  public CommitLoop(Workspace workspace, BenchmarkTree tree, long seed) {
    this.workspace = workspace;
    this.tree = tree;
    this.random = new SplittableRandom(seed);
  }

  /** Makes {@code commits} commits without recording them. */
  public void warmUp(int commits) throws IOException {
    run(commits);
  }

  /** Makes {@code commits} commits and returns their latencies. */
  public Result run(int commits) throws IOException {
    Result result = new Result();
    long start = System.nanoTime();
    for (int i = 0; i < commits; i++) {
      int file = random.nextInt(tree.size());
      BenchmarkTree.fill(random, content);
      long t0 = System.nanoTime();
      workspace.write(tree.path(file), content);
      long t1 = System.nanoTime();
      workspace.commit("change one file");
      long t2 = System.nanoTime();
      result.commit.recordValue(t2 - t1);
      result.cycle.recordValue(t2 - t0);
      (tree.inBigDirectory(file) ? result.commitBigDirectory : result.commitHierarchy)
          .recordValue(t2 - t1);
    }
    result.nanos = System.nanoTime() - start;
    return result;
  }

  /** Latencies of the commits of one or more loops. Not thread-safe. */
  public static final class Result {
    /** {@code commit()} alone, nanoseconds. */
    public final Histogram commit = histogram();
    /** {@code write()} + {@code commit()}, nanoseconds. */
    public final Histogram cycle = histogram();
    /** {@code commit()} of a file in the large directory, nanoseconds. */
    public final Histogram commitBigDirectory = histogram();
    /** {@code commit()} of a file elsewhere, nanoseconds. */
    public final Histogram commitHierarchy = histogram();
    /** Wall time of the loop (the longest, after {@link #add}), nanoseconds. */
    public long nanos;

    /** Adds the latencies of {@code other}; wall time becomes the longer of the two. */
    public void add(Result other) {
      commit.add(other.commit);
      cycle.add(other.cycle);
      commitBigDirectory.add(other.commitBigDirectory);
      commitHierarchy.add(other.commitHierarchy);
      nanos = Math.max(nanos, other.nanos);
    }

    /** Commits recorded. */
    public long commits() {
      return commit.getTotalCount();
    }

    /** Commits a second over the wall time. */
    public double commitsPerSecond() {
      return nanos == 0 ? 0 : commits() * 1e9 / nanos;
    }

    /** P50, P95, P99, P99.9 and max of {@code h} in microseconds, with the count. */
    public static Map<String, Object> percentiles(Histogram h) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("p50_us", micros(h.getValueAtPercentile(50)));
      p.put("p95_us", micros(h.getValueAtPercentile(95)));
      p.put("p99_us", micros(h.getValueAtPercentile(99)));
      p.put("p999_us", micros(h.getValueAtPercentile(99.9)));
      p.put("max_us", micros(h.getMaxValue()));
      p.put("count", h.getTotalCount());
      return p;
    }

    /** Nanoseconds as microseconds. */
    public static double micros(long nanos) {
      return nanos / 1000.0;
    }

    private static Histogram histogram() {
      return new Histogram(3_600_000_000_000L, 3);
    }
  }
}
