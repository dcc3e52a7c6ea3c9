package dev.helios.benchmarks.compare;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.vst.Workspace;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The Helios side of the workspace-commit workload, run in a child JVM by {@link HeliosSide}:
 *
 * <ul>
 *   <li>{@code ws-setup DATA TREE NAME}: creates workspace NAME in data directory DATA from the
 *       directory TREE (an import) and commits it;
 *   <li>{@code ws-commit DATA NAME FIRST PATH...}: for each PATH, appends the line of edit
 *       FIRST, FIRST+1, ... to the file through the workspace API and commits;
 *   <li>{@code ws-import DATA NAME TREE FIRST PATH...}: for each PATH, appends the same line to
 *       the file TREE/PATH on disk, imports TREE into the workspace and commits.
 * </ul>
 */
final class WorkspaceSide {
  /*
   * The data directory is opened as the command line opens one (DataDirectory: RocksDB under
   * DATA/db) with SyncPolicy.WAL, a workspace's default durability: RocksDB's write-ahead log is
   * written but not fsynced, so a commit survives a killed process, not a power loss. That is
   * what an agent embedding the library gets; `helios ws` commands fsync each commit instead.
   */

  private static final String AUTHOR = "Bench <bench@example.com>";

  private WorkspaceSide() {}

  /** Runs operation {@code op} with {@code args}. */
  static void run(String op, List<String> args) throws Exception {
    switch (op) {
      case "ws-setup" -> setup(Path.of(args.get(0)), Path.of(args.get(1)), args.get(2));
      case "ws-commit" ->
          commit(Path.of(args.get(0)), args.get(1), Integer.parseInt(args.get(2)),
              args.subList(3, args.size()));
      case "ws-import" ->
          importEach(Path.of(args.get(0)), args.get(1), Path.of(args.get(2)),
              Integer.parseInt(args.get(3)), args.subList(4, args.size()));
      default -> throw new IllegalArgumentException("unknown workspace operation " + op);
    }
  }

  private static void setup(Path data, Path tree, String name) throws IOException {
    try (DataDirectory d = open(data);
        Workspace ws = d.storage().workspaces().create(name)) {
      ws.author(AUTHOR);
      ws.importDirectory(tree);
      ws.commit("initial");
    }
    // Closing leaves the import in RocksDB's write-ahead log; the next open replays it and
    // flushes it to a table file. Done here, so the first measured run does not pay for the
    // import (the git sides are packed by git gc in their setup likewise).
    open(data).close();
  }

  private static void commit(Path data, String name, int first, List<String> paths)
      throws IOException {
    try (DataDirectory d = open(data);
        Workspace ws = d.storage().workspaces().open(name)) {
      ws.author(AUTHOR);
      int edit = first;
      for (String path : paths) {
        byte[] old = ws.read(path);
        byte[] line = WorkTree.editLine(edit);
        byte[] next = new byte[old.length + line.length];
        System.arraycopy(old, 0, next, 0, old.length);
        System.arraycopy(line, 0, next, old.length, line.length);
        ws.write(path, next);
        ws.commit("edit " + edit);
        edit++;
      }
    }
  }

  private static void importEach(Path data, String name, Path tree, int first, List<String> paths)
      throws IOException {
    try (DataDirectory d = open(data);
        Workspace ws = d.storage().workspaces().open(name)) {
      ws.author(AUTHOR);
      int edit = first;
      for (String path : paths) {
        Files.write(tree.resolve(path), WorkTree.editLine(edit), StandardOpenOption.APPEND);
        ws.importDirectory(tree);
        ws.commit("edit " + edit);
        edit++;
      }
    }
  }

  private static DataDirectory open(Path data) throws IOException {
    return DataDirectory.open(data, SyncPolicy.WAL, ServerConfig.DEFAULT_AUTO_GC_PUSH_THRESHOLD);
  }
}
