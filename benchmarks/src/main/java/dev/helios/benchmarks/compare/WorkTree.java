package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The work tree of the workspace-commit workload: {@code files} text files in nested
 * directories, the same bytes for the same size every time, and the sequence of edits every
 * side applies to it. Immutable.
 */
final class WorkTree {
  /*
   * File i lives at src/mA/pB/fC.txt with A = i / 10,000, B = (i / 100) % 100, C = i % 100, so
   * a directory holds about 100 entries (100,000 files: 10 x 100 x 100). Contents are lines of
   * words drawn from a fixed list by a generator seeded with the file's number: 200 bytes to
   * about 4 KiB, 1.5 KiB on average.
   *
   * Every file's mtime is set an hour back, as if the tree had been checked out earlier. Without
   * that, files written a moment before the first snapshot are "racy" (their stat cannot prove
   * them unchanged, to git's index or Helios's stat cache alike), and the first measured commit
   * of either side would re-read the whole tree: a cost of the benchmark, not of the loop.
   *
   * Edit number e (counted over all repetitions) appends the line "agent edit e" to file
   * (e * 7919 + 13) mod files: a different file each time, spread over the directories.
   */

  private static final long SEED = 20_261_128L;
  private static final String[] WORDS = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "return", "value", "index", "buffer", "config", "request", "handler",
    "result", "error", "string", "count", "offset", "length", "node", "tree", "commit", "store",
    "hash", "path", "file", "=", "+", "(", ")", "{", "}", ";", "if", "for", "while", "int",
    "long", "final", "static", "class", "public", "private", "void", "new", "this", "null"
  };

  private final int files;

  /** A tree of {@code files} files. */
  WorkTree(int files) {
    if (files < 1) {
      throw new IllegalArgumentException("files must be at least 1: " + files);
    }
    this.files = files;
  }

  /** How many files the tree has. */
  int files() {
    return files;
  }

  /** The relative path of file {@code i}, with {@code /} separators. */
  String path(int i) {
    return "src/m" + (i / 10_000) + "/p" + (i / 100 % 100) + "/f" + (i % 100) + ".txt";
  }

  /** The relative path of the file edit {@code edit} changes. */
  String editedPath(int edit) {
    return path((int) ((edit * 7919L + 13) % files));
  }

  /** The bytes edit {@code edit} appends to its file. */
  static byte[] editLine(int edit) {
    return ("agent edit " + edit + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The paths edits {@code first} to {@code first + count - 1} change, in order. */
  List<String> editedPaths(int first, int count) {
    List<String> paths = new ArrayList<>(count);
    for (int e = first; e < first + count; e++) {
      paths.add(editedPath(e));
    }
    return paths;
  }

  /**
   * Writes the tree into {@code dir} (created if missing; must not hold the tree yet).
   *
   * @throws IOException if a file cannot be written
   */
  void writeTo(Path dir) throws IOException {
    FileTime old = FileTime.from(System.currentTimeMillis() - 3_600_000L, TimeUnit.MILLISECONDS);
    Path current = null;
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve(path(i));
      Path parent = file.getParent();
      if (!parent.equals(current)) {
        Files.createDirectories(parent);
        current = parent;
      }
      Files.write(file, content(i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.setLastModifiedTime(file, old);
    }
  }

  /** The initial content of file {@code i}. */
  byte[] content(int i) {
    SplittableRandom random = new SplittableRandom(SEED * 31 + i);
    double r = random.nextDouble();
    int size = 200 + (int) (r * r * 3900);
    StringBuilder text = new StringBuilder(size + 80);
    text.append("// file ").append(i).append('\n');
    int line = 1;
    while (text.length() < size) {
      text.append("line ").append(line++).append(':');
      int words = 4 + random.nextInt(10);
      for (int w = 0; w < words; w++) {
        text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      text.append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
