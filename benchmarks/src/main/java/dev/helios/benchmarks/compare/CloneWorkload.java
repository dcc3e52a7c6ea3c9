package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import dev.helios.engine.SyncPolicy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code clone} workload: C stock git clients clone the source from a server at the same time,
 * measuring the server process only: {@code git daemon} with the upload-pack processes it forks,
 * and the Helios server JVM. Both servers serve a repository collected by its own garbage
 * collection first.
 */
final class CloneWorkload implements Workload {
  /*
   * The clients are plain `git clone -q URL DIR` processes started together; their work (index
   * pack, checkout) is not measured, but it shares the two cores with the server, equally on
   * both sides. Each repetition clones into fresh directories, deleted afterwards. The pack a
   * client received is the size of the .pack file it kept: what the server chose to send,
   * without the protocol framing.
   */

  @Override
  public String name() {
    return "clone";
  }

  @Override
  public String title() {
    return "Clones by several clients";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    int clients = context.scale().pick(2, 8, 16);
    Path work = context.workDir();
    GitClient git = context.git(work);
    Path log = work.resolve("clients.log");
    String main = git.run(context.source().path(), "rev-parse", "refs/heads/main").strip();
    Map<String, SideRecorder> recorders = new LinkedHashMap<>();
    try (ServerPair servers = ServerPair.start(context, name(), git, work, SyncPolicy.FSYNC)) {
      for (ServerSide server : servers.both()) {
        context.step(name(), "setup: " + server.key() + ": garbage collection and a warm-up clone");
        server.pack();
        // One clone before measuring, so that a JVM server serves warm, as it would in use.
        Path warm = Files.createDirectories(work.resolve("warm-up-" + server.key()));
        cloneAll(git, server.url(), warm, 1, log);
        CompareGit.delete(warm);
        recorders.put(
            server.key(),
            new SideRecorder(
                server.key(),
                server.label(),
                server == servers.helios(),
                server.method() + " Clients: " + clients + " concurrent stock git clone -q.",
                server.fsync()));
      }
      for (int r = 1; r <= context.repeat(); r++) {
        for (ServerSide server : servers.both()) {
          context.step(
              name(),
              server.key() + ": " + clients + " clones, repetition " + r + "/" + context.repeat());
          Path clones = Files.createDirectories(work.resolve("clones-" + server.key()));
          ServerDisk before = ServerDisk.of(server.storage());
          Meter.Run run =
              Meter.server(server.pid(), () -> cloneAll(git, server.url(), clones, clients, log));
          SideRecorder recorder = recorders.get(server.key());
          ServerDisk.add(recorder, run, before, ServerDisk.of(server.storage()));
          recorder.put("pack_bytes_per_clone", "bytes", packBytes(git, clones, main) / clients);
          CompareGit.delete(clones);
        }
      }
      servers.stopAndRecord(recorders);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("clients", clients);
    parameters.put("source", context.source().description());
    return new WorkloadResult(
        name(),
        title(),
        clients
            + " stock git clients clone the source from a server at the same time; only"
            + " the server process (and the processes it forks) is measured. Both servers were"
            + " loaded by a mirror push and collected by their own garbage collection (git gc;"
            + " Helios POST /api/v1/gc) before measuring.",
        clients,
        parameters,
        recorders.values().stream().map(SideRecorder::side).toList(),
        notes());
  }

  private static List<String> notes() {
    return List.of(
        "Protocols differ: git daemon speaks git:// (no HTTP framing); Helios speaks smart"
            + " HTTP (HTTP/1.1 requests and responses).",
        "Processes differ: git daemon forks upload-pack and pack-objects per clone (their"
            + " start-up is counted); the Helios server is one long-running JVM, started"
            + " by the setup and warmed by one unmeasured clone (as is git's page cache),"
            + " whose background threads (JIT, garbage collector) are counted too.",
        "Both repositories were packed by their own garbage collection before measuring"
            + " (git gc: one pack with a reachability bitmap; Helios: POST /api/v1/gc), so"
            + " each serves from its best state.",
        "wchar counts every byte the server wrote: the packs sent to the clients, and for"
            + " git also the pipe from pack-objects to upload-pack, so git's bytes are"
            + " counted about twice; pack_bytes_per_clone is the pack each client kept.",
        ServerPair.DISK_NOTE);
  }

  // Starts every clone at once and waits for all; one failing fails the repetition.
  private static void cloneAll(GitClient git, String url, Path clones, int clients, Path log)
      throws IOException, InterruptedException {
    List<Process> started = new ArrayList<>();
    for (int i = 1; i <= clients; i++) {
      ProcessBuilder pb = new ProcessBuilder("git", "clone", "-q", url, "c" + i);
      pb.directory(clones.toFile());
      pb.environment().putAll(git.environment());
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      started.add(pb.start());
    }
    int failed = 0;
    for (Process p : started) {
      if (p.waitFor() != 0) {
        failed++;
      }
    }
    if (failed > 0) {
      throw new IOException(
          failed + " of " + clients + " clones of " + url + " failed; see " + log);
    }
  }

  // The bytes of the packs the clients kept, after checking each clone has main at `main`.
  private static long packBytes(GitClient git, Path clones, String main)
      throws IOException, InterruptedException {
    long bytes = 0;
    try (Stream<Path> dirs = Files.list(clones)) {
      for (Path clone : dirs.toList()) {
        String head = git.run(clone, "rev-parse", "HEAD").strip();
        if (!head.equals(main)) {
          throw new IOException(
              "clone " + clone + " has HEAD " + head + ", the source's main is " + main);
        }
        try (Stream<Path> packs = Files.list(clone.resolve(".git/objects/pack"))) {
          for (Path pack : packs.filter(p -> p.toString().endsWith(".pack")).toList()) {
            bytes += Files.size(pack);
          }
        }
      }
    }
    return bytes;
  }
}
