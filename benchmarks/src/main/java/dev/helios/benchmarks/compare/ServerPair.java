package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import dev.helios.engine.SyncPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two servers of a workload, git first, each loaded with the source repository by a mirror push
 * (setup, not measured). Closing stops both. Not thread-safe.
 *
 * @param git stock git daemon
 * @param helios the Helios server
 */
record ServerPair(DaemonServer git, ServeSide.Server helios) implements AutoCloseable {
  /** What the disk figures of a running server mean, for the notes of a workload. */
  static final String DISK_NOTE =
      "Disk figures are taken while the servers run. A running Helios server's RocksDB reserves"
          + " space past the end of its write-ahead log (about 70 MiB, allocated but holding no"
          + " data, given back when it closes): disk_allocated_bytes and disk_growth_bytes count"
          + " each file's blocks only up to its end, and disk_reserved_bytes shows the reserve."
          + " files_created stays at 0 for Helios while its writes go to the write-ahead log."
          + " disk_allocated_stopped_bytes is what each side occupies after a clean stop.";

  /**
   * Starts both servers under {@code dir} (logs there too) and pushes the source into each.
   *
   * @throws IOException if a server does not start or a push fails
   */
  static ServerPair start(
      WorkloadContext context, String workload, GitClient client, Path dir, SyncPolicy sync)
      throws IOException, InterruptedException {
    Path source = context.source().path();
    context.step(workload, "setup: starting git daemon and the Helios server");
    DaemonServer git =
        DaemonServer.start(dir.resolve("git-server"), client, dir.resolve("git-daemon.log"));
    ServeSide.Server helios;
    try {
      helios =
          ServeSide.Server.start(
              context.tools(), dir.resolve("helios-data"), sync, dir.resolve("helios-serve.log"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      git.close();
      throw e;
    }
    ServerPair pair = new ServerPair(git, helios);
    try {
      for (ServerSide server : pair.both()) {
        context.step(workload, "setup: " + server.key() + ": push --mirror of the source");
        server.load(source, client);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      pair.close();
      throw e;
    }
    return pair;
  }

  /**
   * Stops both servers, then records what each stores once stopped as figure {@code
   * disk_allocated_stopped_bytes} (one value) of the recorder under its key. A running Helios
   * server's RocksDB holds its write-ahead log preallocated (about 1.1 times the write buffer),
   * which the allocated bytes measured while it runs include and a clean stop gives back.
   *
   * @throws IOException if {@code du} fails
   */
  void stopAndRecord(Map<String, SideRecorder> recorders) throws IOException, InterruptedException {
    close();
    for (ServerSide server : both()) {
      recorders
          .get(server.key())
          .put(
              "disk_allocated_stopped_bytes",
              "bytes",
              DiskUsage.of(server.storage()).allocatedBytes());
    }
  }

  /** Both servers, git first. */
  List<ServerSide> both() {
    return List.of(git, helios);
  }

  @Override
  public void close() {
    helios.close();
    git.close();
  }
}
