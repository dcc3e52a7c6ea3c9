package dev.helios.benchmarks.quick;

import dev.helios.benchmarks.git.GitClient;
import dev.helios.benchmarks.git.RepositoryGenerator;
import dev.helios.engine.SyncPolicy;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.server.HeliosServer;
import dev.helios.git.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code helios benchmark --suite git}: stock {@code git} against an in-process Helios server on
 * 127.0.0.1 (an ephemeral port, a temporary data directory, WAL without fsync, anonymous write).
 * A generated repository of about 1 MiB is pushed once, then clones, no-op fetches and pushes
 * of one commit are timed; about 10 seconds. The JSON gives the median, min and max wall time
 * of each operation in milliseconds, stock git's process start included. Confined to the
 * calling thread.
 */
public final class GitQuickSuite implements QuickSuite {
  /*
   * Each operation is one stock git process, timed from start to exit, so the figures include
   * what a user waits for: process start, the HTTP round trips and the server's work. One
   * warm-up round of each operation comes first (the server's JIT and caches); the clones are
   * full (not --local, not shallow) into fresh directories. A health check: compare-git and
   * dev.helios.benchmarks.git.GitServingBenchmark give the publishable figures.
   */

  private static final long SEED = 42;
  private static final int MIB = 1;
  private static final int ROUNDS = 5;
  private static final String REPOSITORY = "quick";

  @Override
  public String name() {
    return "git";
  }

  @Override
  public Map<String, Object> run(Consumer<String> progress) throws Exception {
    Path dir = Files.createTempDirectory("helios-quick-git-");
    try {
      GitClient git = new GitClient(dir);
      progress.accept("generating a " + MIB + " MiB repository");
      Path source = dir.resolve("source.git");
      RepositoryGenerator.Summary generated = RepositoryGenerator.generate(source, MIB, SEED, git);
      ServerConfig config = ServerConfig.builder()
          .dataDirectory(dir.resolve("data"))
          .host("127.0.0.1")
          .port(0)
          .anonymous(AnonymousAccess.WRITE)
          .syncPolicy(SyncPolicy.WAL)
          .build();
      // The line about the initial administrator is of no use here.
      try (HeliosServer server = HeliosServer.start(config, line -> {})) {
        server.data().createRepository("benchmark", RepositoryName.parse(REPOSITORY));
        String url = server.uri() + "/git/" + REPOSITORY + ".git";

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("suite", name());
        out.put("git", git.run(null, "--version").strip().replaceFirst("^git version ", ""));
        out.put("repository_mib", MIB);
        out.put("commits", generated.commits());
        out.put("files", generated.files());
        out.put("sync_policy", SyncPolicy.WAL.name());
        out.put("rounds", ROUNDS);

        progress.accept("initial push");
        long t0 = System.nanoTime();
        git.run(source, "push", "-q", url, "main");
        out.put("initial_push_ms", round((System.nanoTime() - t0) / 1e6));

        List<Double> clones = new ArrayList<>();
        for (int i = 0; i <= ROUNDS; i++) {
          progress.accept(step("clone", i));
          double ms = time(git, dir, "clone", "-q", url, dir.resolve("clone-" + i).toString());
          if (i > 0) {
            clones.add(ms);
          }
        }
        out.put("clone_ms", summary(clones));

        Path work = dir.resolve("clone-0");
        List<Double> fetches = new ArrayList<>();
        for (int i = 0; i <= ROUNDS; i++) {
          progress.accept(step("no-op fetch", i));
          double ms = time(git, work, "fetch", "-q", "origin");
          if (i > 0) {
            fetches.add(ms);
          }
        }
        out.put("fetch_noop_ms", summary(fetches));

        List<Double> pushes = new ArrayList<>();
        for (int i = 0; i <= ROUNDS; i++) {
          progress.accept(step("push of one commit", i));
          Files.writeString(work.resolve("quick-" + i + ".txt"), "change " + i + "\n", StandardCharsets.UTF_8);
          git.run(work, "add", "-A");
          git.run(work, "commit", "-q", "-m", "quick change " + i);
          double ms = time(git, work, "push", "-q", "origin", "HEAD:main");
          if (i > 0) {
            pushes.add(ms);
          }
        }
        out.put("push_one_commit_ms", summary(pushes));
        return out;
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** "clone, warm-up" for round 0, then "clone 1/5" and so on. */
  private static String step(String operation, int round) {
    return round == 0 ? operation + ", warm-up" : operation + " " + round + "/" + ROUNDS;
  }

  /** Runs {@code git ARGS} in {@code dir} and returns its wall time in milliseconds. */
  private static double time(GitClient git, Path dir, String... args) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    git.run(dir, args);
    return (System.nanoTime() - t0) / 1e6;
  }

  private static Map<String, Object> summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("median", round(median));
    out.put("min", round(sorted.get(0)));
    out.put("max", round(sorted.get(n - 1)));
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
