package dev.helios.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code helios serve} child JVM on loopback with an ephemeral port, over one data directory that
 * survives {@link #kill()}, {@link #stop()} and {@link #start()}. Not thread-safe: one test class
 * drives it from one thread; the output reader thread only appends to the log.
 */
final class HeliosServerProcess implements AutoCloseable {
  /*
   * The server runs as a separate JVM (java -cp <this JVM's classpath> dev.helios.cli.Main
   * serve) so that kill -9 is a real process kill, exactly as an operator would do it. Its
   * stdout and stderr are merged into one log file beside the data directory; the reader
   * thread watches for the readiness line and keeps the last lines for failure messages.
   * -Dhelios.compat.serverClasspath=… runs another build of the server (such as
   * cli/target/lib/*) instead of the one on the test classpath.
   */

  private static final Pattern READY = Pattern.compile("^Helios listening on (http://\\S+?)/?$");
  private static final Pattern CREATED_ADMIN =
      Pattern.compile("^Created user admin with password: (\\S+)\\s*$");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 80;

  private final Path dataDir;
  private final Path logFile;
  private List<String> serveArgs;
  private final Deque<String> tail = new ArrayDeque<>();

  private Process process;
  private URI baseUri;
  private String adminPassword;
  private int starts;

  private HeliosServerProcess(Path dataDir, Path logFile, List<String> serveArgs) {
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.serveArgs = List.copyOf(serveArgs);
  }

  /**
   * Starts {@code helios serve --data dataDir --host 127.0.0.1 --port 0 serveArgs…} and waits until
   * it prints its address.
   *
   * @throws AssertionError if the server does not become ready within 90 seconds
   */
  static HeliosServerProcess start(Path dataDir, Path logFile, List<String> serveArgs) {
    HeliosServerProcess server = new HeliosServerProcess(dataDir, logFile, serveArgs);
    server.start();
    return server;
  }

  /**
   * Starts the server again on the same data directory (after {@link #kill()} or {@link #stop()});
   * the port is a new ephemeral one.
   *
   * @throws IllegalStateException if it is still running
   * @throws AssertionError if the server does not become ready within 90 seconds
   */
  void start() {
    start(serveArgs);
  }

  /**
   * Like {@link #start()}, with {@code newServeArgs} replacing the extra serve arguments for this
   * and every later start.
   */
  void start(List<String> newServeArgs) {
    serveArgs = List.copyOf(newServeArgs);
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the server is already running: pid " + process.pid());
    }
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(classpath());
    command.add("dev.helios.cli.Main");
    command.add("serve");
    command.addAll(List.of("--data", dataDir.toString(), "--host", "127.0.0.1", "--port", "0"));
    command.addAll(serveArgs);
    CompletableFuture<URI> ready = new CompletableFuture<>();
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "=== start #"
              + starts
              + ": "
              + String.join(" ", command.subList(4, command.size()))
              + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Helios server: " + command, e);
    }
    Thread reader = new Thread(() -> readOutput(process, ready), "helios-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      baseUri = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(
          "the Helios server printed no 'Helios listening on' line within "
              + START_TIMEOUT
              + "\n"
              + logTail(),
          e);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "the Helios server failed to start: " + e.getCause().getMessage() + "\n" + logTail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while starting the Helios server", e);
    }
    readAdminPassword();
  }

  /** The classpath the server and the helios command run with. */
  static String classpath() {
    return System.getProperty(
        "helios.compat.serverClasspath", System.getProperty("java.class.path"));
  }

  private void readOutput(Process running, CompletableFuture<URI> ready) {
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
        Writer log =
            Files.newBufferedWriter(
                logFile,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.write(line);
        log.write('\n');
        log.flush();
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        Matcher created = CREATED_ADMIN.matcher(line);
        if (created.matches()) {
          synchronized (tail) {
            adminPassword = created.group(1);
          }
        }
        Matcher matcher = READY.matcher(line.strip());
        if (!ready.isDone() && matcher.matches()) {
          ready.complete(URI.create(matcher.group(1)));
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    if (!ready.isDone()) {
      int code;
      try {
        code = running.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        code = -1;
      }
      ready.completeExceptionally(
          new IllegalStateException(
              "the server exited with code " + code + " before it was ready"));
    }
  }

  private void readAdminPassword() {
    Path file = dataDir.resolve("initial-admin-password");
    try {
      if (Files.isRegularFile(file)) {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!password.isEmpty()) {
          synchronized (tail) {
            adminPassword = password;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    synchronized (tail) {
      if (adminPassword == null) {
        throw new AssertionError(
            "the server started but neither "
                + file
                + " nor a 'Created user admin' line gave the"
                + " admin password\n"
                + logTail());
      }
    }
  }

  /** The server's root, such as {@code http://127.0.0.1:41234}, without a trailing slash. */
  URI baseUri() {
    return baseUri;
  }

  /** The port it listens on now; changes on every start. */
  int port() {
    return baseUri.getPort();
  }

  /** The password of the {@code admin} user, from the first start. */
  String adminPassword() {
    synchronized (tail) {
      return adminPassword;
    }
  }

  /** The extra serve arguments of the latest start. */
  List<String> serveArgs() {
    return serveArgs;
  }

  Path dataDir() {
    return dataDir;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Kills the server with SIGKILL (kill -9) and waits for it to be gone.
   *
   * @throws AssertionError if it is still alive 30 seconds later
   */
  void kill() {
    process.destroyForcibly();
    awaitExit("kill -9");
  }

  /**
   * Stops the server with SIGTERM and waits for it to exit; returns its exit code.
   *
   * @throws AssertionError if it does not exit within 30 seconds (it is then killed)
   */
  int stop() {
    process.destroy();
    return awaitExit("SIGTERM");
  }

  private int awaitExit(String how) {
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        throw new AssertionError(
            "the Helios server did not exit within "
                + STOP_TIMEOUT
                + " after "
                + how
                + "\n"
                + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the server to exit", e);
    }
  }

  /** The last lines the server printed, for failure messages. */
  String logTail() {
    synchronized (tail) {
      return "--- last lines of " + logFile + " ---\n" + String.join("\n", tail);
    }
  }

  /** Stops the server if it runs: SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
