package dev.helios.benchmarks.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Question: how fast does {@code helios migrate} import a repository, in objects/s and MB/s, and
 * how does its time compare with {@code git clone --mirror} of the same source on the same
 * machine? Target: at most 1.5× git's time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.helios.benchmarks.migrate.MigrateThroughputBenchmark \
 *     [--source PATH | --generate OBJECTS] [--runs N] [--work DIR] [--helios-lib DIR] [--keep]
 * </pre>
 *
 * <p>Runs the real distribution ({@code java -cp cli/target/lib/* dev.helios.cli.Main migrate},
 * as the {@code ./helios} launcher starts it) as a child process, so its time includes the JVM's
 * start, as an operator sees it; the in-process time from the JSON report is printed beside it.
 * Not thread-safe; one run at a time.
 */
public final class MigrateThroughputBenchmark {
  /*
   * Both sides read the same source: a bundle is given to both as the file; a repository as its
   * path, with `git clone --mirror --no-local`, so git transfers a pack instead of hard-linking
   * the object files (a local clone would measure `ln`, not an import). Each run clones into a
   * new directory and migrates into a new data directory, alternating git and Helios so that a
   * drift in the machine's load hits both. The figure per side is the median of the runs.
   * Objects and bytes are those of a bare mirror of the source (`git count-objects -v`:
   * in-pack objects, size-pack), the same numerator for both sides.
   */

  private static final ObjectMapper JSON = new ObjectMapper();

  private MigrateThroughputBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path work = Files.createDirectories(options.work());
    Commands commands = new Commands(work.resolve("logs"));
    Path source = options.source();
    if (source == null) {
      source = work.resolve("generated-" + options.generate() + ".git");
      if (!Files.isDirectory(source)) {
        System.out.println("generating about " + options.generate() + " objects in " + source);
        long t0 = System.nanoTime();
        GeneratedRepository.generate(source, options.generate(), commands);
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      }
    }
    boolean bundle = source.getFileName().toString().endsWith(".bundle");
    Path reference = work.resolve("reference.git");
    deleteRecursively(reference);
    commands.git(work, "clone", "-q", "--mirror", bundle ? source.toString() : "--no-local",
        bundle ? reference.toString() : source.toString(), bundle ? null : reference.toString());
    long objects = countObjects(commands, reference, "in-pack");
    long packBytes = countObjects(commands, reference, "size-pack") * 1024;
    deleteRecursively(reference);

    System.out.printf(Locale.ROOT, "source %s: %,d objects, %,d bytes packed; load average %s%n",
        source, objects, packBytes, loadAverage());
    List<Double> git = new ArrayList<>();
    List<Double> helios = new ArrayList<>();
    List<Double> heliosInProcess = new ArrayList<>();
    for (int run = 1; run <= options.runs(); run++) {
      Path clone = work.resolve("clone-" + run + ".git");
      long t0 = System.nanoTime();
      commands.git(work, "clone", "-q", "--mirror", bundle ? source.toString() : "--no-local",
          bundle ? clone.toString() : source.toString(), bundle ? null : clone.toString());
      git.add((System.nanoTime() - t0) / 1e9);
      deleteRecursively(clone);

      Path data = work.resolve("data-" + run);
      Path report = work.resolve("report-" + run + ".json");
      deleteRecursively(data);
      Files.deleteIfExists(report);
      t0 = System.nanoTime();
      commands.helios(options.heliosLib(), work, "migrate", "--data", data.toString(),
          source.toString(), "--name", "bench", "--report", report.toString());
      helios.add((System.nanoTime() - t0) / 1e9);
      JsonNode document = JSON.readTree(report.toFile());
      heliosInProcess.add(document.path("millis").asLong() / 1000.0);
      JsonNode repository = document.path("repositories").path(0);
      System.out.printf(Locale.ROOT,
          "run %d: git clone --mirror %.2f s; helios migrate %.2f s (%.2f s in process, status %s,"
              + " %d objects, %,d source bytes); load average %s%n",
          run, git.get(run - 1), helios.get(run - 1), heliosInProcess.get(run - 1),
          repository.path("status").asText(), repository.path("objects").asLong(),
          repository.path("sourceBytes").asLong(), loadAverage());
      if (!options.keep()) {
        deleteRecursively(data);
      }
    }
    double gitSeconds = median(git);
    double heliosSeconds = median(helios);
    double heliosInside = median(heliosInProcess);
    System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s%n", "median of " + options.runs() + " runs",
        "seconds", "objects/s", "MB/s");
    row("git clone --mirror", gitSeconds, objects, packBytes);
    row("helios migrate (whole command)", heliosSeconds, objects, packBytes);
    row("helios migrate (report's millis)", heliosInside, objects, packBytes);
    System.out.printf(Locale.ROOT, "ratio helios/git: %.2f (whole command), %.2f (in process);"
        + " target <= 1.5; load average %s%n",
        heliosSeconds / gitSeconds, heliosInside / gitSeconds, loadAverage());
  }

  private static void row(String label, double seconds, long objects, long bytes) {
    System.out.printf(Locale.ROOT, "%-36s %10.2f %,10.0f %10.1f%n", label, seconds,
        objects / seconds, bytes / 1e6 / seconds);
  }

  private static long countObjects(Commands commands, Path repository, String field)
      throws IOException, InterruptedException {
    for (String line : commands.git(repository, "count-objects", "-v").split("\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim());
      }
    }
    throw new IOException("git count-objects -v printed no " + field + " for " + repository);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The command line, checked as it is read. */
  record Options(
      Path source, int generate, int runs, Path work, Path heliosLib, boolean keep) {
    static Options parse(String[] args) {
      Path source = null;
      int generate = 500_000;
      int runs = 3;
      Path work = Path.of(System.getProperty("java.io.tmpdir"), "helios-migrate-bench");
      Path lib = Path.of("cli", "target", "lib");
      boolean keep = false;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--source" -> source = Path.of(required(args[i], value)).toAbsolutePath();
          case "--generate" -> generate = positive(args[i], required(args[i], value));
          case "--runs" -> runs = positive(args[i], required(args[i], value));
          case "--work" -> work = Path.of(required(args[i], value)).toAbsolutePath();
          case "--helios-lib" -> lib = Path.of(required(args[i], value)).toAbsolutePath();
          case "--keep" -> {
            keep = true;
            continue;
          }
          default -> throw new IllegalArgumentException(
              "unknown argument " + args[i] + "; see the Javadoc of MigrateThroughputBenchmark");
        }
        i++;
      }
      return new Options(source, generate, runs, work, lib.toAbsolutePath(), keep);
    }

    private static String required(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }

    private static int positive(String option, String value) {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException(option + " must be at least 1: " + value);
      }
      return n;
    }
  }

  /** Runs git and the Helios distribution with their output in log files. Not thread-safe. */
  static final class Commands {
    private final Path logs;
    private int count;

    Commands(Path logs) throws IOException {
      this.logs = Files.createDirectories(logs);
    }

    /** Runs {@code git args…} (null arguments are left out) in {@code dir}; returns stdout. */
    String git(Path dir, String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("git", "-c", "gc.auto=0"));
      Arrays.stream(args).filter(a -> a != null).forEach(command::add);
      return run(dir, command, null);
    }

    /** Runs {@code helios args…} from the distribution in {@code lib}; returns stdout. */
    String helios(Path lib, Path dir, String... args) throws IOException, InterruptedException {
      boolean built;
      try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
        built = jars.anyMatch(p -> p.getFileName().toString().startsWith("helios-cli"));
      }
      if (!built) {
        throw new IOException("no Helios distribution in " + lib
            + "; build it with: ./mvnw -q -DskipTests package -pl cli -am (or pass --helios-lib)");
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(lib + "/*");
      command.add("dev.helios.cli.Main");
      command.addAll(List.of(args));
      return run(dir, command, null);
    }

    private String run(Path dir, List<String> command, Path input)
        throws IOException, InterruptedException {
      int n = ++count;
      Path out = logs.resolve(n + ".out");
      Path err = logs.resolve(n + ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      builder.environment().put("GIT_TERMINAL_PROMPT", "0");
      if (input != null) {
        builder.redirectInput(input.toFile());
      }
      Process process = builder.start();
      int code = process.waitFor();
      if (code != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + code + ": "
            + Files.readString(err).strip());
      }
      return Files.readString(out);
    }
  }
}
