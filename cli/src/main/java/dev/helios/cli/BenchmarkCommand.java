package dev.helios.cli;

import dev.helios.benchmarks.quick.QuickSuite;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helios benchmark}: short benchmark suites for a quick health check of this machine. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Runs short benchmark suites and prints their figures.",
      "These are health checks (seconds each); publishable figures come from the JMH",
      "benchmarks in benchmarks/ (see benchmarks/README.md)."
    })
final class BenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--suite",
      defaultValue = "all",
      paramLabel = "NAME",
      description = "Which suite to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      completionCandidates = SuiteNames.class)
  String suite;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--debug", description = "Print stack traces of failures.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    Map<String, QuickSuite> available = suites();
    List<QuickSuite> selected = new ArrayList<>();
    if (suite.equals("all")) {
      selected.addAll(available.values());
    } else if (available.containsKey(suite)) {
      selected.add(available.get(suite));
    } else {
      throw new CliException(
          "unknown suite '" + suite + "'; choose one of " + String.join(", ", available.keySet()) + ", all", 2);
    }

    // The git suite starts a server in process; its start lines are not figures.
    ServeCommand.quietJettyStartupLogs();
    List<Map<String, Object>> results = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
      for (QuickSuite s : selected) {
        progress.update(s.name() + ": starting");
        results.add(s.run(line -> progress.update(s.name() + ": " + line)));
      }
    }
    if (json) {
      Object document = results.size() == 1 ? results.get(0) : Map.of("suites", results);
      out.println(Json.write(document));
    } else {
      for (Map<String, Object> result : results) {
        printTable(out, "", result);
        out.println();
      }
    }
    out.flush();
    return 0;
  }

  private static void printTable(PrintWriter out, String prefix, Map<?, ?> tree) {
    for (Map.Entry<?, ?> entry : tree.entrySet()) {
      String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> child) {
        printTable(out, key, child);
      } else {
        out.printf("%-40s %s%n", key, format(entry.getValue()));
      }
    }
  }

  private static String format(Object value) {
    if (value instanceof Double d) {
      return String.format("%.2f", d);
    }
    return String.valueOf(value);
  }

  /** Every suite on the class path, by name, in name order. */
  static Map<String, QuickSuite> suites() {
    Map<String, QuickSuite> byName = new TreeMap<>();
    for (QuickSuite s : ServiceLoader.load(QuickSuite.class)) {
      byName.put(s.name(), s);
    }
    return new LinkedHashMap<>(byName);
  }

  /** Suite names for {@code --help}. */
  static final class SuiteNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>(suites().keySet());
      names.add("all");
      return names.iterator();
    }
  }
}
