package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.MaterializeResult;
import dev.helios.git.RepositoryName;
import dev.helios.git.inspect.ArchiveFormat;
import dev.helios.git.inspect.ArchiveWriter;
import dev.helios.git.server.DataDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios materialize NAME REV OUT}. */
@Command(
    name = "materialize",
    mixinStandardHelpOptions = true,
    header = "Writes a revision of a repository to a directory or an archive.",
    description = {
      "Writes the tree of revision REV of repository NAME to OUT. When OUT ends in .tar,",
      ".tar.gz, .tgz, .tar.zst or .zip it is an archive (modes and symlinks kept, gitlinks as",
      "empty directories, every entry dated with the commit); otherwise a directory, written",
      "incrementally: run again, only what changed is written and what is gone deleted.",
      "",
      "Examples:",
      "  helios materialize team/app main /tmp/app --data DIR",
      "  helios materialize team/app v1.0 app-1.0.tar.gz --data DIR"
    })
final class MaterializeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WsTarget target;

  @Parameters(index = "0", paramLabel = "NAME", description = "The repository.")
  String name;

  @Parameters(index = "1", paramLabel = "REV", description = "A branch, tag or SHA-1.")
  String rev;

  @Parameters(index = "2", paramLabel = "OUT", description = "An archive file or a directory.")
  Path output;

  @Option(names = "--json", description = "Print what was written as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RepositoryName repository = LogCommand.repository(name);
    Optional<ArchiveFormat> format = ArchiveFormat.forFileName(output.getFileName().toString());
    return target.execute(spec, d -> {
      Hash snapshot = LogCommand.snapshot(d, repository, rev);
      Map<String, Object> doc = new LinkedHashMap<>();
      String summary;
      try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
        progress.update("Writing " + repository + " " + rev + " to " + output + "...");
        if (format.isPresent()) {
          ArchiveWriter.Result r = writeArchive(d, snapshot, format.get());
          doc.put("archive", output.toAbsolutePath().toString());
          doc.put("format", format.get().suffix().substring(1));
          doc.put("files", r.files());
          doc.put("directories", r.directories());
          doc.put("symlinks", r.symlinks());
          doc.put("contentBytes", r.contentBytes());
          doc.put("archiveBytes", Files.size(output));
          summary = String.format("Wrote %s: %d files, %d symlinks, %d directories (%d bytes)",
              output, r.files(), r.symlinks(), r.directories(), Files.size(output));
        } else {
          MaterializeResult r = d.storage().workspaces().materialize(snapshot, output);
          doc.put("directory", output.toAbsolutePath().toString());
          doc.put("filesWritten", r.filesWritten());
          doc.put("deleted", r.deleted());
          doc.put("unchanged", r.unchanged());
          doc.put("bytesWritten", r.bytesWritten());
          doc.put("incremental", r.incremental());
          summary = String.format("Materialized %s %s into %s: %d files written (%d bytes), %d"
                  + " deleted, %d unchanged", repository, rev, output, r.filesWritten(),
              r.bytesWritten(), r.deleted(), r.unchanged());
        }
      }
      doc.put("snapshot", snapshot.toHex());
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? Json.write(doc) : summary);
      out.flush();
      return 0;
    });
  }

  // Into a temporary file beside OUT, moved into place once complete: OUT is never half written.
  private ArchiveWriter.Result writeArchive(DataDirectory d, Hash snapshot, ArchiveFormat format)
      throws IOException {
    Path absolute = output.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path temp = Files.createTempFile(parent, "." + absolute.getFileName() + "-", ".tmp");
    try {
      ArchiveWriter.Result result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        result = new ArchiveWriter(d.storage().workspaces()).write(snapshot, format, out);
      }
      // A temporary file is private (0600); the archive gets the mode a new file usually has.
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      return result;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
