package dev.helios.benchmarks.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the stock {@code git} command line with a configuration of its own: no system or user
 * config, a private {@code HOME}, no credential prompts. Every run's stdout and stderr go to
 * files under the log directory, so a child never blocks on a full pipe. Thread-safe (each run
 * is its own process and files).
 */
public final class GitClient {
  private final Path home;
  private final Path logs;
  private final Map<String, String> env;
  private int runs;

  /**
   * Creates the private {@code HOME} under {@code workDir}.
   *
   * @throws IOException if the directories or the config file cannot be written
   */
  public GitClient(Path workDir) throws IOException {
    this.home = Files.createDirectories(workDir.resolve("git-home"));
    this.logs = Files.createDirectories(workDir.resolve("git-logs"));
    Path config = home.resolve(".gitconfig");
    Files.writeString(
        config,
        "[user]\n\tname = Bench\n\temail = bench@example.com\n"
            + "[init]\n\tdefaultBranch = main\n"
            + "[advice]\n\tdetachedHead = false\n",
        StandardCharsets.UTF_8);
    this.env =
        Map.of(
            "HOME", home.toString(),
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", config.toString(),
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_ASKPASS", "/bin/true",
            "LC_ALL", "C");
  }

  /** The environment every git run gets: a private HOME and config, no prompts, the C locale. */
  public Map<String, String> environment() {
    return env;
  }

  /** A started {@code git} process and the files its output goes to. */
  record Run(Process process, Path stdout, Path stderr, List<String> command) {
    /**
     * Waits for the process; returns its stdout.
     *
     * @throws IOException if it exits non-zero, with the command and the end of its stderr
     */
    String await() throws IOException, InterruptedException {
      int code = process.waitFor();
      if (code != 0) {
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        if (err.length() > 2000) {
          err = "..." + err.substring(err.length() - 2000);
        }
        throw new IOException("git exited " + code + ": " + String.join(" ", command) + "\n" + err);
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }
  }

  /**
   * Starts {@code git ARGS} in {@code dir} (null: the JVM's working directory) with extra
   * environment variables.
   *
   * @throws IOException if the process cannot be started
   */
  Run start(Path dir, Map<String, String> extraEnv, String... args) throws IOException {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add("git");
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    int n;
    synchronized (this) {
      n = runs++;
    }
    Path out = logs.resolve("run-" + n + ".out");
    Path err = logs.resolve("run-" + n + ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    return new Run(p, out, err, command);
  }

  /**
   * Runs {@code git ARGS} in {@code dir} to completion and returns its stdout.
   *
   * @throws IOException if it cannot start or exits non-zero
   */
  public String run(Path dir, String... args) throws IOException, InterruptedException {
    Run r = start(dir, Map.of(), args);
    r.process().getOutputStream().close();
    return r.await();
  }

  /**
   * Runs {@code git ARGS} in {@code dir} with {@code input} on its stdin.
   *
   * @throws IOException if it cannot start or exits non-zero
   */
  public String run(Path dir, byte[] input, String... args) throws IOException, InterruptedException {
    Run r = start(dir, Map.of(), args);
    try (OutputStream in = r.process().getOutputStream()) {
      in.write(input);
    }
    return r.await();
  }

  /**
   * Runs {@code git ARGS} and returns its wall-clock time in seconds, from process start to
   * exit.
   *
   * @throws IOException if it cannot start or exits non-zero
   */
  double time(Path dir, String... args) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Run r = start(dir, Map.of(), args);
    r.process().getOutputStream().close();
    r.process().waitFor();
    long t1 = System.nanoTime();
    r.await();
    return (t1 - t0) / 1e9;
  }

  /**
   * Starts every command at once and returns the wall-clock time until the last has exited.
   *
   * @throws IOException if one cannot start or exits non-zero
   */
  double timeConcurrently(Path dir, List<String[]> commands)
      throws IOException, InterruptedException {
    List<Run> started = new ArrayList<>(commands.size());
    long t0 = System.nanoTime();
    for (String[] args : commands) {
      Run r = start(dir, Map.of(), args);
      r.process().getOutputStream().close();
      started.add(r);
    }
    for (Run r : started) {
      r.process().waitFor();
    }
    long t1 = System.nanoTime();
    for (Run r : started) {
      r.await();
    }
    return (t1 - t0) / 1e9;
  }

  /** Deletes the per-run output files written so far. */
  void clearLogs() throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
  }
}
