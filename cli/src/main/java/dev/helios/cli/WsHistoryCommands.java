package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.workspace.WorkspaceDocuments;
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

/** {@code helios ws commit|log|diff|restore}: snapshots of a workspace. */
final class WsHistoryCommands {
  private WsHistoryCommands() {}

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      header =
          "Commits the working tree of workspace NAME as a snapshot on its branch and "
          + "prints the snapshot's id.",
      description = {
        "Example:",
        "  helios ws commit demo -m 'add README' --meta ticket=42 --data DIR"
      })
  static final class Commit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG",
        description = "What the snapshot is about.")
    String message;

    @Option(names = "--meta", paramLabel = "KEY=VALUE",
        description = "Metadata to record with the snapshot; repeatable.")
    List<String> meta = new ArrayList<>();

    @Option(names = "--author", paramLabel = "WHO",
        description = "The author, such as 'Ann <ann@example.com>' (default: "
            + Workspaces.DEFAULT_AUTHOR + ").")
    String author;

    @Option(names = "--json", description = "Print {snapshot, branch} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      Map<String, String> metadata = new LinkedHashMap<>();
      for (String pair : meta) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new CliException("--meta takes KEY=VALUE: '" + pair + "'", 2);
        }
        metadata.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      return target.withWorkspace(spec, name, false, (d, w) -> {
        if (author != null) {
          w.author(author);
        }
        Hash id = w.commit(message, metadata);
        WsTarget.audit(d, "ws.commit", name, Map.of("branch", w.branch(), "snapshot", id.toHex()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("snapshot", id.toHex());
          doc.put("branch", w.branch());
          out.println(Json.write(doc));
        } else {
          out.println(id.toHex());
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the snapshots of workspace NAME from REV (default: HEAD) back, newest first.",
        "",
        "Example:",
        "  helios ws log demo main -n 5 --data DIR"
      })
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV",
        description = "A branch, HEAD or snapshot id.")
    String rev;

    @Option(names = "-n", paramLabel = "N", description = "At most N snapshots (default: 20).")
    int limit = 20;

    @Option(names = "--json", description = "Print {\"snapshots\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      if (limit < 0) {
        throw new CliException("-n must not be negative: " + limit, 2);
      }
      return target.withWorkspace(spec, name, false, (d, w) -> {
        Hash from = rev == null ? w.head().orElse(null) : WsTarget.resolve(d, name, rev);
        List<Snapshot> log = from == null ? List.of() : d.storage().workspaces().log(from, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> docs = new ArrayList<>();
          log.forEach(s -> docs.add(WorkspaceDocuments.snapshot(s)));
          out.println(Json.write(Map.of("snapshots", docs)));
        } else if (log.isEmpty()) {
          out.println("No snapshots yet.");
        } else {
          for (Snapshot s : log) {
            out.println("snapshot " + s.id().toHex());
            out.println("Author: " + s.author());
            out.println("Date:   " + s.time());
            s.metadata().forEach((k, v) -> out.println("Meta:   " + k + "=" + v));
            out.println();
            s.message().lines().forEach(line -> out.println("    " + line));
            out.println();
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      header =
          "Prints what changed in workspace NAME: with no REV, from its head to the "
          + "working tree; with REV1, from REV1 to the working tree; with both, from REV1 "
          + "to REV2.",
      description = {
        "Lines are A (added), M (modified) or D (deleted), a tab, and the path.",
        "",
        "Examples:",
        "  helios ws diff demo --data DIR",
        "  helios ws diff demo main experiment --json --data DIR"
      })
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV1", description = "From.")
    String from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "REV2", description = "To.")
    String to;

    @Option(names = "--json", description = "Print {\"changes\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, false, (d, w) -> {
        Workspaces workspaces = d.storage().workspaces();
        List<Change> changes;
        if (from == null) {
          changes = w.diff();
        } else if (to == null) {
          List<Change> collected = new ArrayList<>();
          Hash fromRoot = workspaces.snapshot(WsTarget.resolve(d, name, from)).root();
          workspaces.diffTrees(fromRoot, w.root(), collected::add);
          changes = collected;
        } else {
          changes =
              workspaces.diff(WsTarget.resolve(d, name, from), WsTarget.resolve(d, name, to));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> docs = new ArrayList<>();
          changes.forEach(c -> docs.add(WorkspaceDocuments.change(c)));
          out.println(Json.write(Map.of("changes", docs)));
        } else {
          for (Change c : changes) {
            out.println(c.type().name().charAt(0) + "\t" + c.path());
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      header =
          "Makes the working tree of workspace NAME that of snapshot REV, dropping "
          + "uncommitted changes.",
      description = {
        "The branch does not move: the next commit follows its head.",
        "",
        "Examples:",
        "  helios ws restore demo HEAD --data DIR        (discard uncommitted changes)",
        "  helios ws restore demo SNAPSHOT-ID --data DIR (an id from helios ws log)"
      })
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "REV", description = "A branch, HEAD or snapshot id.")
    String rev;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        Hash snapshot = WsTarget.resolve(d, name, rev);
        w.restore(snapshot);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Restored the working tree of " + name + " to " + snapshot.toHex());
        out.flush();
        return 0;
      });
    }
  }
}
