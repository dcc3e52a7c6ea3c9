package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A server one side of the push and clone workloads talks to: a process of its own, started with
 * one repository, which stock git clients reach by URL while {@link Meter#server} reads its
 * counters. Implementations are {@link DaemonServer} (stock {@code git daemon}) and {@link
 * ServeSide.Server} ({@code HeliosSide serve}). Not thread-safe; close it to stop the server.
 */
interface ServerSide extends AutoCloseable {
  /** The repository every workload uses on a server. */
  String REPOSITORY = "bench";

  /** The side key: {@code git} or {@code helios}. */
  String key();

  /** What a reader sees. */
  String label();

  /** How this server runs, in a sentence, for the report's method. */
  String method();

  /** Its durability setting, stated as it is. */
  String fsync();

  /** The process measured with {@link Meter#server}. */
  long pid();

  /** The git URL of {@link #REPOSITORY}. */
  String url();

  /** Everything the server stores (the disk figures). */
  Path storage();

  /**
   * Loads {@code source} into the repository with {@code git push --mirror} through the server.
   *
   * @throws IOException if the push fails
   */
  default void load(Path source, GitClient git) throws IOException, InterruptedException {
    git.run(source, "push", "-q", "--mirror", url());
  }

  /**
   * Packs the repository as its own garbage collection does (one pack, with bitmaps).
   *
   * @throws IOException if that fails
   */
  void pack() throws IOException, InterruptedException;

  /** Stops the server and waits for it to exit. Idempotent. */
  @Override
  void close();

  /** Stops {@code process}: SIGTERM, then SIGKILL after ten seconds. */
  static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
