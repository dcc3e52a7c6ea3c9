package dev.helios.benchmarks.migrate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic bare repository of a given number of objects, written through {@code git
 * fast-import} and repacked once. The same object count gives the same repository, byte for byte
 * (fixed seed, identities and dates). Not thread-safe.
 */
final class GeneratedRepository {
  /*
   * Shape: 64 directories of 16 text files (30 lines each) in the first commit; every later
   * commit rewrites two lines in each of two files of two different directories, so it writes
   * exactly six objects (commit, root tree, two directory trees, two blobs). Generation stops
   * when the count reaches the target. A lightweight tag every 5,000 commits, and branch
   * `release` at the middle of the history. fast-import deltas each blob against the blob
   * written just before it (another file), so the result is repacked with `git repack -a -d -f`
   * to get the deltas of a real history.
   */

  private static final int DIRECTORIES = 64;
  private static final int FILES_PER_DIRECTORY = 16;
  private static final int LINES = 30;
  private static final long SEED = 500_000L;
  private static final long EPOCH = 1_600_000_000L;

  private final SplittableRandom random = new SplittableRandom(SEED);

  private GeneratedRepository() {}

  /**
   * Creates the bare repository {@code dir} (which must not exist) with about {@code objects}
   * objects on branch {@code main}.
   *
   * @throws IOException if git fails
   */
  static void generate(Path dir, int objects, MigrateThroughputBenchmark.Commands commands)
      throws IOException, InterruptedException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    MigrateThroughputBenchmark.deleteRecursively(tmp);
    commands.git(dir.getParent(), "init", "-q", "--bare", "-b", "main", tmp.toString());
    Path log = tmp.resolveSibling(tmp.getFileName() + ".fast-import.log");
    Process process = new ProcessBuilder("git", "fast-import", "--quiet")
        .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 20)) {
      new GeneratedRepository().write(out, objects);
    }
    if (process.waitFor() != 0) {
      throw new IOException("git fast-import failed: " + Files.readString(log).strip());
    }
    commands.git(tmp, "repack", "-q", "-a", "-d", "-f");
    Files.move(tmp, dir);
    Files.deleteIfExists(log);
  }

  private void write(OutputStream out, int target) throws IOException {
    List<List<String>> files = new ArrayList<>();
    StringBuilder first = new StringBuilder();
    header(first, 1, "Initial import");
    for (int f = 0; f < DIRECTORIES * FILES_PER_DIRECTORY; f++) {
      List<String> lines = new ArrayList<>(LINES);
      for (int l = 0; l < LINES; l++) {
        lines.add(line());
      }
      files.add(lines);
      file(first, f, lines);
    }
    ascii(out, first.append('\n'));
    long written = 2 + DIRECTORIES + (long) files.size();
    int commit = 1;
    while (written + 6 <= target) {
      commit++;
      StringBuilder c = new StringBuilder();
      header(c, commit, line());
      int d1 = random.nextInt(DIRECTORIES);
      int d2 = (d1 + 1 + random.nextInt(DIRECTORIES - 1)) % DIRECTORIES;
      for (int d : new int[] {d1, d2}) {
        int f = d * FILES_PER_DIRECTORY + random.nextInt(FILES_PER_DIRECTORY);
        List<String> lines = files.get(f);
        lines.set(random.nextInt(LINES), line());
        lines.set(random.nextInt(LINES), line());
        file(c, f, lines);
      }
      c.append('\n');
      if (commit % 5_000 == 0) {
        c.append("reset refs/tags/t").append(commit / 5_000).append("\nfrom :").append(commit)
            .append("\n\n");
      }
      ascii(out, c);
      written += 6;
    }
    ascii(out, new StringBuilder("reset refs/heads/release\nfrom :").append(commit / 2)
        .append("\n\ndone\n"));
  }

  private static void header(StringBuilder c, int commit, String message) {
    c.append("commit refs/heads/main\nmark :").append(commit).append('\n');
    c.append("committer Generator <generator@example.invalid> ")
        .append(EPOCH + commit * 90L).append(" +0000\n");
    data(c, message + "\n");
  }

  private static void file(StringBuilder c, int f, List<String> lines) {
    c.append("M 100644 inline d").append(f / FILES_PER_DIRECTORY).append("/f").append(f)
        .append(".txt\n");
    data(c, String.join("\n", lines) + "\n");
  }

  private static void data(StringBuilder c, String text) {
    c.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n')
        .append(text).append('\n');
  }

  private String line() {
    StringBuilder b = new StringBuilder(64);
    int words = 3 + random.nextInt(9);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        b.append(' ');
      }
      int length = 2 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        b.append((char) ('a' + random.nextInt(26)));
      }
    }
    return b.toString();
  }

  private static void ascii(OutputStream out, CharSequence text) throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
