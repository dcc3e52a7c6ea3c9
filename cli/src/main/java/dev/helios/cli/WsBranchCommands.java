package dev.helios.cli;

import dev.helios.engine.vst.WorkspaceInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios ws branch|checkout|branches}: the branches of a workspace. */
final class WsBranchCommands {
  private WsBranchCommands() {}

  @Command(
      name = "branch",
      mixinStandardHelpOptions = true,
      header =
          "Creates BRANCH at the head of workspace NAME and switches to it, keeping the "
          + "working tree.",
      description = {
        "Example:",
        "  helios ws branch demo experiment --data DIR"
      })
  static final class Branch implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "BRANCH", description = "The new branch.")
    String branch;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      WsTarget.checkName(branch);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        w.branch(branch);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Switched workspace " + name + " to new branch " + branch);
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "checkout",
      mixinStandardHelpOptions = true,
      header =
          "Switches workspace NAME to existing BRANCH; its working tree becomes the "
          + "branch's head.",
      description = {
        "Refuses while there are uncommitted changes, unless --force drops them.",
        "",
        "Example:",
        "  helios ws checkout demo main --data DIR"
      })
  static final class Checkout implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "BRANCH", description = "The branch.")
    String branch;

    @Option(names = "--force", description = "Drop uncommitted changes.")
    boolean force;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      WsTarget.checkName(branch);
      return target.withWorkspace(spec, name, false, (d, w) -> {
        boolean dirty = !w.diff().isEmpty();
        if (dirty && !force) {
          throw new CliException("workspace '" + name + "' has uncommitted changes; commit them"
              + " or use --force to drop them");
        }
        w.checkout(branch);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Switched workspace " + name + " to branch " + branch);
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "branches",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the branches of workspace NAME; * marks the current one.",
        "",
        "Example:",
        "  helios ws branches demo --json --data DIR"
      })
  static final class Branches implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(paramLabel = "NAME", description = "The workspace.")
    String name;

    @Option(names = "--json", description = "Print {branch, branches} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.execute(spec, d -> {
        WorkspaceInfo info =
            d.storage().workspaces().info(name)
                .orElseThrow(() -> new CliException("no workspace '" + name + "'"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("branch", info.branch());
          doc.put("branches", info.branches());
          out.println(Json.write(doc));
        } else {
          for (String b : info.branches()) {
            out.println((b.equals(info.branch()) ? "* " : "  ") + b);
          }
        }
        out.flush();
        return 0;
      });
    }
  }
}
