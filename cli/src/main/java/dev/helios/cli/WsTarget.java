package dev.helios.cli;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.NoSuchWorkspaceException;
import dev.helios.engine.vst.VstPaths;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a {@code helios ws} command works: a data directory opened by this process, with the
 * error translation every workspace command shares. A picocli mixin; confined to the command's
 * thread.
 */
final class WsTarget {
  /*
   * Workspaces are worked on only directly: each command opens the data directory and the
   * workspace, does one thing, saves what it changed (so the next command sees it) and closes
   * both. Saves and commits are fsync'ed, like the other commands on a data directory. Errors
   * become one line: bad names and paths exit 2 (usage), everything else 1.
   */

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data directory (default: ./helios-data).")
  Path data;

  @Option(names = "--debug", description = "Print stack traces of failures.")
  boolean debug;

  /** What a command does with the open data directory; returns the exit code. */
  interface Action {
    int run(DataDirectory data) throws Exception;
  }

  /** What a command does with an open workspace; returns the exit code. */
  interface WorkspaceAction {
    int run(DataDirectory data, Workspace workspace) throws Exception;
  }

  /** Opens the data directory, runs {@code action}, closes it, and translates failures. */
  int execute(CommandSpec spec, Action action) throws Exception {
    Path dir = data != null ? data : ServerConfig.DEFAULT_DATA_DIRECTORY;
    try (DataDirectory opened = DataDirOptions.openDirectory(dir, SyncPolicy.FSYNC)) {
      return action.run(opened);
    } catch (Exception e) {
      if (debug && !(e instanceof CliException)) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      throw translate(e);
    }
  }

  /**
   * Opens workspace {@code name}, runs {@code action}, then saves the workspace when {@code
   * save} is set, so that the next command sees the change.
   */
  int withWorkspace(CommandSpec spec, String name, boolean save, WorkspaceAction action)
      throws Exception {
    return execute(spec, d -> {
      try (Workspace workspace = d.storage().workspaces().open(name)) {
        workspace.durability(d.storage().syncPolicy());
        int code = action.run(d, workspace);
        if (save) {
          workspace.save();
        }
        return code;
      }
    });
  }

  /** Resolves a branch, {@code HEAD} or 64-digit snapshot id of workspace {@code name}. */
  static Hash resolve(DataDirectory d, String name, String revision) throws IOException {
    return d.storage().workspaces().resolve(name, revision);
  }

  /** Appends {@code action} on workspace {@code name} to the audit log, as the local user. */
  static void audit(DataDirectory d, String action, String name, Map<String, String> details)
      throws IOException {
    String osUser = System.getProperty("user.name", "");
    String actor = "local:" + (osUser.isBlank() ? "unknown" : osUser);
    d.audit().append(new AuditEvent(actor, action, name, details));
  }

  /** Checks a workspace or branch name up front, as a usage error. */
  static void checkName(String name) {
    String problem = Workspaces.nameProblem(name);
    if (problem != null) {
      throw new CliException(problem, 2);
    }
  }

  /** Checks a path up front, as a usage error. */
  static void checkPath(String path) {
    try {
      VstPaths.split(path);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.describe(e), 2);
    }
  }

  private static Exception translate(Exception e) {
    if (e instanceof CliException) {
      return e;
    }
    if (e instanceof IllegalArgumentException) {
      return new CliException(Main.describe(e), 2);
    }
    if (e instanceof NoSuchFileException missing) {
      return new CliException("no such file or directory: " + missing.getFile());
    }
    if (e instanceof MissingChunkException missing) {
      // Its message names what is missing: a snapshot, a directory node, file content.
      return new CliException(Main.describe(missing));
    }
    if (e instanceof NoSuchWorkspaceException) {
      return new CliException(Main.describe(e));
    }
    return e;
  }
}
