package dev.helios.benchmarks.vst;

import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The tree the workspace commit benchmarks change: {@code files} files of {@value #FILE_BYTES}
 * bytes of random content, a tenth of them in one large directory and the rest in a hierarchy of
 * directories of about 20 entries each, half of the files at depth 4 and half at depth 5.
 * Immutable; {@link #build} and {@link #fill} are confined to the calling thread.
 */
public final class BenchmarkTree {
  /*
   * Layout for 100,000 files (other sizes scale the same way):
   *   big/f00000 … big/f09999                      one directory of 10,000 files (sharded)
   *   a0/b00/c00/f00 …                              45,000 files at depth 4: 20 files per leaf
   *                                                 directory, 20 leaves per b, 20 b per a
   *   deep/c0/d00/e00/f00 …                         45,000 files at depth 5, the same way
   * The root holds the a*, deep and big; "deep" holds the c*. Every directory but the few top ones
   * has 20 entries.
   */

  /** Bytes of every file. */
  public static final int FILE_BYTES = 4096;

  private static final int FANOUT = 20;

  private final String[] paths;
  private final int bigDirectoryFiles;

  private BenchmarkTree(String[] paths, int bigDirectoryFiles) {
    this.paths = paths;
    this.bigDirectoryFiles = bigDirectoryFiles;
  }

  /**
   * The layout for {@code files} files (at least 20).
   *
   * @throws IllegalArgumentException if {@code files} is below 20
   */
  public static BenchmarkTree of(int files) {
    if (files < FANOUT) {
      throw new IllegalArgumentException("files must be >= " + FANOUT + ": " + files);
    }
    int big = files / 10;
    int shallow = (files - big) / 2;
    int deep = files - big - shallow;
    String[] paths = new String[files];
    int next = 0;
    for (int i = 0; i < big; i++) {
      paths[next++] = String.format("big/f%05d", i);
    }
    for (int i = 0; i < shallow; i++) {
      int leaf = i / FANOUT;
      paths[next++] =
          String.format(
              "a%d/b%02d/c%02d/f%02d", leaf / (FANOUT * FANOUT), (leaf / FANOUT) % FANOUT,
              leaf % FANOUT, i % FANOUT);
    }
    for (int i = 0; i < deep; i++) {
      int leaf = i / FANOUT;
      paths[next++] =
          String.format(
              "deep/c%d/d%02d/e%02d/f%02d", leaf / (FANOUT * FANOUT), (leaf / FANOUT) % FANOUT,
              leaf % FANOUT, i % FANOUT);
    }
    return new BenchmarkTree(paths, big);
  }

  /** Number of files. */
  public int size() {
    return paths.length;
  }

  /** Files in the large directory. */
  public int bigDirectoryFiles() {
    return bigDirectoryFiles;
  }

  /** The path of file {@code index}. */
  public String path(int index) {
    return paths[index];
  }

  /** Whether file {@code index} is in the large directory. */
  public boolean inBigDirectory(int index) {
    return index < bigDirectoryFiles;
  }

  /**
   * Writes every file into {@code workspace} with random content from {@code seed}, committing
   * every {@code filesPerCommit} files (so the content staged in memory stays bounded).
   */
  public void build(Workspace workspace, long seed, int filesPerCommit, Consumer<String> progress)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] content = new byte[FILE_BYTES];
    for (int i = 0; i < paths.length; i++) {
      fill(random, content);
      workspace.write(paths[i], content);
      if ((i + 1) % filesPerCommit == 0 || i == paths.length - 1) {
        workspace.commit("build: " + (i + 1) + " files");
        progress.accept("built " + (i + 1) + " of " + paths.length + " files");
      }
    }
  }

  /**
   * Lists every directory of {@code workspace}, so that its whole tree is in memory (as it is in
   * the workspace that built it) before it is measured. Returns the number of directories.
   */
  public static int load(Workspace workspace) throws IOException {
    return load(workspace, "");
  }

  private static int load(Workspace workspace, String dir) throws IOException {
    int dirs = 1;
    for (DirEntry e : workspace.list(dir)) {
      if (e.kind() == EntryKind.DIRECTORY) {
        dirs += load(workspace, dir.isEmpty() ? e.name() : dir + "/" + e.name());
      }
    }
    return dirs;
  }

  /** Fills {@code content} with random bytes. */
  public static void fill(SplittableRandom random, byte[] content) {
    for (int i = 0; i < content.length; i += 8) {
      long word = random.nextLong();
      for (int j = i; j < Math.min(i + 8, content.length); j++) {
        content[j] = (byte) word;
        word >>>= 8;
      }
    }
  }
}
