package dev.helios.benchmarks.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link GitServingBenchmark}, validated on parse. Immutable.
 *
 * @param repo a repository to mirror and serve, or null for the jq bundle
 * @param bundle the default repository, as a git bundle
 * @param generateMib when positive, serve a synthetic repository of about this many MiB instead
 * @param seed seed of the synthetic repository and of the pushed commits
 * @param repetitions measured repetitions of every operation on every server
 * @param warmups unmeasured repetitions run first
 * @param clones how many clones the concurrent-clone operation starts at once
 * @param servers server keys to run, in the order of the first repetition
 * @param heliosLib the Helios distribution's jar directory
 * @param heliosSync the {@code --sync} policy passed to {@code helios serve}
 * @param heliosGc whether Helios collects the repository after the mirror push
 * @param jvmOptions JVM options for both JVM servers
 * @param json where to write every run as JSON, or null
 * @param work working directory, or null for a fresh temporary one
 * @param keep whether to keep the working directory afterwards
 */
record BenchmarkOptions(
    Path repo,
    Path bundle,
    int generateMib,
    long seed,
    int repetitions,
    int warmups,
    int clones,
    List<String> servers,
    Path heliosLib,
    String heliosSync,
    boolean heliosGc,
    List<String> jvmOptions,
    Path json,
    Path work,
    boolean keep) {

  static final List<String> ALL_SERVERS = List.of("git-http-backend", "jgit-file", "helios");

  static final String USAGE =
      String.join(
          "\n",
          "usage: GitServingBenchmark [options]",
          "  --repo DIR            serve a mirror of this repository (default: the jq bundle)",
          "  --bundle FILE         the default repository (default: ../shared/testdata/jq.bundle)",
          "  --generate-mb N       serve a synthetic repository of about N MiB instead",
          "  --seed N              seed of the synthetic repository and pushed commits (42)",
          "  --reps N              measured repetitions (5)",
          "  --warmup N            unmeasured repetitions first (1)",
          "  --clones N            clones started at once by the concurrent operation (8)",
          "  --servers A,B,C       of git-http-backend, jgit-file, helios (all three)",
          "  --helios-lib DIR      Helios jars (./cli/target/lib)",
          "  --helios-sync MODE    wal or fsync, passed to helios serve --sync (wal)",
          "  --no-helios-gc        serve the pushed pack as is (default: gc it, as git gc does",
          "                        for the other servers)",
          "  --jvm-opts 'OPTS'     JVM options of both JVM servers ('-Xmx1g')",
          "  --json FILE           write all runs as JSON",
          "  --work DIR            working directory (default: a new temporary directory)",
          "  --keep                keep the working directory",
          "");

  BenchmarkOptions {
    checkArgument(generateMib >= 0, "--generate-mb must be >= 0: " + generateMib);
    checkArgument(repetitions >= 1, "--reps must be >= 1: " + repetitions);
    checkArgument(warmups >= 0, "--warmup must be >= 0: " + warmups);
    checkArgument(clones >= 1, "--clones must be >= 1: " + clones);
    checkArgument(!servers.isEmpty(), "--servers must name at least one server");
    for (String s : servers) {
      checkArgument(ALL_SERVERS.contains(s), "--servers: unknown server " + s
          + " (known: " + String.join(", ", ALL_SERVERS) + ")");
    }
    checkArgument(
        heliosSync.equals("wal") || heliosSync.equals("fsync"),
        "--helios-sync must be wal or fsync: " + heliosSync);
    checkArgument(repo == null || Files.isDirectory(repo), "--repo is not a directory: " + repo);
    checkArgument(repo != null || generateMib > 0 || Files.isRegularFile(bundle),
        "the default repository bundle is missing: " + bundle + " (pass --bundle or --repo)");
    servers = List.copyOf(servers);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * Parses {@code args}; relative defaults are resolved against {@code root}, the repository
   * root.
   *
   * @throws IllegalArgumentException naming the bad option
   */
  static BenchmarkOptions parse(String[] args, Path root) {
    Path repo = null;
    Path bundle = root.resolve("../shared/testdata/jq.bundle").normalize();
    int generate = 0;
    long seed = 42;
    int reps = 5;
    int warmups = 1;
    int clones = 8;
    List<String> servers = ALL_SERVERS;
    Path lib = root.resolve("cli/target/lib");
    String sync = "wal";
    boolean gc = true;
    List<String> jvm = List.of("-Xmx1g");
    Path json = null;
    Path work = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--repo" -> repo = Path.of(value(args, ++i, a));
        case "--bundle" -> bundle = Path.of(value(args, ++i, a));
        case "--generate-mb" -> generate = number(args, ++i, a);
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--reps" -> reps = number(args, ++i, a);
        case "--warmup" -> warmups = number(args, ++i, a);
        case "--clones" -> clones = number(args, ++i, a);
        case "--servers" -> servers = Arrays.asList(value(args, ++i, a).split(","));
        case "--helios-lib" -> lib = Path.of(value(args, ++i, a));
        case "--helios-sync" -> sync = value(args, ++i, a);
        case "--no-helios-gc" -> gc = false;
        case "--jvm-opts" -> jvm = split(value(args, ++i, a));
        case "--json" -> json = Path.of(value(args, ++i, a));
        case "--work" -> work = Path.of(value(args, ++i, a));
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    return new BenchmarkOptions(repo, bundle, generate, seed, reps, warmups, clones, servers,
        lib, sync, gc, jvm, json, work, keep);
  }

  private static String value(String[] args, int i, String option) {
    checkArgument(i < args.length, option + " needs a value");
    return args[i];
  }

  private static int number(String[] args, int i, String option) {
    String v = value(args, i, option);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number: " + v, e);
    }
  }

  private static List<String> split(String options) {
    List<String> out = new ArrayList<>();
    for (String s : options.trim().split("\\s+")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static void checkArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
