package dev.helios.git.security.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files only their owner may read. Stateless and thread-safe. Internal to git-protocol. */
public final class OwnerOnlyFile {
  /*
   * The file is created with mode 0600 in the same system call that creates it (the attribute
   * of open(2) with O_CREAT), so there is no moment when it exists with the umask's wider mode.
   * The umask can only remove bits, so the result is never wider than 0600. A stale file is
   * deleted first (deleteIfExists removes a symbolic link, not its target) and CREATE_NEW then
   * refuses anything that appears in between, so the write never follows a planted link. On
   * file systems without POSIX permissions (Windows) the file inherits the directory's ACL.
   */

  private OwnerOnlyFile() {}

  /**
   * Replaces {@code file} with a new file holding {@code content}, readable and writable by the
   * owner only, and forces it to disk.
   *
   * @throws IOException if the file cannot be deleted, created or written
   */
  public static void write(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attributes =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    try (FileChannel channel = FileChannel.open(file, options, attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }
}
