package dev.helios.benchmarks.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * A synthetic bare repository of about N MiB of packed objects: text files of pseudo-words
 * across many commits, written through {@code git fast-import}. The same seed and size give
 * the same commits, byte for byte (fixed identities and dates). Not thread-safe.
 */
public final class RepositoryGenerator {
  /*
   * Size control: each run of newly generated text (a new file, or the lines a commit puts
   * into a file) is deflated on its own, as git compresses each object (a changed file
   * becomes a delta whose payload is the new lines), and generation stops when the sum
   * reaches the target. Trees, commits and the full copies at the base of each delta chain
   * come on top; PACK_OVERHEAD was measured so that 45 MiB comes out near 45 MiB. fast-import
   * deltas each blob against the blob written just before it (another file), so the result is
   * repacked with `git repack -a -d -f` to get the deltas a real history has.
   *
   * Shape: the first commit holds 30 % of the budget as files of 20 to 400 lines in
   * sqrt(files) directories; every later commit rewrites a run of 10 to 80 lines in 2 to 10
   * files, and one commit in eight also adds a file. A lightweight tag every 500 commits.
   */

  private static final double FIRST_COMMIT_SHARE = 0.30;
  private static final double PACK_OVERHEAD = 1.32;
  private static final int VOCABULARY = 4096;
  private static final long EPOCH = 1_600_000_000L;

  private final SplittableRandom random;
  private final String[] words;
  private final Deflater estimate = new Deflater();
  private final byte[] sink = new byte[64 * 1024];
  private long estimatedBytes;

  private RepositoryGenerator(long seed) {
    this.random = new SplittableRandom(seed);
    this.words = new String[VOCABULARY];
    for (int i = 0; i < VOCABULARY; i++) {
      int len = 2 + random.nextInt(9);
      StringBuilder w = new StringBuilder(len);
      for (int j = 0; j < len; j++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
  }

  /** What {@link #generate} made. */
  public record Summary(int commits, int files, long seed, int targetMib) {}

  /**
   * Creates the bare repository {@code dir} (which must not exist) with about {@code mib} MiB
   * of packed objects on branch {@code main}.
   *
   * @throws IOException if git fails
   */
  public static Summary generate(Path dir, int mib, long seed, GitClient git)
      throws IOException, InterruptedException {
    git.run(null, "init", "-q", "--bare", "-b", "main", dir.toString());
    RepositoryGenerator g = new RepositoryGenerator(seed);
    GitClient.Run run = git.start(dir, Map.of(), "fast-import", "--quiet");
    Summary s;
    try (OutputStream out = new BufferedOutputStream(run.process().getOutputStream(), 1 << 20)) {
      s = g.write(out, (long) (mib * 1048576.0 / PACK_OVERHEAD), mib, seed);
    } finally {
      g.estimate.end();
    }
    run.await();
    git.run(dir, "repack", "-q", "-a", "-d", "-f");
    return s;
  }

  private Summary write(OutputStream out, long budget, int mib, long seed) throws IOException {
    List<String> paths = new ArrayList<>();
    List<List<String>> contents = new ArrayList<>();
    int dirs = Math.max(4, (int) Math.sqrt(mib * 40.0));
    long time = EPOCH;
    int commits = 0;

    // First commit: a tree worth FIRST_COMMIT_SHARE of the budget.
    List<Integer> changed = new ArrayList<>();
    while (estimatedBytes < budget * FIRST_COMMIT_SHARE) {
      changed.add(addFile(paths, contents, dirs));
    }
    commit(out, "main", ++commits, time, "Initial import", paths, contents, changed);

    while (estimatedBytes < budget) {
      changed.clear();
      int files = 2 + random.nextInt(9);
      for (int i = 0; i < files; i++) {
        int f = random.nextInt(paths.size());
        rewrite(contents.get(f));
        changed.add(f);
      }
      if (random.nextInt(8) == 0) {
        changed.add(addFile(paths, contents, dirs));
      }
      time += 60 + random.nextInt(7200);
      commit(out, "main", ++commits, time, line(), paths, contents, changed);
      if (commits % 500 == 0) {
        ascii(out, "reset refs/tags/v" + (commits / 500) + "\nfrom :" + commits + "\n\n");
      }
    }
    ascii(out, "done\n");
    return new Summary(commits, paths.size(), seed, mib);
  }

  private int addFile(List<String> paths, List<List<String>> contents, int dirs) {
    int n = paths.size();
    paths.add("src/" + words[random.nextInt(VOCABULARY)] + (n % dirs) + "/"
        + words[random.nextInt(VOCABULARY)] + n + ".txt");
    int lines = 20 + random.nextInt(381);
    List<String> text = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      text.add(line());
    }
    contents.add(text);
    count(text);
    return n;
  }

  private void rewrite(List<String> text) {
    int run = 10 + random.nextInt(71);
    int at = random.nextInt(text.size());
    int remove = Math.min(run + random.nextInt(11) - 5, text.size() - at);
    text.subList(at, at + Math.max(0, remove)).clear();
    List<String> fresh = new ArrayList<>(run);
    for (int i = 0; i < run; i++) {
      fresh.add(line());
    }
    text.addAll(at, fresh);
    count(fresh);
  }

  /** A fresh line of 3 to 14 words, sometimes indented. */
  private String line() {
    StringBuilder b = new StringBuilder(80);
    if (random.nextInt(3) == 0) {
      b.append("    ");
    }
    int n = 3 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(words[random.nextInt(VOCABULARY)]);
    }
    return b.toString();
  }

  /** Adds the deflated size of {@code lines}, compressed on their own, to the estimate. */
  private void count(List<String> lines) {
    estimate.reset();
    estimate.setInput((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    estimate.finish();
    while (!estimate.finished()) {
      estimate.deflate(sink);
    }
    estimatedBytes += estimate.getBytesWritten();
  }

  private void commit(OutputStream out, String branch, int mark, long time, String message,
      List<String> paths, List<List<String>> contents, List<Integer> changed) throws IOException {
    byte[] msg = (message + "\n").getBytes(StandardCharsets.US_ASCII);
    ascii(out, "commit refs/heads/" + branch + "\nmark :" + mark + "\n");
    ascii(out, "author Bench Author <author@example.com> " + time + " +0000\n");
    ascii(out, "committer Bench Author <author@example.com> " + time + " +0000\n");
    ascii(out, "data " + msg.length + "\n");
    out.write(msg);
    for (int f : changed) {
      byte[] data = (String.join("\n", contents.get(f)) + "\n").getBytes(StandardCharsets.US_ASCII);
      ascii(out, "M 100644 inline " + paths.get(f) + "\ndata " + data.length + "\n");
      out.write(data);
      ascii(out, "\n");
    }
    ascii(out, "\n");
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }
}
