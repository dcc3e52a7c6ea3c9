package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ci-checkout} workload: CI jobs checking out successive revisions of a repository
 * into a job workspace. Sides {@code git-fresh-clone} (a fresh clone per job), {@code
 * git-fetch-checkout} (fetch and checkout in a kept clone) and {@code helios} (an incremental
 * materialize into the kept job directory). Not thread-safe.
 */
final class CiCheckoutWorkload implements Workload {
  /*
   * Revisions: the last K+1 first-parent commits of main, oldest first. REV_0 is where a kept
   * job directory starts (the previous job's checkout, set up unmeasured); the K jobs check out
   * REV_1 .. REV_K. The git sides clone from a staging bare repository (main only, no tags)
   * whose main is moved to REV_j before job j (unmeasured), so the upstream gains commits
   * between jobs as a real one does; clones use a file:// URL so that git transfers a pack
   * instead of hard-linking the objects. Helios's store holds every revision from its setup:
   * receiving them is the push workload's subject, not this one's.
   *
   * Every job is one measured run; a repetition's figures are the sum of its K jobs. Each
   * repetition starts from REV_0 in its own directory (one per repetition, set up before any is
   * measured), so repetitions do the same work. After the last repetition the three sides' job
   * directories must hold the same files, or the workload fails.
   */

  private static final String REPOSITORY = "ci/source";

  private static final String CLONE =
      "git clone -q \"$1\" . && git checkout -q --detach \"$2\"";
  private static final String FETCH_CHECKOUT =
      "git fetch -q origin && git checkout -q -f --detach \"$1\"";

  private static final String GIT_FSYNC =
      "git 2.39 core.fsync defaults: a received pack and its index are fsynced; loose objects"
          + " (a fetch of fewer than 100 objects is unpacked), refs, the index and the checked-out"
          + " files are not";

  @Override
  public String name() {
    return "ci-checkout";
  }

  @Override
  public String title() {
    return "CI jobs checking out successive revisions";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    Path source = context.source().path();
    Path work = context.workDir();
    GitClient git = context.git(work.resolve("git"));
    List<String> revisions = revisions(git, source, context.scale().pick(4, 10, 20));
    int jobs = revisions.size() - 1;
    Path staging = work.resolve("staging.git");
    git.run(work, "clone", "-q", "--bare", "--no-tags", "--single-branch", "--branch", "main",
        source.toString(), staging.toString());
    String url = staging.toUri().toString();

    List<Side> sides = new ArrayList<>();
    sides.add(freshClone(context, git, staging, url, revisions));
    sides.add(fetchCheckout(context, git, staging, url, revisions));
    sides.add(helios(context, source, revisions));

    int r = context.repeat();
    Path heliosDir = work.resolve("helios").resolve("job-" + r);
    CheckoutTrees.requireSame(heliosDir, work.resolve("git-fetch-checkout").resolve("job-" + r));
    CheckoutTrees.requireSame(heliosDir, work.resolve("git-fresh-clone").resolve("job"));

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("jobs", jobs);
    parameters.put("files_checked_out", CheckoutTrees.count(heliosDir));
    parameters.put("first_revision", revisions.get(1));
    parameters.put("last_revision", revisions.get(jobs));
    String description =
        "A CI job per revision: the last " + jobs + " first-parent commits of main of "
            + context.source().description() + ", oldest first, checked out into a job"
            + " directory one after another. Each repetition's figures are the sum of its "
            + jobs + " jobs.";
    return new WorkloadResult(name(), title(), description, jobs, parameters, sides, notes());
  }

  // The last count+1 first-parent revisions of main, oldest first (fewer if main is shorter).
  private static List<String> revisions(GitClient git, Path source, int count)
      throws IOException, InterruptedException {
    String out;
    try {
      out = git.run(source, "rev-list", "--first-parent", "-n", Integer.toString(count + 1),
          "refs/heads/main");
    } catch (IOException e) {
      throw new IOException("ci-checkout checks out branch main, and " + source + " has none", e);
    }
    List<String> revisions = new ArrayList<>(List.of(out.strip().split("\n")));
    if (revisions.size() < 2) {
      throw new IOException("ci-checkout needs at least 2 commits on main of " + source);
    }
    Collections.reverse(revisions);
    return revisions;
  }

  private Side freshClone(
      WorkloadContext context, GitClient git, Path staging, String url, List<String> revisions)
      throws IOException, InterruptedException {
    String key = "git-fresh-clone";
    Path dir = Files.createDirectories(context.workDir().resolve(key));
    Path job = dir.resolve("job");
    Path log = dir.resolve(key + ".log");
    SideRecorder recorder = new SideRecorder(
        key, "git (fresh clone per job)", false,
        "Per job, the job directory is emptied (unmeasured), then git clone of the upstream"
            + " through a file:// URL (a real pack transfer) and git checkout --detach of the"
            + " job's revision.",
        GIT_FSYNC);
    measureJobs(context, recorder, revisions.size() - 1,
        r -> {
          CompareGit.delete(job);
          return Files.createDirectories(job);
        },
        (j, jobDir) -> {
          git.run(staging, "update-ref", "refs/heads/main", revisions.get(j));
          CompareGit.delete(jobDir);
          Files.createDirectories(jobDir);
          return Meter.run(List.of("sh", "-c", CLONE, "sh", url, revisions.get(j)), jobDir,
              git.environment(), log);
        });
    return recorder.side();
  }

  private Side fetchCheckout(
      WorkloadContext context, GitClient git, Path staging, String url, List<String> revisions)
      throws IOException, InterruptedException {
    String key = "git-fetch-checkout";
    Path dir = Files.createDirectories(context.workDir().resolve(key));
    Path log = dir.resolve(key + ".log");
    int jobs = revisions.size() - 1;
    context.step(name(), key + ": cloning at the first revision");
    git.run(staging, "update-ref", "refs/heads/main", revisions.get(0));
    for (int r = 1; r <= context.repeat(); r++) {
      Path job = dir.resolve("job-" + r);
      git.run(dir, "clone", "-q", url, job.toString());
      git.run(job, "checkout", "-q", "--detach", revisions.get(0));
      // An automatic gc after a fetch runs in the foreground, measured, instead of detached.
      git.run(job, "config", "gc.autoDetach", "false");
    }
    SideRecorder recorder = new SideRecorder(
        key, "git (fetch and checkout)", false,
        "A clone kept from the previous job (set up at the revision before the first job,"
            + " unmeasured); per job git fetch from the upstream (file:// URL) and git checkout"
            + " -f --detach of the job's revision (gc.autoDetach=false: an automatic gc would be"
            + " measured).",
        GIT_FSYNC);
    measureJobs(context, recorder, jobs, r -> dir.resolve("job-" + r),
        (j, job) -> {
          git.run(staging, "update-ref", "refs/heads/main", revisions.get(j));
          return Meter.run(List.of("sh", "-c", FETCH_CHECKOUT, "sh", revisions.get(j)), job,
              git.environment(), log);
        });
    return recorder.side();
  }

  private Side helios(WorkloadContext context, Path source, List<String> revisions)
      throws IOException, InterruptedException {
    String key = "helios";
    Path dir = Files.createDirectories(context.workDir().resolve(key));
    Path data = dir.resolve("data");
    Path log = dir.resolve(key + ".log");
    Tools tools = context.tools();
    int jobs = revisions.size() - 1;
    context.step(name(), key + ": importing the repository, materializing the first revision");
    List<String> setup = new ArrayList<>(
        List.of(data.toString(), source.toString(), REPOSITORY, revisions.get(0)));
    for (int r = 1; r <= context.repeat(); r++) {
      setup.add(dir.resolve("job-" + r).toString());
    }
    Meter.run(tools.heliosSide("checkout-setup", setup.toArray(String[]::new)), dir, log);
    SideRecorder recorder = new SideRecorder(
        key, "Helios (incremental materialize)", true,
        "A job directory kept from the previous job (materialized at the revision before the"
            + " first job, unmeasured); per job a child JVM, as helios materialize NAME REV DIR"
            + " runs, opens the data directory and materializes the job's revision into the"
            + " directory incrementally: only the files that changed are written, found by a"
            + " tree diff and the directory's stat cache.",
        "SyncPolicy.FSYNC, as helios materialize opens a data directory: the stat cache record"
            + " is fsynced once per job; the files are written to temporary names and renamed,"
            + " not fsynced");
    measureJobs(context, recorder, jobs, r -> dir.resolve("job-" + r),
        (j, job) -> Meter.run(tools.heliosSide("materialize",
            data.toString(), REPOSITORY, revisions.get(j), job.toString()), dir, Map.of(), log));
    return recorder.side();
  }

  /** The job directory of a repetition, made ready for its first job (unmeasured). */
  @FunctionalInterface
  private interface JobDirectory {
    Path of(int repetition) throws IOException;
  }

  /** One job: moves the upstream if the side needs it (unmeasured), then the measured run. */
  @FunctionalInterface
  private interface Job {
    Meter.Run run(int job, Path jobDirectory) throws IOException, InterruptedException;
  }

  // Per repetition: the jobs one after another in that repetition's job directory, their runs
  // summed into one, and the directory's disk usage before and after.
  private void measureJobs(
      WorkloadContext context, SideRecorder recorder, int jobs, JobDirectory directory, Job job)
      throws IOException, InterruptedException {
    for (int r = 1; r <= context.repeat(); r++) {
      Path dir = directory.of(r);
      DiskUsage before = DiskUsage.of(dir);
      CheckoutJobs sum = new CheckoutJobs();
      for (int j = 1; j <= jobs; j++) {
        context.step(name(), recorder.key() + ": job " + j + "/" + jobs + ", repetition " + r + "/"
            + context.repeat());
        sum.add(job.run(j, dir));
      }
      recorder.add(sum.total(), before, DiskUsage.of(dir));
    }
  }

  private static List<String> notes() {
    return List.of(
        "Each Helios job is a child JVM, as a CI job running the helios command line is; its"
            + " figures include the JVM's start. Each git job runs git processes.",
        "When few files change between revisions, a Helios job's cost is mostly that start and"
            + " opening the data directory (RocksDB writes its info log, options and manifest"
            + " files and flushes the previous job's write-ahead log at every open), not the"
            + " materialize itself, which then takes tens of milliseconds; git's fetch and"
            + " checkout of a few changed files costs less than that.",
        "Disk figures are the job directory afterwards: for git it includes .git (the clone's"
            + " objects); for Helios only the checked-out files, since the repository lives in"
            + " the server's store and the directory's stat cache in its metadata.",
        "Helios's materialize fsyncs its stat cache record once per job; git fsyncs a received"
            + " pack (a fresh clone's, or a fetch of 100 objects or more) and not the loose"
            + " objects of a smaller fetch. Neither fsyncs the checked-out files.",
        "After the last job the Helios, fresh-clone and fetch-checkout job directories were"
            + " compared file by file (excluding .git) and are identical.",
        "Moving the upstream between jobs is not measured on either side: git's staging"
            + " repository gets an update-ref, and Helios's store holds every revision from its"
            + " setup (a push is measured by the push workload).",
        Tools.NATIVE_LIBRARY_NOTE);
  }
}
