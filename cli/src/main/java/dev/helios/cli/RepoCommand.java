package dev.helios.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios repo create|list|delete}. */
@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    description = "Creates, lists and deletes repositories.",
    subcommands = {RepoCommand.Create.class, RepoCommand.ListRepos.class, RepoCommand.Delete.class})
final class RepoCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates an empty repository NAME (such as app or team/app).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Parameters(paramLabel = "NAME", description = "The repository name.")
    String name;

    @Option(names = "--json", description = "Print the repository as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, admin -> {
        Map<String, Object> repo = admin.createRepository(name);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(repo));
        } else if (target.server != null) {
          out.println("Created repository " + repo.get("name") + ": git clone "
              + DataDirOptions.serverUri(target.server) + "/git/" + repo.get("name") + ".git");
        } else {
          out.println("Created repository " + repo.get("name"));
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists repositories.")
  static final class ListRepos implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Option(names = "--json", description = "Print {\"repositories\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, admin -> {
        List<Map<String, Object>> repos = admin.listRepositories();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(Map.of("repositories", repos)));
        } else if (repos.isEmpty()) {
          out.println("No repositories.");
        } else {
          out.printf("%-40s %-24s %6s %14s  %s%n", "NAME", "HEAD", "PACKS", "PACK BYTES", "CREATED");
          for (Map<String, Object> r : repos) {
            out.printf("%-40s %-24s %6s %14s  %s%n", r.get("name"), r.get("head"), r.get("packs"),
                r.get("packBytes"), r.get("created"));
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes repository NAME; its storage is freed by the next gc.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Parameters(paramLabel = "NAME", description = "The repository name.")
    String name;

    @Option(names = "--json", description = "Print {\"deleted\": NAME} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, admin -> {
        admin.deleteRepository(name);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(Map.of("deleted", name)) : "Deleted repository " + name);
        out.flush();
        return 0;
      });
    }
  }
}
