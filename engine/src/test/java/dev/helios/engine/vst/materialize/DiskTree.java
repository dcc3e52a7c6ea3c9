package dev.helios.engine.vst.materialize;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and ages directory trees on disk for the materialize and import tests. */
final class DiskTree {
  private DiskTree() {}

  /** Skips the calling test unless the default file system is POSIX with the unix view. */
  static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("unix"),
        "needs a POSIX file system");
  }

  /**
   * Every path below {@code root} (relative, {@code /}-separated) mapped to a description: {@code
   * file:<content>}, {@code exec:<content>}, {@code link:<target>} or {@code dir}. Large content is
   * described by its length.
   */
  static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        tree.put(rel, describeOne(p));
      }
    }
    return tree;
  }

  private static String describeOne(Path p) throws IOException {
    if (Files.isSymbolicLink(p)) {
      return "link:" + Files.readSymbolicLink(p);
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return "dir";
    }
    byte[] content = Files.readAllBytes(p);
    String text =
        content.length > 1024
            ? content.length + " bytes"
            : new String(content, StandardCharsets.UTF_8);
    return (Files.isExecutable(p) ? "exec:" : "file:") + text;
  }

  /** Sets the mtime of every regular file below {@code root} a minute back, so none is racy. */
  static void age(Path root) throws IOException {
    FileTime past = FileTime.from(Instant.now().minusSeconds(60));
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setLastModifiedTime(p, past);
        }
      }
    }
  }

  /** The inode and mtime of a file, to tell whether it was rewritten. */
  static String identity(Path file) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(file, "unix:ino,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    return a.get("ino") + "@" + a.get("lastModifiedTime");
  }

  /** Deletes {@code root} and everything below it, without following symlinks. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
