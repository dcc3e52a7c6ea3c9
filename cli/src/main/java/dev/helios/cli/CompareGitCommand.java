package dev.helios.cli;

import dev.helios.benchmarks.compare.CompareGit;
import dev.helios.benchmarks.compare.CompareOptions;
import dev.helios.benchmarks.compare.Comparison;
import dev.helios.benchmarks.compare.CostLine;
import dev.helios.benchmarks.compare.CostTotals;
import dev.helios.benchmarks.compare.Figure;
import dev.helios.benchmarks.compare.Fleet;
import dev.helios.benchmarks.compare.Pricing;
import dev.helios.benchmarks.compare.ReportWriter;
import dev.helios.benchmarks.compare.Scale;
import dev.helios.benchmarks.compare.Side;
import dev.helios.benchmarks.compare.WorkloadResult;
import dev.helios.benchmarks.compare.Workloads;
import dev.helios.migrate.report.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helios compare-git [--workload NAME|all] [--scale S] [--repeat R] [--json FILE] [--report
 * FILE]...}: the same workloads on stock git and on Helios, measured alike, with a cost report.
 */
@Command(
    name = "compare-git",
    mixinStandardHelpOptions = true,
    header = "Measures the same Git workloads on stock git and on Helios, with a cost report.",
    description = {
      "Each workload does the same operations from the same input on every side",
      "(stock git, and Helios through its library or its server), each side one child",
      "process tree measured by the same /proc instrument: bytes read and written, I/O",
      "calls, CPU and wall time, and the disk it occupies afterwards. Every figure is",
      "the median of R repetitions with min and max, and the yearly cost lines multiply",
      "the per-operation differences by the fleet and the prices, showing every input.",
      "",
      "Workloads: workspace-commit, push, ci-checkout, fork-network, clone.",
      "Prints a summary (medians, and reductions as 1 - helios/git) and writes the JSON",
      "and the reports asked for. Exits 0 when every workload ran, 1 when one failed",
      "(the line names it), 2 on a usage error. Needs stock git on PATH.",
      "",
      "Examples:",
      "  helios compare-git                 # every workload, small scale, about a minute",
      "  helios compare-git --scale medium --json r.json --report r.html --report r.md",
      "  helios compare-git --workload push,clone --repo ../jq.git --repeat 5"
    })
final class CompareGitCommand implements Callable<Integer> {
  /*
   * Everything the user typed is checked before any work starts (names, scale, repetitions,
   * report suffixes, directories, and the pricing and fleet files are parsed), so a typo costs
   * nothing. With --json -, standard output carries only the JSON document and the summary
   * goes to standard error.
   */

  private static final String DISK_ALLOCATED = "disk_allocated_bytes";
  private static final String DISK_ALLOCATED_STOPPED = "disk_allocated_stopped_bytes";

  @Spec CommandSpec spec;

  @Option(
      names = "--workload",
      paramLabel = "NAME",
      split = ",",
      description = "A workload to run, or all (default); repeatable or comma-separated.")
  List<String> workloads = new ArrayList<>();

  @Option(
      names = "--scale",
      paramLabel = "SCALE",
      defaultValue = "small",
      description = "small (default: a first run takes about a minute), medium (the figures"
          + " README.md quotes, a few minutes per workload) or large.")
  String scale;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      defaultValue = "3",
      description = "Repetitions of each side; figures are their median, min and max"
          + " (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description = "Start push, ci-checkout, fork-network and clone from this repository (bare"
          + " or with a work tree) instead of a generated one.")
  Path repository;

  @Option(
      names = "--pricing",
      paramLabel = "FILE",
      description = "Unit prices as JSON (default: built-in list prices of a major cloud, dated"
          + " and sourced in the report).")
  Path pricing;

  @Option(
      names = "--fleet",
      paramLabel = "FILE",
      description = "The fleet the yearly cost describes, as JSON (default: a built-in example"
          + " fleet, shown in the report).")
  Path fleet;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the full results as JSON to FILE (- for standard output).")
  String json;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write a report to FILE: .html (self-contained, with charts) or .md, by"
          + " suffix (repeatable).")
  List<Path> reports = new ArrayList<>();

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Run the workloads in a fresh directory under DIR (default: the system"
          + " temporary directory). It needs room for several copies of the input.")
  Path workDir;

  @Option(
      names = "--keep",
      description = "Keep the work directory (inputs, data directories and every command's"
          + " log) instead of deleting it.")
  boolean keep;

  @Option(names = "--debug", description = "Print stack traces of failures.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    CompareOptions options = options();
    for (Path file : reports) {
      checkReportFile(file);
    }
    Path jsonFile = json == null || json.equals("-") ? null : Path.of(json);
    if (jsonFile != null) {
      checkParent(jsonFile, "--json");
    }

    Comparison comparison;
    Path workDirectory;
    try (CompareProgress progress =
        CompareProgress.forTerminal(spec.commandLine().getErr(), options.workloads().size())) {
      comparison = CompareGit.run(options, progress);
      workDirectory = progress.workDirectory();
    } catch (IOException e) {
      throw new CliException(failure(e), 1);
    }

    PrintWriter out = spec.commandLine().getOut();
    boolean jsonToStdout = "-".equals(json);
    if (jsonFile != null) {
      Files.writeString(jsonFile, ReportWriter.json(comparison), StandardCharsets.UTF_8);
    }
    for (Path file : reports) {
      String text = isHtml(file) ? ReportWriter.html(comparison) : ReportWriter.markdown(comparison);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
    if (jsonToStdout) {
      out.print(ReportWriter.json(comparison));
      out.println();
      out.flush();
    }
    PrintWriter summaryTo = jsonToStdout ? spec.commandLine().getErr() : out;
    summary(summaryTo, comparison);
    if (jsonFile != null) {
      summaryTo.println("JSON written to " + jsonFile);
    }
    for (Path file : reports) {
      summaryTo.println("Report written to " + file);
    }
    if (keep && workDirectory != null) {
      summaryTo.println("Work directory kept: " + workDirectory);
    }
    summaryTo.flush();
    return 0;
  }

  /**
   * One line for a failed comparison: the first line of its message, and where the logs are (or
   * how to keep them), which the comparison puts after a failing command's multi-line output.
   */
  static String failure(IOException e) {
    String first = Main.describe(e);
    String message = e.getMessage() == null ? "" : e.getMessage();
    for (String hint : List.of(" (logs under ", " (run with --keep")) {
      int at = message.lastIndexOf(hint);
      if (at >= 0 && !first.contains(hint)) {
        String where = message.substring(at).strip();
        int end = where.indexOf('\n');
        return first + " " + (end < 0 ? where : where.substring(0, end));
      }
    }
    return first;
  }

  /** The options after every check that needs no work: exits 2 with one line otherwise. */
  private CompareOptions options() {
    Scale parsed;
    try {
      parsed = Scale.parse(scale);
    } catch (IllegalArgumentException e) {
      throw new CliException("--scale: " + Main.describe(e), 2);
    }
    if (repository != null && !Files.isDirectory(repository.resolve("objects"))
        && !Files.isDirectory(repository.resolve(".git"))) {
      throw new CliException("--repo: not a git repository: " + repository, 2);
    }
    if (workDir != null && Files.exists(workDir) && !Files.isDirectory(workDir)) {
      throw new CliException("--work-dir: not a directory: " + workDir, 2);
    }
    checkInput(pricing, "--pricing", Pricing::load);
    checkInput(fleet, "--fleet", Fleet::load);
    try {
      return new CompareOptions(
          selectedWorkloads(), parsed, repeat, repository, pricing, fleet, workDir, keep);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.describe(e), 2);
    }
  }

  /** The chosen workloads in run order; {@code all} (or nothing) means every one. */
  private List<String> selectedWorkloads() {
    Set<String> chosen = new LinkedHashSet<>();
    for (String w : workloads) {
      String name = w.strip().toLowerCase(Locale.ROOT);
      if (name.equals("all")) {
        chosen.addAll(Workloads.NAMES);
      } else if (!name.isEmpty()) {
        chosen.add(name);
      }
    }
    if (chosen.isEmpty()) {
      return Workloads.NAMES;
    }
    List<String> ordered = new ArrayList<>();
    for (String name : Workloads.NAMES) {
      if (chosen.remove(name)) {
        ordered.add(name);
      }
    }
    // Unknown names stay, for CompareOptions to refuse with the list of known ones.
    ordered.addAll(chosen);
    return ordered;
  }

  /** A file that is read before the work starts. */
  @FunctionalInterface
  private interface Loader {
    Object load(Path file) throws IOException;
  }

  private static void checkInput(Path file, String option, Loader loader) {
    if (file == null) {
      return;
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException(option + ": no such readable file: " + file, 2);
    }
    try {
      loader.load(file);
    } catch (IOException | IllegalArgumentException e) {
      String message = Main.describe(e);
      throw new CliException(
          option + ": " + (message.contains(file.toString()) ? message : file + ": " + message), 2);
    }
  }

  private static boolean isHtml(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html");
  }

  private static void checkReportFile(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".html") && !name.endsWith(".md")) {
      throw new CliException("--report: " + file + ": the name must end in .html or .md", 2);
    }
    checkParent(file, "--report");
  }

  private static void checkParent(Path file, String option) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CliException(option + ": no such directory: " + parent, 2);
    }
  }

  /** Per workload: each side's medians, then each Helios side's reduction against each git side. */
  static void summary(PrintWriter to, Comparison comparison) {
    to.printf(Locale.ROOT, "compare-git, scale %s, medians of %d repetition%s, %s%n",
        comparison.scale().id(), comparison.repeat(), comparison.repeat() == 1 ? "" : "s",
        Units.duration(Math.round(comparison.seconds() * 1000)));
    Map<String, Object> env = comparison.environment();
    to.printf(Locale.ROOT, "on git %s, %s, %s (%s cores), disk %s, file system %s%n",
        env.get("git"), env.get("java"), env.get("cpu"), env.get("cores"), env.get("disk"),
        env.get("file_system"));
    for (WorkloadResult w : comparison.workloads()) {
      to.println();
      to.println(w.name() + ": " + w.title() + " (" + w.operations() + " operations a repetition)");
      int width = 4;
      for (Side s : w.sides()) {
        width = Math.max(width, s.key().length() + 2);
        if (s.helios()) {
          for (Side g : w.sides()) {
            if (!g.helios()) {
              width = Math.max(width, s.key().length() + g.key().length() + 6);
            }
          }
        }
      }
      String disk = diskFigure(w);
      String row = "  %-" + width + "s %14s %16s %12s%n";
      to.printf(Locale.ROOT, row, "side", "write_bytes", "disk_allocated", "wall");
      for (Side s : w.sides()) {
        to.printf(Locale.ROOT, row, s.key(),
            bytes(s.figure("write_bytes")), bytes(s.figure(disk)), millis(s.figure("wall_ms")));
      }
      for (Side h : w.sides()) {
        if (!h.helios()) {
          continue;
        }
        for (Side g : w.sides()) {
          if (g.helios()) {
            continue;
          }
          to.printf(Locale.ROOT, row, h.key() + " vs " + g.key(),
              reduction(h, g, "write_bytes"), reduction(h, g, disk), reduction(h, g, "wall_ms"));
        }
      }
      if (!disk.equals(DISK_ALLOCATED)) {
        to.println("  (disk_allocated: after a clean stop of each server; the report also gives it while running)");
      }
    }
    costs(to, comparison);
    to.println();
  }

  /**
   * The disk figure the summary shows: what each server occupies after a clean stop where every
   * side has it (a running RocksDB holds preallocated log space), otherwise what each side
   * occupies when its work is done.
   */
  private static String diskFigure(WorkloadResult w) {
    boolean stopped = w.sides().stream().allMatch(s -> s.figure(DISK_ALLOCATED_STOPPED) != null);
    return stopped ? DISK_ALLOCATED_STOPPED : DISK_ALLOCATED;
  }

  /** The yearly cost lines (what-if lines left out, as in the totals) and their totals. */
  private static void costs(PrintWriter to, Comparison comparison) {
    if (comparison.costs().isEmpty()) {
      return;
    }
    String currency = comparison.pricing().currency();
    to.println();
    to.printf(Locale.ROOT, "Yearly cost for the fleet, %s %s list prices of %s (%s):%n",
        comparison.pricing().provider(), comparison.pricing().region(), comparison.pricing().asOf(), currency);
    int width = 5;
    for (CostLine line : comparison.costs()) {
      width = Math.max(width, line.name().length() + 2);
    }
    String row = "  %-" + width + "s %14s %14s %14s%n";
    to.printf(Locale.ROOT, row, "", "git", "helios", "saving");
    for (CostLine line : comparison.costs()) {
      if (!line.alternative()) {
        to.printf(Locale.ROOT, row, line.name(),
            money(line.gitPerYear()), money(line.heliosPerYear()), money(line.savingPerYear()));
      }
    }
    CostTotals totals = CostTotals.of(comparison.costs());
    to.printf(Locale.ROOT, row, "total",
        money(totals.gitPerYear()), money(totals.heliosPerYear()), money(totals.savingPerYear()));
  }

  private static String money(double value) {
    // A saving of -0.001 is shown as 0.00, not -0.00.
    return String.format(Locale.ROOT, "%,.2f", Math.abs(value) < 0.005 ? 0.0 : value);
  }

  private static String bytes(Figure f) {
    return f == null ? "-" : Units.bytes(Math.round(f.median()));
  }

  private static String millis(Figure f) {
    return f == null ? "-" : Units.duration(Math.round(f.median()));
  }

  /** {@code 1 - helios/git} of the medians, as {@code 99.2% less} or {@code 12.0% more}. */
  static String reduction(Side helios, Side git, String key) {
    Figure h = helios.figure(key);
    Figure g = git.figure(key);
    if (h == null || g == null) {
      return "-";
    }
    double hm = h.median();
    double gm = g.median();
    if (gm == 0) {
      return hm == 0 ? "same" : "n/a";
    }
    double r = 1 - hm / gm;
    return String.format(Locale.ROOT, "%.1f%% %s", Math.abs(r) * 100, r >= 0 ? "less" : "more");
  }
}
