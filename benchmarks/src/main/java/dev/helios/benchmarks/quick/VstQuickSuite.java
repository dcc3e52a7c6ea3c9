package dev.helios.benchmarks.quick;

import dev.helios.benchmarks.vst.BenchmarkTree;
import dev.helios.benchmarks.vst.CommitLoop;
import dev.helios.engine.Storage;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code helios benchmark --suite vst}: workspace commit latency of one changed 4 KiB file in a
 * tree of 20,000 files, 5,000 warm-up and 20,000 measured commits, one thread, WAL without fsync,
 * in a temporary directory deleted afterwards; about 10 seconds. The JSON starts with {@code
 * suite} ("vst-commit"), {@code files}, {@code commits} and the {@code commit()} percentiles in
 * µs ({@code p50_us} … {@code max_us}); more keys follow. Confined to the calling thread.
 */
public final class VstQuickSuite implements QuickSuite {
  /*
   * A shorter run of dev.helios.benchmarks.vst.WorkspaceCommitBenchmark's headline variant:
   * same tree layout (a tenth of the files in one directory), same loop. A health check: the
   * harness with 100,000 files and 100,000 commits gives the publishable figures.
   */

  private static final long SEED = 42;
  private static final int FILES = 20_000;
  private static final int WARMUP = 5_000;
  private static final int COMMITS = 20_000;

  @Override
  public String name() {
    return "vst";
  }

  @Override
  public Map<String, Object> run(Consumer<String> progress) throws Exception {
    BenchmarkTree tree = BenchmarkTree.of(FILES);
    Path dir = Files.createTempDirectory("helios-quick-vst-");
    try (Storage storage =
            Storage.open(StorageOptions.builder(dir).syncPolicy(SyncPolicy.WAL).build(), CacheOptions.defaults());
        Workspace workspace = storage.workspaces().create("bench")) {
      tree.build(workspace, SEED, 10_000, progress);
      CommitLoop loop = new CommitLoop(workspace, tree, SEED + 1);
      progress.accept(WARMUP + " warm-up commits");
      loop.warmUp(WARMUP);
      progress.accept(COMMITS + " measured commits");
      CommitLoop.Result r = loop.run(COMMITS);

      Map<String, Object> out = new LinkedHashMap<>();
      out.put("suite", "vst-commit");
      out.put("files", FILES);
      out.put("commits", r.commits());
      Map<String, Object> commit = CommitLoop.Result.percentiles(r.commit);
      commit.remove("count");
      commit.forEach((k, v) -> out.put(k, round(v)));
      out.put("warmup", WARMUP);
      out.put("sync_policy", SyncPolicy.WAL.name());
      out.put("commits_per_s", Math.round(r.commitsPerSecond()));
      out.put("write_and_commit", rounded(CommitLoop.Result.percentiles(r.cycle)));
      out.put("commit_big_directory", rounded(CommitLoop.Result.percentiles(r.commitBigDirectory)));
      out.put("commit_hierarchy", rounded(CommitLoop.Result.percentiles(r.commitHierarchy)));
      return out;
    } finally {
      deleteTree(dir);
    }
  }

  private static Map<String, Object> rounded(Map<String, Object> percentiles) {
    percentiles.replaceAll((k, v) -> round(v));
    return percentiles;
  }

  private static Object round(Object value) {
    return value instanceof Double d ? Math.round(d * 1000) / 1000.0 : value;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
