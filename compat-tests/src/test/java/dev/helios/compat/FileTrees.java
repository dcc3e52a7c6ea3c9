package dev.helios.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Directory trees on disk as comparable values, and archives unpacked with the system's {@code tar}
 * and {@code unzip}. Stateless and thread-safe.
 */
final class FileTrees {
  private FileTrees() {}

  /**
   * Every entry under {@code root} (not following symlinks), by relative path with {@code /}:
   * {@code dir}, {@code link TARGET}, or {@code file|exec SIZE SHA-256} (exec when the owner may
   * execute it). Two trees with equal maps hold the same bytes, modes and links.
   */
  static Map<String, String> describe(Path root) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (path.equals(root)) {
          continue;
        }
        String name = root.relativize(path).toString().replace('\\', '/');
        entries.put(name, describeEntry(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e);
    }
    return entries;
  }

  private static String describeEntry(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      return "link " + Files.readSymbolicLink(path);
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return "dir";
    }
    boolean exec =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
            .contains(PosixFilePermission.OWNER_EXECUTE);
    return (exec ? "exec " : "file ") + Files.size(path) + " " + sha256(path);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 << 10];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /**
   * Unpacks {@code archive} into the new directory {@code into}, choosing the tool by suffix:
   * {@code .tar}, {@code .tar.gz}, {@code .tar.zst} ({@code tar}, with {@code zstd}) or {@code
   * .zip} ({@code unzip}).
   *
   * @throws AssertionError if the tool is missing or fails
   */
  static Path unpack(Path archive, Path into) {
    String name = archive.getFileName().toString();
    List<String> command;
    if (name.endsWith(".zip")) {
      command = List.of("unzip", "-q", archive.toString(), "-d", into.toString());
    } else if (name.endsWith(".tar.zst")) {
      command = List.of("tar", "--zstd", "-xf", archive.toString(), "-C", into.toString());
    } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      command = List.of("tar", "-xzf", archive.toString(), "-C", into.toString());
    } else {
      command = List.of("tar", "-xf", archive.toString(), "-C", into.toString());
    }
    try {
      Files.createDirectories(into);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " failed:\n"
                + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run "
              + command.get(0)
              + " (tar, gzip, zstd and unzip are prerequisites of"
              + " the archive tests): "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while unpacking " + archive, e);
    }
    return into;
  }
}
