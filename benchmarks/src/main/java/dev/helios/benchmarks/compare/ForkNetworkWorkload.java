package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fork-network} workload: an upstream repository (the source) and F forks of it, each
 * with one to three commits of its own on a branch and one a few commits behind, are migrated from
 * local disk: by git as F + 1 bare mirrors ({@code git clone --mirror}), by Helios into one data
 * directory ({@code helios migrate}), where the forks share the upstream's packs.
 */
final class ForkNetworkWorkload implements Workload {
  /*
   * The forks are made once, unmeasured, by one shell script: a bare clone of the source
   * (hard links, cheap), then commits made with plumbing (a temporary index, commit-tree,
   * update-ref) that each append a line to a file of the tree. Each repetition migrates all of
   * them into fresh directories, deleted after they have been measured.
   */

  private static final int JOBS = 2;

  // Args: SOURCE FORKS BEHIND. Fork i gets 1 + i % 3 commits on branch fork-i; fork BEHIND
  // first has its main moved three commits back (when the history is that long).
  private static final String MAKE_FORKS =
      """
      set -e
      src=$1; forks=$2; behind=$3; i=1
      while [ "$i" -le "$forks" ]; do
        repo=$(printf 'fork-%02d.git' "$i")
        git clone -q --bare "$src" "$repo"
        base=$(git -C "$repo" rev-parse refs/heads/main)
        if [ "$i" -eq "$behind" ] && git -C "$repo" rev-parse -q --verify "$base~3" >/dev/null; then
          base=$(git -C "$repo" rev-parse "$base~3")
          git -C "$repo" update-ref refs/heads/main "$base"
        fi
        export GIT_INDEX_FILE="$PWD/$repo/fork-index"
        git -C "$repo" read-tree "$base"
        file=$(git -C "$repo" ls-tree -r --name-only "$base" | head -n "$i" | tail -n 1)
        parent=$base; c=1
        while [ "$c" -le $((1 + i % 3)) ]; do
          blob=$({ git -C "$repo" cat-file blob "$parent:$file"; echo "fork $i change $c"; } \
            | git -C "$repo" hash-object -w --stdin)
          git -C "$repo" update-index --cacheinfo "100644,$blob,$file"
          tree=$(git -C "$repo" write-tree)
          parent=$(git -C "$repo" commit-tree "$tree" -p "$parent" -m "fork $i change $c")
          c=$((c + 1))
        done
        git -C "$repo" update-ref "refs/heads/fork-$i" "$parent"
        rm -f "$GIT_INDEX_FILE"; unset GIT_INDEX_FILE
        i=$((i + 1))
      done
      """;

  // Args: OUT NAME PATH [NAME PATH]...: a mirror of each PATH as OUT/NAME.git.
  private static final String MIRROR =
      "out=$1; shift; mkdir -p \"$out\" || exit 1; while [ $# -gt 0 ]; do"
          + " git clone -q --mirror --no-local \"$2\" \"$out/$1.git\" || exit 1; shift 2; done";

  @Override
  public String name() {
    return "fork-network";
  }

  @Override
  public String title() {
    return "Migrating a network of forks";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    int forks = context.scale().pick(3, 20, 50);
    Path work = context.workDir();
    GitClient git = context.git(work);
    Path log = work.resolve("fork-network.log");
    context.step(name(), "setup: making " + forks + " forks");
    Map<String, Path> repositories = makeForks(context.source().path(), forks, work, git, log);
    Path mirrors = work.resolve("mirrors");
    Path data = work.resolve("helios-data");
    List<String> mirror = new ArrayList<>(List.of("sh", "-c", MIRROR, "sh", mirrors.toString()));
    List<String> migrate =
        new ArrayList<>(List.of("--data", data.toString(), "--jobs", Integer.toString(JOBS)));
    repositories.forEach(
        (name, path) -> {
          mirror.add(name);
          mirror.add(path.toString());
          migrate.add(name + "=" + path);
        });
    List<String> helios = context.tools().heliosSide("migrate", migrate.toArray(String[]::new));

    SideRecorder gitSide = gitSide(forks);
    SideRecorder heliosSide = heliosSide(forks);
    for (int r = 1; r <= context.repeat(); r++) {
      String repetition = ", repetition " + r + "/" + context.repeat();
      context.step(name(), "git: " + (forks + 1) + " mirrors" + repetition);
      measure(gitSide, mirror, mirrors, work, git, log);
      context.step(name(), "helios: migrating " + (forks + 1) + " repositories" + repetition);
      measure(heliosSide, helios, data, work, git, log);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("forks", forks);
    parameters.put("repositories", forks + 1);
    parameters.put("helios_jobs", JOBS);
    parameters.put("source", context.source().description());
    return new WorkloadResult(
        name(),
        title(),
        "An upstream (the source) and "
            + forks
            + " forks of it, each fork with one to three"
            + " commits of its own on a branch and the last one three commits behind, on local"
            + " disk. git stores a bare mirror of each; Helios migrates all of them into one"
            + " data directory, where the forks share the upstream's packs. Each repetition"
            + " starts from empty directories.",
        forks + 1,
        parameters,
        List.of(gitSide.side(), heliosSide.side()),
        notes());
  }

  // The upstream (`source`) and `forks` forks made under work/network, by name, upstream first.
  private static Map<String, Path> makeForks(
      Path source, int forks, Path work, GitClient git, Path log)
      throws IOException, InterruptedException {
    Path network = Files.createDirectories(work.resolve("network"));
    String n = Integer.toString(forks);
    setup(
        List.of("sh", "-c", MAKE_FORKS, "sh", source.toString(), n, n),
        network,
        git.environment(),
        log);
    Map<String, Path> repositories = new LinkedHashMap<>();
    repositories.put("upstream", source);
    for (int i = 1; i <= forks; i++) {
      String fork = String.format("fork-%02d", i);
      repositories.put(fork, network.resolve(fork + ".git"));
    }
    return repositories;
  }

  private static SideRecorder gitSide(int forks) {
    return new SideRecorder(
        "git",
        "git clone --mirror",
        false,
        "One sh loop of stock git clone -q --mirror --no-local, one bare mirror per repository"
            + " ("
            + (forks + 1)
            + "), each a full copy made through git's transport.",
        "git defaults (core.fsync in 2.39): each mirror's pack and pack index are fsynced;"
            + " refs are not");
  }

  private static SideRecorder heliosSide(int forks) {
    return new SideRecorder(
        "helios",
        "helios migrate",
        true,
        "One child JVM running the migration library as helios migrate --data DIR --jobs "
            + JOBS
            + " does, all "
            + (forks + 1)
            + " repositories into one data directory (verified, with BLAKE3 twins).",
        "SyncPolicy.GROUP (as helios migrate uses): every write is fsynced, concurrent writes"
            + " sharing one fsync");
  }

  private static List<String> notes() {
    return List.of(
        "git mirrors with --no-local, so each mirror is a copy made through git's transport"
            + " (upload-pack and pack-objects on the source, counted), as a mirror from"
            + " another host would be; a plain local clone would hard-link the source's"
            + " files instead of storing a copy.",
        "Helios migrates from the same local paths with "
            + JOBS
            + " jobs, as a user would on two cores; its figures include the JVM's start, the"
            + " verification of each repository and building the BLAKE3 twins.",
        "Durability is alike: git fsyncs each pack and index (refs not); Helios fsyncs with"
            + " the group policy.",
        Tools.NATIVE_LIBRARY_NOTE);
  }

  // One repetition of a side: `command` measured, `dir` (empty before) its storage.
  private static void measure(
      SideRecorder side, List<String> command, Path dir, Path work, GitClient git, Path log)
      throws IOException, InterruptedException {
    DiskUsage before = DiskUsage.of(dir);
    Meter.Run run = Meter.run(command, work, git.environment(), log);
    side.add(run, before, DiskUsage.of(dir));
    CompareGit.delete(dir);
  }

  // Runs a setup command to completion, output to `log`; not measured.
  private static void setup(List<String> command, Path dir, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    int rc = pb.start().waitFor();
    if (rc != 0) {
      throw new IOException("making the forks failed (exit " + rc + "); see " + log);
    }
  }
}
