package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.WorkspaceInfo;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.workspace.GitTreeImport;
import dev.helios.git.workspace.WorkspaceDocuments;
import dev.helios.git.workspace.WorkspaceOwners;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios ws}: workspaces of the Virtual State Tree on a data directory. */
@Command(
    name = "ws",
    mixinStandardHelpOptions = true,
    description = {
      "Works with workspaces: named trees with branches and snapshots, on a data directory.",
      "Each command saves what it changes, so the next one sees it; commit makes a snapshot.",
      "",
      "Example:",
      "  helios ws init demo --data DIR",
      "  echo hello | helios ws write demo README - --data DIR",
      "  helios ws commit demo -m first --data DIR"
    },
    subcommands = {
      WsCommand.Init.class,
      WsCommand.ListWorkspaces.class,
      WsCommand.Delete.class,
      WsFileCommands.Write.class,
      WsFileCommands.Cat.class,
      WsFileCommands.Ls.class,
      WsFileCommands.Rm.class,
      WsFileCommands.Mkdir.class,
      WsFileCommands.Mv.class,
      WsHistoryCommands.Commit.class,
      WsHistoryCommands.Log.class,
      WsHistoryCommands.Diff.class,
      WsHistoryCommands.Restore.class,
      WsBranchCommands.Branch.class,
      WsBranchCommands.Checkout.class,
      WsBranchCommands.Branches.class,
      WsDirectoryCommands.Materialize.class,
      WsDirectoryCommands.Import.class,
      WsPublish.class
    })
final class WsCommand extends CommandGroup {

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      header =
          "Creates workspace NAME on branch main: empty, at a snapshot (--from), or at a "
          + "repository's commit (--repo, --ref), whose files are read from the repository.",
      description = {
        "Examples:",
        "  helios ws init scratch --data DIR",
        "  helios ws init fork --from scratch:main --data DIR",
        "  helios ws init app-main --repo team/app --ref main --data DIR"
      })
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(paramLabel = "NAME", description = "The new workspace's name.")
    String name;

    @Option(
        names = "--from",
        paramLabel = "REV",
        description = "Start at this snapshot: a 64-digit id, WORKSPACE (its HEAD) or"
            + " WORKSPACE:BRANCH.")
    String from;

    @Option(names = "--repo", paramLabel = "REPO", description = "Start at a commit of this repository (nothing is copied).")
    String repository;

    @Option(
        names = "--ref",
        paramLabel = "REF",
        description = "The commit of --repo: branch, tag or id (default: HEAD).")
    String ref;

    @Option(names = "--json", description = "Print the workspace as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      if (from != null && repository != null) {
        throw new CliException("give --from or --repo, not both", 2);
      }
      if (ref != null && repository == null) {
        throw new CliException("--ref needs --repo", 2);
      }
      return target.execute(spec, d -> {
        Workspaces workspaces = d.storage().workspaces();
        Map<String, String> details = new LinkedHashMap<>();
        Hash snapshot = null;
        if (repository != null) {
          snapshot = fromRepository(d);
          details.put("repository", repository);
          details.put("snapshot", snapshot.toHex());
        } else {
          Hash start = from == null ? null : start(d, from);
          workspaces.create(name, start).close();
          if (start != null) {
            snapshot = start;
            details.put("snapshot", start.toHex());
          }
        }
        // A name used before by a workspace made through the server must not keep its owner.
        new WorkspaceOwners(d.storage().meta()).forget(name);
        WsTarget.audit(d, "ws.create", name, details);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> doc = WorkspaceDocuments.workspace(
              workspaces.info(name).orElseThrow());
          out.println(Json.write(doc));
        } else {
          out.println("Created workspace " + name + " on branch " + Workspaces.DEFAULT_BRANCH
              + (snapshot == null ? "" : " at " + snapshot.toHex()));
        }
        out.flush();
        return 0;
      });
    }

    private Hash fromRepository(DataDirectory d) throws Exception {
      RepositoryName repo = RepositoryName.parse(repository);
      try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
        // The first start from a repository builds its twins, which takes a while when large.
        progress.update("Opening " + repo + " " + (ref == null ? "HEAD" : ref) + " as "
            + name + "...");
        return GitTreeImport.createWorkspace(d.repositories(), repo, ref, name).snapshot();
      }
    }

    private static Hash start(DataDirectory d, String raw) throws Exception {
      if (raw.length() == Hash.LENGTH * 2 && raw.matches("[0-9a-fA-F]+")) {
        return d.storage().workspaces().snapshot(Hash.fromHex(raw.toLowerCase(Locale.ROOT))).id();
      }
      int colon = raw.indexOf(':');
      String workspace = colon < 0 ? raw : raw.substring(0, colon);
      WsTarget.checkName(workspace);
      return WsTarget.resolve(d, workspace, colon < 0 ? "HEAD" : raw.substring(colon + 1));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"Lists workspaces.", "", "Example:", "  helios ws list --json --data DIR"})
  static final class ListWorkspaces implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Option(names = "--json", description = "Print {\"workspaces\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, d -> {
        List<WorkspaceInfo> all = d.storage().workspaces().list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> docs = new ArrayList<>();
          all.forEach(w -> docs.add(WorkspaceDocuments.workspace(w)));
          out.println(Json.write(Map.of("workspaces", docs)));
        } else if (all.isEmpty()) {
          out.println("No workspaces.");
        } else {
          out.printf("%-30s %-20s %-14s %8s  %s%n", "NAME", "BRANCH", "HEAD", "BRANCHES",
              "UNCOMMITTED");
          for (WorkspaceInfo w : all) {
            out.printf("%-30s %-20s %-14s %8d  %s%n", w.name(), w.branch(),
                w.head().map(h -> h.abbreviate(12)).orElse("-"), w.branches().size(),
                w.hasSavedChanges() ? "yes" : "no");
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
      description = {
        "Deletes workspace NAME and its branches; gc frees what nothing else uses.",
        "",
        "Example:",
        "  helios ws delete scratch --data DIR"
      })
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = "--json", description = "Print {\"deleted\": NAME} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.execute(spec, d -> {
        if (!d.storage().workspaces().delete(name)) {
          throw new CliException("no workspace '" + name + "'");
        }
        new WorkspaceOwners(d.storage().meta()).forget(name);
        WsTarget.audit(d, "ws.delete", name, Map.of());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(Map.of("deleted", name)) : "Deleted workspace " + name);
        out.flush();
        return 0;
      });
    }
  }
}
