package dev.helios.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helios audit verify|tail}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Reads and checks the hash-chained audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
final class AuditCommand extends CommandGroup {

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks every record's hash and its link to the one before.",
        "Exits 0 when the chain is intact; otherwise prints the first broken record and exits 1."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Option(names = "--json", description = "Print {ok, checked, firstBroken, problem, record} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, a -> {
        Map<String, Object> result = a.auditVerify();
        boolean ok = Boolean.TRUE.equals(result.get("ok"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(result));
          out.flush();
          return ok ? 0 : 1;
        }
        if (ok) {
          out.println("Audit log intact: " + result.get("checked") + " records verified");
          out.flush();
          return 0;
        }
        if (result.get("record") instanceof Map<?, ?> record) {
          out.println(Tail.line(record));
          out.flush();
        }
        throw new CliException("audit log broken at record " + result.get("firstBroken") + ": "
            + result.get("problem") + " (" + result.get("checked") + " records before it are intact)");
      });
    }
  }

  @Command(name = "tail", mixinStandardHelpOptions = true, description = "Prints the last records.")
  static final class Tail implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many records (default: 20).")
    int n = 20;

    @Option(names = "--json", description = "Print {\"records\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (n < 0) {
        throw new CliException("-n must be >= 0: " + n, 2);
      }
      return target.execute(spec, a -> {
        List<Map<String, Object>> records = a.auditTail(n);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(Map.of("records", records)));
        } else {
          for (Map<String, Object> r : records) {
            out.println(line(r));
          }
        }
        out.flush();
        return 0;
      });
    }

    static String line(Map<?, ?> r) {
      String details = "";
      if (r.get("details") instanceof Map<?, ?> d && !d.isEmpty()) {
        details = " " + d.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
      }
      return r.get("sequence") + " " + r.get("time") + " " + r.get("actor") + " " + r.get("action")
          + " " + r.get("target") + details;
    }
  }
}
