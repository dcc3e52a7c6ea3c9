package dev.helios.benchmarks.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One way of serving the benchmark repository over smart HTTP on 127.0.0.1. Lifecycle: {@link
 * #start}, then {@link #repositoryUrl} and {@link #pid} are valid until {@link #close}. Not
 * thread-safe; the harness drives it from one thread (the memory sampler only reads {@link
 * #pid}).
 */
interface ServerUnderTest extends AutoCloseable {
  /** Short stable key used in the JSON output, for example {@code git-http-backend}. */
  String key();

  /** Column heading for the Markdown table. */
  String label();

  /** True if the server process is a JVM, so that {@code jcmd} can read its heap. */
  boolean isJvm();

  /**
   * Starts the server in {@code dir} (its own, empty) and loads {@code source}, a bare
   * repository, as {@code bench.git}, so that every server holds the same objects and refs.
   *
   * @throws IOException if the server cannot start or the repository cannot be loaded; the
   *     message says which and where its log is
   */
  void start(Path dir, Path source, GitClient git) throws IOException, InterruptedException;

  /** The clone URL of {@code bench.git}. */
  String repositoryUrl();

  /** Process id of the server's root process; its descendants are counted with it. */
  long pid();

  /** Settings that matter for reading the numbers (durability, versions), for the report. */
  Map<String, Object> settings();

  /** Stops the server; idempotent. */
  @Override
  void close();

  /** The name of the served repository, the same on every server. */
  String REPOSITORY = "bench";

  /** Resolves {@code dir} to an absolute path string. */
  static String abs(Path dir) {
    return dir.toAbsolutePath().normalize().toString();
  }
}
