package dev.helios.benchmarks.compare;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one instrument both sides are read with. A measured command runs as a child process tree
 * under {@code sh}, which waits for it and then copies its own {@code /proc/$$/io} and {@code
 * /proc/$$/stat}: a parent's counters include those of every child it has reaped, so this is
 * the whole tree's I/O and CPU, whatever the command was (a git loop, a JVM). A long-running
 * server is read with {@link #server} before and after instead. Stateless.
 */
public final class Meter {
  /*
   * The wrapper is `sh -c 'SCRIPT' sh OUT ARGV...`: it runs ARGV, keeps its exit code, and
   * writes the two /proc files of the shell into OUT. `cat` reads the shell's counters while
   * cat itself is still a running (unreaped) child, so cat's own I/O is not counted.
   */
  private static final String WRAPPER =
      "out=$1; shift; \"$@\"; rc=$?; cat /proc/$$/io > \"$out\"; echo '@@stat' >> \"$out\";"
          + " cat /proc/$$/stat >> \"$out\"; exit $rc";

  private Meter() {}

  /**
   * One measured run.
   *
   * @param counters the tree's counters
   * @param wallNanos wall time from start to exit
   * @param exitCode the command's exit code
   */
  public record Run(ProcessCounters counters, long wallNanos, int exitCode) {
    /** Wall time in milliseconds. */
    public double wallMillis() {
      return wallNanos / 1e6;
    }
  }

  /**
   * Runs {@code command} in {@code dir} with {@code env} added to this process's environment,
   * stdout and stderr to {@code log} (appended), stdin from /dev/null, and measures it.
   *
   * @throws IOException if it cannot start, or exits non-zero (the message names the log)
   */
  public static Run run(List<String> command, Path dir, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(log.toAbsolutePath().getParent(), "meter-", ".txt");
    try {
      List<String> argv = new ArrayList<>(List.of("sh", "-c", WRAPPER, "sh", out.toString()));
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      long start = System.nanoTime();
      Process p = pb.start();
      int rc = p.waitFor();
      long wall = System.nanoTime() - start;
      if (rc != 0) {
        throw new IOException(
            "'" + String.join(" ", command) + "' exited with " + rc + "; see " + log);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      int split = text.indexOf("@@stat");
      if (split < 0) {
        throw new IOException("the measuring shell wrote no counters for " + command);
      }
      ProcessCounters counters =
          ProcessCounters.parse(text.substring(0, split), text.substring(split + 7));
      return new Run(counters, wall, rc);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Runs a command measured, as {@link #run(List, Path, Map, Path)}, with no extra environment. */
  public static Run run(List<String> command, Path dir, Path log)
      throws IOException, InterruptedException {
    return run(command, dir, Map.of(), log);
  }

  /**
   * Measures what a running server does during {@code work}: its counters (own and reaped
   * children's) before and after, once the children it started meanwhile have been reaped.
   *
   * @throws IOException if the server's /proc files cannot be read or work fails
   */
  public static Run server(long pid, Work work) throws IOException, InterruptedException {
    awaitNoChildren(pid);
    ProcessCounters before = ProcessCounters.of(pid);
    long start = System.nanoTime();
    work.run();
    awaitNoChildren(pid);
    long wall = System.nanoTime() - start;
    return new Run(ProcessCounters.of(pid).minus(before), wall, 0);
  }

  /** What a server is measured during. */
  @FunctionalInterface
  public interface Work {
    /** Does the work (for instance, runs git clients against the server). */
    void run() throws IOException, InterruptedException;
  }

  // A server's children (CGI processes) count only once reaped: wait up to 10 s for none.
  private static void awaitNoChildren(long pid) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (hasChildren(pid)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("server " + pid + " still has child processes after 10 s");
      }
      Thread.sleep(5);
    }
  }

  // Any process whose parent is pid, zombies included (read from /proc/N/stat, field 4; not
  // every kernel has /proc/PID/task/TID/children).
  private static boolean hasChildren(long pid) throws IOException {
    String parent = Long.toString(pid);
    try (var list = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) list::iterator) {
        String name = proc.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).split(" ", 3);
        if (f.length > 1 && f[1].equals(parent)) {
          return true;
        }
      }
    }
    return false;
  }
}
