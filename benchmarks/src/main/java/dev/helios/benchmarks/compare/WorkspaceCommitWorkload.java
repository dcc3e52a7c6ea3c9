package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code workspace-commit} workload: an agent loop in a large working tree, changing one
 * file and taking a snapshot, N times. Sides {@code git} (stock), {@code git-tuned}
 * ({@code feature.manyFiles} and the split index), {@code helios} (workspace commits through the
 * API) and {@code helios-import} (the edits made on disk, then {@code importDirectory}). Not
 * thread-safe.
 */
final class WorkspaceCommitWorkload implements Workload {
  /*
   * Each side gets its own copy of the generated tree (WorkTree), set up unmeasured: for git
   * `git init`, `git add -A`, `git commit`; for Helios a child JVM (ws-setup) that creates the
   * workspace by importing the tree and commits it. Then R repetitions of N commits each, the
   * repository or workspace carrying over: repetition r makes edits rN .. rN+N-1, the same file
   * sequence and the same appended bytes on every side. A side's directory is deleted when it is
   * done, so at most one 100,000-file copy exists at a time.
   */

  private static final String WORKSPACE = "agent";

  // printf is a shell builtin: the loop starts only git processes.
  private static final String GIT_LOOP =
      "e=$1; shift; for f in \"$@\"; do printf 'agent edit %d\\n' \"$e\" >> \"$f\""
          + " && git add -A && git commit -q -m \"edit $e\" || exit 1; e=$((e+1)); done";

  private static final String GIT_FSYNC =
      "git 2.39 core.fsync defaults: packs, pack metadata and the commit graph are fsynced; the"
          + " loose objects, index and refs a commit writes are not";

  @Override
  public String name() {
    return "workspace-commit";
  }

  @Override
  public String title() {
    return "Agent loop in a large working tree";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    WorkTree tree = new WorkTree(context.scale().pick(2_000, 100_000, 100_000));
    int commits = context.scale().pick(10, 50, 200);
    List<Side> sides = new ArrayList<>();
    sides.add(git(context, tree, commits, false));
    sides.add(git(context, tree, commits, true));
    sides.add(helios(context, tree, commits, false));
    sides.add(helios(context, tree, commits, true));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("files", tree.files());
    parameters.put("commits", commits);
    parameters.put("entries_per_directory", 100);
    String description =
        "A work tree of " + tree.files() + " generated text files (200 bytes to 4 KiB, about 100"
            + " entries per directory). Each commit appends one line to one file and snapshots"
            + " the tree; " + commits + " commits per repetition, each repetition continuing on"
            + " the same repository or workspace.";
    return new WorkloadResult(
        name(), title(), description, commits, parameters, sides, notes(tree, commits));
  }

  private Side git(WorkloadContext context, WorkTree tree, int commits, boolean tuned)
      throws IOException, InterruptedException {
    String key = tuned ? "git-tuned" : "git";
    Path dir = context.workDir().resolve(key);
    Path work = dir.resolve("tree");
    context.step(name(), key + ": writing " + tree.files() + " files");
    tree.writeTo(work);
    GitClient git = context.git(dir);
    context.step(name(), key + ": git init, add, commit and gc of " + tree.files() + " files");
    git.run(work, "init", "-q");
    if (tuned) {
      git.run(work, "config", "feature.manyFiles", "true");
      git.run(work, "config", "core.splitIndex", "true");
    }
    // An automatic gc runs in the foreground, inside the measured loop, instead of detached.
    git.run(work, "config", "gc.autoDetach", "false");
    git.run(work, "add", "-A");
    git.run(work, "commit", "-q", "-m", "initial");
    // Packed, as after a clone: the add left one loose object per file, which would make the
    // first measured commit's automatic gc pack the whole tree.
    git.run(work, "gc", "-q");
    String method = tuned
        ? "As git, with feature.manyFiles=true (in git 2.39: index version 4 and the untracked"
            + " cache) and core.splitIndex=true (a commit rewrites a small split index, not the"
            + " whole index)."
        : "Stock git " + context.tools().gitVersion() + ", the tree committed and packed"
            + " (git gc) beforehand. One sh loop: per commit, append a line to one file, then git"
            + " add -A && git commit -q. The repository carries over from one repetition to the"
            + " next; gc.autoDetach=false, so an automatic gc would be measured, not detached.";
    SideRecorder recorder = new SideRecorder(
        key, tuned ? "git (manyFiles, split index)" : "git", false, method, GIT_FSYNC);
    Path gitDir = work.resolve(".git");
    for (int r = 0; r < context.repeat(); r++) {
      context.step(name(), key + ": " + commits + " commits, repetition " + (r + 1) + "/"
          + context.repeat());
      List<String> command = new ArrayList<>(
          List.of("sh", "-c", GIT_LOOP, "sh", Integer.toString(r * commits)));
      command.addAll(tree.editedPaths(r * commits, commits));
      DiskUsage before = DiskUsage.of(gitDir);
      Meter.Run run = Meter.run(command, work, git.environment(), dir.resolve(key + ".log"));
      recorder.add(run, before, DiskUsage.of(gitDir));
    }
    CompareGit.delete(dir);
    return recorder.side();
  }

  private Side helios(WorkloadContext context, WorkTree tree, int commits, boolean imports)
      throws IOException, InterruptedException {
    String key = imports ? "helios-import" : "helios";
    Path dir = context.workDir().resolve(key);
    Path work = dir.resolve("tree");
    Path data = dir.resolve("data");
    Path log = dir.resolve(key + ".log");
    Tools tools = context.tools();
    context.step(name(), key + ": writing " + tree.files() + " files");
    tree.writeTo(work);
    context.step(name(), key + ": workspace from " + tree.files() + " files");
    Meter.run(tools.heliosSide("ws-setup", data.toString(), work.toString(), WORKSPACE), dir, log);
    String method = imports
        ? "A child JVM opens the data directory and the workspace; per commit it appends the line"
            + " to the file on disk, imports the work tree (importDirectory: a stat of every"
            + " file, re-hashing only those whose stat changed) and commits."
        : "A child JVM opens the data directory and the workspace; per commit it writes the"
            + " edited file through the Workspace API and commits (a snapshot). The workspace"
            + " carries over from one repetition to the next.";
    SideRecorder recorder = new SideRecorder(
        key, imports ? "Helios (import from disk)" : "Helios (workspace API)", true, method,
        "SyncPolicy.WAL, a workspace's default: RocksDB's write-ahead log is written but not"
            + " fsynced (a commit survives a killed process, not a power loss)");
    for (int r = 0; r < context.repeat(); r++) {
      context.step(name(), key + ": " + commits + " commits, repetition " + (r + 1) + "/"
          + context.repeat());
      int first = r * commits;
      List<String> args = new ArrayList<>(List.of(data.toString(), WORKSPACE));
      if (imports) {
        args.add(work.toString());
      }
      args.add(Integer.toString(first));
      args.addAll(tree.editedPaths(first, commits));
      DiskUsage before = DiskUsage.of(data);
      Meter.Run run = Meter.run(
          tools.heliosSide(imports ? "ws-import" : "ws-commit",
              args.toArray(String[]::new)),
          dir, Map.of(), log);
      recorder.add(run, before, DiskUsage.of(data));
    }
    CompareGit.delete(dir);
    return recorder.side();
  }

  private static List<String> notes(WorkTree tree, int commits) {
    return List.of(
        "Per commit, divide a figure by " + commits + ".",
        "Each Helios side's figures include starting its JVM (once per repetition, for "
            + commits + " commits); the git loop starts two git processes per commit.",
        "Neither side fsyncs per commit: git 2.39 does not fsync loose objects or refs by"
            + " default, and Helios runs with SyncPolicy.WAL (RocksDB's log written, not"
            + " fsynced). The helios ws commit command line fsyncs each commit instead.",
        "Disk figures are the .git directory for git and the data directory for Helios; the"
            + " work tree of " + tree.files() + " files is the same for every side and not"
            + " counted.",
        "helios writes the change through the API, so it need not look for it; helios-import"
            + " and both git sides find it by a stat of every file in the tree, which is the"
            + " like-for-like comparison when the edits happen on disk.",
        "The generated files' mtimes are set an hour back, so that no side re-reads freshly"
            + " written (racy) files in its first measured commit.",
        "Setup leaves both sides settled: git's objects packed by git gc, Helios's import"
            + " flushed from RocksDB's write-ahead log to a table file. Each Helios child JVM"
            + " replays and flushes the log its predecessor left, and a RocksDB compaction that"
            + " falls inside a measured run is counted in it, as an automatic git gc would be.",
        Tools.NATIVE_LIBRARY_NOTE);
  }
}
