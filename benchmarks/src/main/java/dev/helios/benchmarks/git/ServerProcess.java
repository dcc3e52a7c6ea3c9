package dev.helios.benchmarks.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server child process: stderr to {@code LOG.err}, stdout copied line by line to {@code
 * LOG.out} by a named daemon thread that also watches for the line announcing readiness.
 * Thread-safe.
 */
final class ServerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 120;

  private final Process process;
  private final Path log;
  private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with {@code log}{@code .out} and {@code .err} beside it; if {@code
   * readyLine} is not null, {@link #awaitReady} waits for a stdout line it finds.
   *
   * @throws IOException if the process cannot start
   */
  static ServerProcess start(List<String> command, Path workDir, Path log, Pattern readyLine)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(workDir.toFile());
    pb.redirectError(Path.of(log + ".err").toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    ServerProcess sp = new ServerProcess(pb.start(), log);
    Thread pump = new Thread(() -> sp.pump(readyLine), "stdout-" + log.getFileName());
    pump.setDaemon(true);
    pump.start();
    return sp;
  }

  private void pump(Pattern readyLine) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(Path.of(log + ".out"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (readyLine != null && !ready.isDone()) {
          Matcher m = readyLine.matcher(line);
          if (m.find()) {
            ready.complete(m);
          }
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
      return;
    }
    ready.completeExceptionally(new IOException("exited before it was ready"));
  }

  /**
   * Waits for the ready line and returns its match.
   *
   * @throws IOException if the process exits first or takes longer than two minutes; names
   *     the log
   */
  Matcher awaitReady(String what) throws IOException, InterruptedException {
    try {
      return ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          what + " did not start (" + e.getMessage() + "); see " + log + ".err and .out", e);
    }
  }

  /**
   * Waits until something accepts TCP connections on 127.0.0.1:{@code port}.
   *
   * @throws IOException if the process exits or two minutes pass first
   */
  void awaitListening(String what, int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            what + " exited with " + process.exitValue() + "; see " + log + ".err and .out");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        // Not listening yet: poll again shortly.
        Thread.sleep(20);
      }
    }
    throw new IOException(what + " is not listening on port " + port + "; see " + log + ".err");
  }

  long pid() {
    return process.pid();
  }

  /** Sends SIGTERM, then SIGKILL after ten seconds. Idempotent. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
