package dev.helios.cli;

import dev.helios.git.RepositoryName;
import dev.helios.git.inspect.RepositoryVerifier;
import dev.helios.git.inspect.VerifyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios verify NAME [--full] [--json]}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Checks a repository's objects and their BLAKE3 twins.",
    description = {
      "Checks that every object reachable from the refs of repository NAME exists, parses and",
      "hashes to its SHA-1; with --full also recomputes the BLAKE3 of all content and every",
      "twin up to each snapshot's Merkle root. Exits 0 when clean, 1 when problems were found",
      "(the first " + VerifyCommand.LIMIT + " are listed, each as OBJECT: message).",
      "",
      "Example:",
      "  helios verify team/app --full --data DIR"
    })
final class VerifyCommand implements Callable<Integer> {
  /** The most problems listed. */
  static final int LIMIT = 20;

  @Spec CommandSpec spec;
  @Mixin WsTarget target;

  @Parameters(paramLabel = "NAME", description = "The repository.")
  String name;

  @Option(names = "--full", description = "Also check every twin (BLAKE3 of all content).")
  boolean full;

  @Option(
      names = "--json",
      description = "Print {repository, refs, objects, full, problems, clean} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RepositoryName repository = LogCommand.repository(name);
    return target.execute(spec, d -> {
      VerifyReport report;
      try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
        progress.update("Verifying " + repository + "...");
        report = new RepositoryVerifier(d.repositories()).verify(repository, full, LIMIT,
            n -> progress.update("Verifying " + repository + ": " + n + " objects"
                + (full ? ", then the twins" : "")));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(document(report)));
      } else {
        for (VerifyReport.Problem p : report.problems()) {
          out.println(p);
        }
        String checked = report.refs() + " refs, " + report.objects() + " objects"
            + (full ? ", twins" : "");
        if (report.clean()) {
          out.println(repository + ": clean (" + checked + ")");
        } else {
          out.println(repository + ": " + (report.truncated() ? "at least " : "")
              + report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")
              + " (" + checked + ")");
        }
        if (full && !report.twinsComplete()) {
          out.println("note: twins of " + repository + " are still being built; missing ones"
              + " may be reported");
        }
      }
      out.flush();
      return report.clean() ? 0 : 1;
    });
  }

  private static Map<String, Object> document(VerifyReport report) {
    List<Map<String, Object>> problems = new ArrayList<>();
    for (VerifyReport.Problem p : report.problems()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("object", p.object());
      doc.put("message", p.message());
      problems.add(doc);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("repository", report.repository().value());
    doc.put("refs", report.refs());
    doc.put("objects", report.objects());
    doc.put("full", report.full());
    doc.put("problems", problems);
    doc.put("truncated", report.truncated());
    doc.put("twinsComplete", report.twinsComplete());
    doc.put("clean", report.clean());
    return doc;
  }
}
