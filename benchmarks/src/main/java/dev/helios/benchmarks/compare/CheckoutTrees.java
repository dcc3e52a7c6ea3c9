package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares what two CI job directories hold, so that the ci-checkout figures are known to be
 * for the same result: the same paths with the same bytes (symlinks: the same target), apart
 * from a top-level {@code .git}. Directories themselves are not compared (Git does not track
 * them). Stateless.
 */
final class CheckoutTrees {
  private CheckoutTrees() {}

  /**
   * Checks that {@code a} and {@code b} hold the same files.
   *
   * @throws IOException naming the first path that differs, or if a directory cannot be read
   */
  static void requireSame(Path a, Path b) throws IOException {
    Map<String, Path> left = files(a);
    Map<String, Path> right = files(b);
    if (!left.keySet().equals(right.keySet())) {
      String only = left.keySet().stream().filter(p -> !right.containsKey(p)).findFirst()
          .map(p -> p + " is only in " + a)
          .orElseGet(() -> right.keySet().stream().filter(p -> !left.containsKey(p)).findFirst()
              .map(p -> p + " is only in " + b).orElse("?"));
      throw new IOException("the job directories differ: " + only);
    }
    for (Map.Entry<String, Path> e : left.entrySet()) {
      if (!same(e.getValue(), right.get(e.getKey()))) {
        throw new IOException("the job directories differ: " + e.getKey() + " in " + a
            + " and " + b);
      }
    }
  }

  /** How many files {@code dir} holds outside a top-level {@code .git}. */
  static int count(Path dir) throws IOException {
    return files(dir).size();
  }

  private static boolean same(Path x, Path y) throws IOException {
    boolean linkX = Files.isSymbolicLink(x);
    if (linkX != Files.isSymbolicLink(y)) {
      return false;
    }
    if (linkX) {
      return Files.readSymbolicLink(x).equals(Files.readSymbolicLink(y));
    }
    return Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y));
  }

  // Regular files and symlinks by relative path, skipping the top-level .git.
  private static Map<String, Path> files(Path dir) throws IOException {
    Path git = dir.resolve(".git");
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.startsWith(git)) {
          continue;
        }
        if (Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.put(dir.relativize(p).toString(), p);
        }
      }
    }
    return files;
  }
}
