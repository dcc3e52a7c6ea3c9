package dev.helios.compat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code helios} data commands ({@code --data DIR}) on the data directory of a test class's
 * server, which they need stopped: {@link #run} stops it first, {@link #ensureRunning} starts it
 * again for tests that talk to it. Not thread-safe: one test class drives it from one thread.
 */
final class OfflineHelios {
  private final HeliosServerExtension server;

  OfflineHelios(HeliosServerExtension server) {
    this.server = server;
  }

  /** The server's data directory. */
  Path dataDir() {
    return server.server().dataDir();
  }

  /** Stops the server (SIGTERM) unless it is already stopped. */
  void ensureStopped() {
    if (server.server().isAlive()) {
      server.server().stop();
    }
  }

  /** Starts the server on the same data directory unless it runs. */
  void ensureRunning() {
    if (!server.server().isAlive()) {
      server.server().start();
    }
  }

  /** Runs {@code helios args… --data DIR} with the server stopped, whatever the exit code. */
  GitResult run(String... args) {
    ensureStopped();
    List<String> command = new ArrayList<>(List.of(args));
    command.add("--data");
    command.add(dataDir().toString());
    return HeliosCli.run(dataDir().getParent(), command.toArray(String[]::new));
  }

  /**
   * Like {@link #run}, asserting exit code 0.
   *
   * @throws AssertionError with the command's output otherwise
   */
  GitResult ok(String... args) {
    GitResult result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("helios failed unexpectedly\n" + result.describe());
    }
    return result;
  }
}
