package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stock {@code git daemon} serving one bare repository over git://, push enabled: for each
 * connection it forks a child that runs upload-pack or receive-pack directly (no web server), and
 * reaps it, so the daemon's counters cover the whole tree. Runs with the client's private
 * configuration, that is git's defaults, except that an automatic gc is not detached (it would
 * escape the measured tree). Not thread-safe.
 */
final class DaemonServer implements ServerSide {
  /*
   * `git daemon` runs git-daemon as a child of the `git` process, so the daemon is started as
   * $(git --exec-path)/git-daemon: its pid is the one to measure. The port is found by binding
   * port 0 and closing it; another process may take it before the daemon binds, in which case
   * the daemon exits and another port is tried.
   */

  private static final int ATTEMPTS = 5;
  private static final long LISTEN_TIMEOUT_NANOS = 30_000_000_000L;

  private final Path base;
  private final Path repository;
  private final Process process;
  private final int port;
  private final GitClient git;

  private DaemonServer(Path base, Path repository, Process process, int port, GitClient git) {
    this.base = base;
    this.repository = repository;
    this.process = process;
    this.port = port;
    this.git = git;
  }

  /**
   * Creates an empty bare repository under {@code base} and starts a daemon serving it, with {@code
   * git}'s environment; waits until it accepts connections.
   *
   * @throws IOException if no attempt starts a listening daemon (the message names the log)
   */
  static DaemonServer start(Path base, GitClient git, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(base);
    Path repository = base.resolve(REPOSITORY + ".git");
    git.run(base, "init", "-q", "--bare", repository.toString());
    // The gc --auto that receive-pack runs stays in the foreground, so it is measured if it runs.
    git.run(repository, "config", "gc.autoDetach", "false");
    String daemon = Path.of(git.run(base, "--exec-path").strip(), "git-daemon").toString();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
              List.of(
                  daemon,
                  "--reuseaddr",
                  "--listen=127.0.0.1",
                  "--port=" + port,
                  "--base-path=" + base,
                  "--export-all",
                  "--enable=receive-pack",
                  "--informative-errors",
                  base.toString()));
      pb.environment().putAll(git.environment());
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process process = pb.start();
      if (awaitListening(process, port, log)) {
        return new DaemonServer(base, repository, process, port, git);
      }
    }
    throw new IOException("git daemon did not start in " + ATTEMPTS + " attempts; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // True once the port accepts connections; false if the daemon exited (the port was taken).
  private static boolean awaitListening(Process process, int port, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LISTEN_TIMEOUT_NANOS;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        // Not listening yet: try again shortly.
        Thread.sleep(20);
      }
    }
    ServerSide.stop(process);
    throw new IOException("git daemon is not listening on port " + port + "; see " + log);
  }

  @Override
  public String key() {
    return "git";
  }

  @Override
  public String label() {
    return "git daemon";
  }

  @Override
  public String method() {
    return "stock git daemon (git:// protocol, receive-pack enabled), which forks upload-pack"
        + " or receive-pack for each connection, serving a bare repository.";
  }

  @Override
  public String fsync() {
    return "git defaults (core.fsync in 2.39): packs, pack indexes and the commit graph are"
        + " fsynced; loose objects and refs are not (a push of fewer than 100 objects,"
        + " receive.unpackLimit, is stored as loose objects)";
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public String url() {
    return "git://127.0.0.1:" + port + "/" + REPOSITORY + ".git";
  }

  @Override
  public Path storage() {
    return base;
  }

  /**
   * {@code git gc}: one pack with a reachability bitmap (a bare repository's default), packed refs.
   */
  @Override
  public void pack() throws IOException, InterruptedException {
    git.run(repository, "gc", "-q");
  }

  @Override
  public void close() {
    ServerSide.stop(process);
  }
}
