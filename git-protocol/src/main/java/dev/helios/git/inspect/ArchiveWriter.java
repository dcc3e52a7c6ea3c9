package dev.helios.git.inspect;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.Workspaces;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes the tree of a snapshot as a tar, compressed tar or zip archive, streaming: content is
 * copied from the store into the archive one file at a time, never the whole archive in memory.
 * Thread-safe (it holds no state between calls).
 */
public final class ArchiveWriter {
  /*
   * Determinism: the same tree gives the same bytes (for zip, in the same time zone: zip stores
   * local DOS times). Entries come in the walk's path order, every time stamp is the snapshot's
   * time truncated to seconds, owner and group are 0/root, gzip's header time is that time too
   * and its OS byte is fixed.
   *
   * Modes follow Git's: 644 for files, 755 for executables and directories, symlinks as link
   * entries whose target is the symlink's content, and a gitlink (submodule) as an empty
   * directory, as `git archive` writes it. Tar uses POSIX (pax) headers for long or non-ASCII
   * names and sizes beyond 8 GiB; zip uses Zip64 only when an entry needs it.
   */

  private static final int FILE_MODE = 0100644;
  private static final int EXECUTABLE_MODE = 0100755;
  private static final int DIRECTORY_MODE = 040755;
  private static final int SYMLINK_MODE = 0120777;
  private static final int ZSTD_LEVEL = 3;
  private static final int GZIP_OS_UNIX = 3;
  private static final int COPY_BUFFER = 64 * 1024;

  private final Workspaces workspaces;

  /**
   * Creates a writer reading trees and content from {@code workspaces}.
   *
   * @throws NullPointerException if {@code workspaces} is null
   */
  public ArchiveWriter(Workspaces workspaces) {
    this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
  }

  /**
   * Writes the tree of {@code snapshot} to {@code out} as {@code format}, every entry dated with
   * the snapshot's time. Does not close {@code out}; on failure {@code out} holds a partial
   * archive.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if the snapshot or part of its tree
   *     or content is not stored
   * @throws IOException if the store cannot be read or {@code out} written
   */
  public Result write(Hash snapshot, ArchiveFormat format, OutputStream out) throws IOException {
    Snapshot s = workspaces.snapshot(Objects.requireNonNull(snapshot, "snapshot"));
    return writeTree(s.root(), s.time(), format, out);
  }

  /**
   * Writes the tree whose root directory node is {@code root} to {@code out} as {@code format},
   * every entry dated {@code time} (truncated to seconds). Does not close {@code out}.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if part of the tree or content is not
   *     stored
   * @throws IOException if the store cannot be read or {@code out} written
   */
  public Result writeTree(Hash root, Instant time, ArchiveFormat format, OutputStream out)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    Instant mtime = Instant.ofEpochSecond(Objects.requireNonNull(time, "time").getEpochSecond());
    OutputStream shielded = new Unclosable(out);
    Counter counter = new Counter();
    switch (format) {
      case TAR -> writeTar(root, mtime, shielded, counter);
      case TAR_GZ -> {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(mtime.toEpochMilli());
        parameters.setOperatingSystem(GZIP_OS_UNIX);
        writeTar(root, mtime, new GzipCompressorOutputStream(shielded, parameters), counter);
      }
      case TAR_ZST -> {
        ZstdCompressorOutputStream zstd =
            ZstdCompressorOutputStream.builder()
                .setOutputStream(shielded)
                .setLevel(ZSTD_LEVEL)
                .get();
        writeTar(root, mtime, zstd, counter);
      }
      case ZIP -> writeZip(root, mtime, shielded, counter);
    }
    out.flush();
    return counter.result();
  }

  private void writeTar(Hash root, Instant mtime, OutputStream sink, Counter counter)
      throws IOException {
    FileTime time = FileTime.from(mtime);
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(sink, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      workspaces.walkTree(root, (path, entry) -> {
        TarArchiveEntry e;
        switch (entry.kind()) {
          case DIRECTORY, GITLINK -> {
            e = new TarArchiveEntry(path + "/");
            e.setMode(DIRECTORY_MODE);
          }
          case SYMLINK -> {
            e = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
            e.setLinkName(new String(workspaces.readContent(entry), StandardCharsets.UTF_8));
            e.setMode(SYMLINK_MODE);
          }
          default -> {
            e = new TarArchiveEntry(path);
            e.setMode(fileMode(entry));
            e.setSize(entry.size());
          }
        }
        e.setModTime(time);
        e.setIds(0, 0);
        e.setNames("root", "root");
        tar.putArchiveEntry(e);
        if (entry.kind() == EntryKind.FILE || entry.kind() == EntryKind.EXECUTABLE) {
          copy(entry, tar);
        }
        tar.closeArchiveEntry();
        counter.count(entry);
        return true;
      });
      tar.finish();
    }
  }

  private void writeZip(Hash root, Instant mtime, OutputStream sink, Counter counter)
      throws IOException {
    long time = mtime.toEpochMilli();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(sink)) {
      zip.setEncoding(StandardCharsets.UTF_8.name());
      zip.setUseLanguageEncodingFlag(true);
      workspaces.walkTree(root, (path, entry) -> {
        ZipArchiveEntry e;
        switch (entry.kind()) {
          case DIRECTORY, GITLINK -> {
            e = new ZipArchiveEntry(path + "/");
            e.setUnixMode(DIRECTORY_MODE);
          }
          case SYMLINK -> {
            e = new ZipArchiveEntry(path);
            e.setUnixMode(SYMLINK_MODE);
            e.setSize(entry.size());
          }
          default -> {
            e = new ZipArchiveEntry(path);
            e.setUnixMode(fileMode(entry));
            e.setSize(entry.size());
          }
        }
        e.setTime(time);
        zip.putArchiveEntry(e);
        if (entry.kind().hasContent()) {
          copy(entry, zip);
        }
        zip.closeArchiveEntry();
        counter.count(entry);
        return true;
      });
      zip.finish();
    }
  }

  private void copy(DirEntry entry, OutputStream to) throws IOException {
    try (InputStream in = workspaces.openContent(entry)) {
      byte[] buffer = new byte[COPY_BUFFER];
      int n;
      while ((n = in.read(buffer)) > 0) {
        to.write(buffer, 0, n);
      }
    }
  }

  private static int fileMode(DirEntry entry) {
    return switch (entry.kind()) {
      case EXECUTABLE -> EXECUTABLE_MODE;
      default -> FILE_MODE;
    };
  }

  /**
   * What one archive holds.
   *
   * @param files regular and executable files
   * @param directories directories, gitlinks included
   * @param symlinks symbolic links
   * @param contentBytes the bytes of file and symlink content written (before compression)
   */
  public record Result(long files, long directories, long symlinks, long contentBytes) {
    /** Every entry of the archive. */
    public long entries() {
      return files + directories + symlinks;
    }
  }

  private static final class Counter {
    private long files;
    private long directories;
    private long symlinks;
    private long bytes;

    void count(DirEntry entry) {
      switch (entry.kind()) {
        case DIRECTORY, GITLINK -> directories++;
        case SYMLINK -> symlinks++;
        default -> files++;
      }
      bytes += entry.size();
    }

    Result result() {
      return new Result(files, directories, symlinks, bytes);
    }
  }

  /** Passes writes through but not {@code close()}: the caller owns the stream. */
  private static final class Unclosable extends FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
