package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.WorkspaceInfo;
import dev.helios.git.RepositoryName;
import dev.helios.git.workspace.SnapshotPublisher;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios ws publish}: snapshots of a workspace become commits on a repository branch. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    header =
        "Publishes a snapshot of workspace NAME (its head by default) and its "
        + "unpublished ancestors as Git commits on a branch of repository REPO, which "
        + "moves only by fast-forward.",
    description = {
      "The same snapshot always gives the same commit. Uncommitted changes are not "
          + "published, and empty directories are left out (Git cannot hold them).",
      "",
      "Example:",
      "  helios ws publish demo --repo team/app --branch feature --data DIR"
    })
final class WsPublish implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WsTarget target;

  @Parameters(paramLabel = "NAME", description = "The workspace.")
  String name;

  @Option(names = "--repo", required = true, paramLabel = "REPO",
      description = "The repository to publish to.")
  String repository;

  @Option(names = "--branch", paramLabel = "BRANCH",
      description = "The branch to move or create (default: the workspace's branch).")
  String branch;

  @Option(names = "--rev", paramLabel = "REV",
      description = "The snapshot to publish: a branch, HEAD or 64-digit id (default: HEAD).")
  String rev;

  @Option(names = "--json", description = "Print {commit, branch, snapshots, ...} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    WsTarget.checkName(name);
    RepositoryName repo;
    try {
      repo = RepositoryName.parse(repository);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.describe(e), 2);
    }
    return target.execute(spec, d -> {
      WorkspaceInfo info = d.storage().workspaces().info(name)
          .orElseThrow(() -> new CliException("no workspace '" + name + "'"));
      Hash snapshot = WsTarget.resolve(d, name, rev == null ? "HEAD" : rev);
      SnapshotPublisher.Result result = new SnapshotPublisher(d.repositories())
          .publish(repo, snapshot, branch == null ? info.branch() : branch);
      String shortBranch = Repository.shortenRefName(result.branch());
      WsTarget.audit(d, "ws.publish", name, Map.of("repository", repo.value(),
          "branch", shortBranch, "snapshot", snapshot.toHex(), "commit", result.commit().name()));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(result.document()));
      } else {
        out.println(result.commit().name());
        PrintWriter err = spec.commandLine().getErr();
        err.println((result.moved() ? "Published " : "Already published: ") + repo + " "
            + shortBranch + " at " + result.commit().abbreviate(12).name() + " ("
            + result.published().size() + " new commits, " + result.objectsWritten()
            + " objects" + (result.emptyDirectoriesSkipped() == 0 ? ""
                : ", " + result.emptyDirectoriesSkipped() + " empty directories left out")
            + ")");
        err.flush();
      }
      out.flush();
      return 0;
    });
  }
}
