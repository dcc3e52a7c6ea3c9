package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.ImportResult;
import dev.helios.engine.vst.MaterializeResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios ws materialize|import}: between a workspace and a directory on disk. */
final class WsDirectoryCommands {
  private WsDirectoryCommands() {}

  @Command(
      name = "materialize",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the working tree of workspace NAME (or snapshot --rev) into directory DIR.",
        "Run again on the same DIR, it writes only what changed and deletes what is gone;",
        "files that neither tree has, and a top-level .git, are left alone.",
        "",
        "Example:",
        "  helios ws materialize demo /tmp/demo --rev main --data DIR"
      })
  static final class Materialize implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory (created if missing).")
    Path directory;

    @Option(names = "--rev", paramLabel = "REV", description = "A branch, HEAD or snapshot id.")
    String rev;

    @Option(names = "--json", description = "Print what was done as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, false, (d, w) -> {
        MaterializeResult result;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
          progress.update("Materializing " + name + " into " + directory + "...");
          if (rev == null) {
            result = d.storage().workspaces().materializeTree(w.root(), directory);
          } else {
            Hash snapshot = WsTarget.resolve(d, name, rev);
            result = d.storage().workspaces().materialize(snapshot, directory);
          }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("directory", directory.toAbsolutePath().toString());
          doc.put("filesWritten", result.filesWritten());
          doc.put("deleted", result.deleted());
          doc.put("unchanged", result.unchanged());
          doc.put("bytesWritten", result.bytesWritten());
          doc.put("incremental", result.incremental());
          out.println(Json.write(doc));
        } else {
          out.printf("Materialized %s into %s: %d files written (%d bytes), %d deleted,"
                  + " %d unchanged%n", name, directory, result.filesWritten(),
              result.bytesWritten(), result.deleted(), result.unchanged());
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      header =
          "Makes the working tree of workspace NAME what directory DIR holds (what is "
          + "gone from DIR is deleted) and saves it; commit afterwards.",
      description = {
        "Files whose stat has not changed since the last import or materialize of DIR are not "
            + "read again.",
        "",
        "Example:",
        "  helios ws import demo /tmp/demo --data DIR && helios ws commit demo -m edits --data DIR"
      })
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory.")
    Path directory;

    @Option(names = "--json", description = "Print what was done as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        ImportResult result;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
          progress.update("Importing " + directory + " into " + name + "...");
          result = w.importDirectory(directory);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("directory", directory.toAbsolutePath().toString());
          doc.put("scanned", result.scanned());
          doc.put("hashed", result.hashed());
          doc.put("reused", result.reused());
          doc.put("deleted", result.deleted());
          doc.put("bytesHashed", result.bytesHashed());
          out.println(Json.write(doc));
        } else {
          out.printf("Imported %s into %s: %d files (%d read, %d bytes; %d unchanged), %d"
                  + " deleted%n", directory, name, result.scanned(), result.hashed(),
              result.bytesHashed(), result.reused(), result.deleted());
        }
        out.flush();
        return 0;
      });
    }
  }
}
