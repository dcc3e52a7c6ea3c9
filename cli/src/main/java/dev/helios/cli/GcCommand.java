package dev.helios.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios gc NAME|--all}. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description = {
      "Repacks a repository (or all) into one pack and drops unreachable objects.",
      "On a data directory it then deletes chunks no repository uses any more."
    })
final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirOptions target;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The repository.")
  String name;

  @Option(names = "--all", description = "Collect every repository.")
  boolean all;

  @Option(names = "--json", description = "Print {results, sweep} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (all == (name != null)) {
      throw new CliException("give a repository NAME or --all (one of them)", 2);
    }
    return target.execute(spec, a -> {
      Map<String, Object> result = a.gc(Optional.ofNullable(name));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(result));
      } else {
        if (result.get("results") instanceof java.util.List<?> results) {
          for (Object o : results) {
            if (o instanceof Map<?, ?> r) {
              out.printf("%s: %s -> %s packs, %s -> %s bytes, %s ms%n", r.get("repo"),
                  r.get("packsBefore"), r.get("packsAfter"), r.get("bytesBefore"),
                  r.get("bytesAfter"), r.get("millis"));
            }
          }
        }
        if (result.get("sweep") instanceof Map<?, ?> sweep) {
          out.printf("Swept %s unused chunks (%s bytes)%n", sweep.get("chunksDeleted"),
              sweep.get("bytesFreed"));
        }
      }
      out.flush();
      return 0;
    });
  }
}
