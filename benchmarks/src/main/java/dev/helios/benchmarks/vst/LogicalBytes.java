package dev.helios.benchmarks.vst;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The logical size of a commit's write: what one commit hands RocksDB (chunk keys and values,
 * and the ref), before the WAL's framing, compression or compaction. Measured by replaying the
 * same workload on in-memory storage, whose chunk counters are exact. Stateless.
 */
final class LogicalBytes {
  /*
   * The in-memory store and the RocksDB one receive the same batches: Storage.commit writes the
   * chunks not already stored (RocksChunkStore.stage skips the stored ones, the memory store
   * counts only new ones) and the metadata puts; the ref's expectation is a read, not a write.
   * So per commit: chunk value bytes and count (content + changed directory nodes + snapshot),
   * 32-byte keys per chunk, and the ref put (its key and the 32-byte snapshot id).
   */

  private static final String WORKSPACE = "bench";

  private LogicalBytes() {}

  /**
   * Builds {@code tree} in memory with {@code seed} and returns the per-commit logical bytes over
   * {@code commits} commits (overall and split by large directory / elsewhere).
   */
  static Map<String, Object> measure(
      BenchmarkTree tree, long seed, int commits, Consumer<String> progress) throws IOException {
    try (Storage storage = Storage.inMemory();
        Workspace workspace = storage.workspaces().create(WORKSPACE)) {
      tree.build(workspace, seed, 10_000, line -> progress.accept("logical bytes: " + line));
      progress.accept("logical bytes: " + commits + " commits in memory");
      ChunkStore chunks = storage.chunks();
      SplittableRandom random = new SplittableRandom(seed + 1);
      byte[] content = new byte[BenchmarkTree.FILE_BYTES];
      long[] bytes = new long[2];
      long[] count = new long[2];
      long[] commitsBy = new long[2];
      for (int i = 0; i < commits; i++) {
        int file = random.nextInt(tree.size());
        BenchmarkTree.fill(random, content);
        ChunkStore.Stats before = chunks.stats();
        workspace.write(tree.path(file), content);
        workspace.commit("change one file");
        ChunkStore.Stats after = chunks.stats();
        int k = tree.inBigDirectory(file) ? 0 : 1;
        bytes[k] += after.logicalBytes() - before.logicalBytes();
        count[k] += after.chunks() - before.chunks();
        commitsBy[k]++;
      }
      int refBytes = ("vst/ref/" + WORKSPACE + "/" + workspace.branch()).getBytes(StandardCharsets.UTF_8).length
          + Hash.LENGTH;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("commits", commits);
      out.put("total", perCommit(bytes[0] + bytes[1], count[0] + count[1], commits, refBytes));
      out.put("big_directory", perCommit(bytes[0], count[0], commitsBy[0], refBytes));
      out.put("hierarchy", perCommit(bytes[1], count[1], commitsBy[1], refBytes));
      return out;
    }
  }

  private static Map<String, Object> perCommit(long values, long chunks, long commits, int refBytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    double n = Math.max(1, commits);
    double chunkKeys = chunks * (double) Hash.LENGTH / n;
    m.put("chunks", round(chunks / n));
    m.put("chunk_value_bytes", round(values / n));
    m.put("chunk_key_bytes", round(chunkKeys));
    m.put("ref_bytes", refBytes);
    m.put("bytes", round(values / n + chunkKeys + refBytes));
    m.put("commits", commits);
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
