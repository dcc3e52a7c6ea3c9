package dev.helios.git.inspect;

import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Workspaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Line counts of the changes between two trees, as {@code git diff --stat} shows them: for each
 * changed file the lines added and removed, or "binary". Only changed files are read; the
 * changes themselves come from the engine's Merkle-pruned diff. Thread-safe.
 */
public final class DiffStat {
  /*
   * As git does: a file is binary when either side has a NUL byte in its first 8000 bytes
   * (RawText.isBinary), and also when either side is larger than BIG_FILE (git's
   * core.bigFileThreshold is 512 MiB; we read both sides into memory, so ours is smaller).
   * Lines are counted with the Myers algorithm (git's default) run to a minimal diff; git's
   * xdiff gives up minimality by heuristics on long files, so a count here may be smaller than
   * git's on such files (never larger), while the net change per file always agrees. A
   * gitlink reads as the one line "Subproject commit SHA-1", a symlink as its target, again as
   * git shows them. Directories are not files: their own ADDED/DELETED changes are left out.
   */

  /** Files larger than this many bytes count as binary. */
  static final long BIG_FILE = 32L << 20;

  private static final int STAT_WIDTH = 80;

  private final Workspaces workspaces;

  /**
   * Creates a stat reading content from {@code workspaces}.
   *
   * @throws NullPointerException if {@code workspaces} is null
   */
  public DiffStat(Workspaces workspaces) {
    this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
  }

  /** The changes of {@code changes} that concern files, symlinks or gitlinks, in order. */
  public static List<Change> fileChanges(List<Change> changes) {
    List<Change> files = new ArrayList<>();
    for (Change c : changes) {
      // A directory only ever appears itself as added or deleted; its files follow it.
      if (!isDirectory(c.before()) && !isDirectory(c.after())) {
        files.add(c);
      }
    }
    return Collections.unmodifiableList(files);
  }

  /**
   * The letter {@code git diff --name-status} shows for {@code change}: {@code A}, {@code D},
   * {@code M}, or {@code T} when the kind changed between file, symlink and gitlink.
   */
  public static char status(Change change) {
    return switch (change.type()) {
      case ADDED -> 'A';
      case DELETED -> 'D';
      case MODIFIED -> typeChanged(change) ? 'T' : 'M';
    };
  }

  /**
   * Counts the lines of every file change among {@code changes} (directory changes are skipped).
   *
   * @throws IOException if content cannot be read
   */
  public Summary stat(List<Change> changes) throws IOException {
    List<FileStat> files = new ArrayList<>();
    long insertions = 0;
    long deletions = 0;
    for (Change c : fileChanges(changes)) {
      FileStat s = stat(c);
      files.add(s);
      insertions += s.insertions();
      deletions += s.deletions();
    }
    return new Summary(Collections.unmodifiableList(files), insertions, deletions);
  }

  /**
   * Counts the lines one change adds and removes.
   *
   * @throws IOException if content cannot be read
   */
  public FileStat stat(Change change) throws IOException {
    DirEntry before = change.before();
    DirEntry after = change.after();
    if (size(before) > BIG_FILE || size(after) > BIG_FILE) {
      return new FileStat(change, true, 0, 0);
    }
    byte[] a = text(before);
    byte[] b = text(after);
    if (RawText.isBinary(a) || RawText.isBinary(b)) {
      return new FileStat(change, true, 0, 0);
    }
    EditList edits =
        MyersDiff.INSTANCE.diff(RawTextComparator.DEFAULT, new RawText(a), new RawText(b));
    long added = 0;
    long removed = 0;
    for (Edit e : edits) {
      added += e.getLengthB();
      removed += e.getLengthA();
    }
    return new FileStat(change, false, added, removed);
  }

  /**
   * Renders {@code summary} as {@code git diff --stat} does for an 80-column output: one line per
   * file ({@code  path | 3 ++-} or {@code  path | Bin 10 -> 20 bytes}) and the totals line.
   * Empty when there are no files.
   */
  public static List<String> format(Summary summary) {
    List<FileStat> files = summary.files();
    if (files.isEmpty()) {
      return List.of();
    }
    long maxChange = 0;
    int nameWidth = 0;
    boolean anyBinary = false;
    for (FileStat f : files) {
      maxChange = Math.max(maxChange, f.insertions() + f.deletions());
      nameWidth = Math.max(nameWidth, f.change().path().length());
      anyBinary |= f.binary();
    }
    int numberWidth = Math.max(Long.toString(maxChange).length(), anyBinary ? 3 : 0);
    long graphWidth = maxChange;
    // Git's layout: shrink the graph to 3/8 of the width first, then the names.
    if (nameWidth + numberWidth + 6 + graphWidth > STAT_WIDTH) {
      if (graphWidth > STAT_WIDTH * 3 / 8 - numberWidth - 6) {
        graphWidth = Math.max(6, STAT_WIDTH * 3 / 8 - numberWidth - 6);
      }
      if (nameWidth > STAT_WIDTH - numberWidth - 6 - graphWidth) {
        nameWidth = (int) (STAT_WIDTH - numberWidth - 6 - graphWidth);
      } else {
        graphWidth = STAT_WIDTH - numberWidth - 6 - nameWidth;
      }
    }
    List<String> lines = new ArrayList<>();
    for (FileStat f : files) {
      String name = fit(f.change().path(), nameWidth);
      StringBuilder line = new StringBuilder(" ").append(name);
      line.append(" ".repeat(nameWidth - name.length())).append(" | ");
      if (f.binary()) {
        line.append(pad("Bin", numberWidth)).append(' ').append(size(f.change().before()))
            .append(" -> ").append(size(f.change().after())).append(" bytes");
      } else {
        long total = f.insertions() + f.deletions();
        line.append(pad(Long.toString(total), numberWidth));
        if (total > 0) {
          line.append(' ');
        }
        long plus = f.insertions();
        long minus = f.deletions();
        if (graphWidth < maxChange) {
          long scaledTotal = scale(total, graphWidth, maxChange);
          minus = scale(minus, graphWidth, maxChange);
          plus = Math.max(0, scaledTotal - minus);
        }
        line.append("+".repeat((int) plus)).append("-".repeat((int) minus));
      }
      lines.add(line.toString());
    }
    lines.add(totals(files.size(), summary.insertions(), summary.deletions()));
    return Collections.unmodifiableList(lines);
  }

  /** Git's totals line: {@code  2 files changed, 3 insertions(+), 1 deletion(-)}. */
  static String totals(int files, long insertions, long deletions) {
    StringBuilder line = new StringBuilder(" ").append(files)
        .append(files == 1 ? " file changed" : " files changed");
    if (insertions > 0 || deletions == 0) {
      line.append(", ").append(insertions)
          .append(insertions == 1 ? " insertion(+)" : " insertions(+)");
    }
    if (deletions > 0 || insertions == 0) {
      line.append(", ").append(deletions)
          .append(deletions == 1 ? " deletion(-)" : " deletions(-)");
    }
    return line.toString();
  }

  private byte[] text(@Nullable DirEntry entry) throws IOException {
    if (entry == null) {
      return new byte[0];
    }
    if (entry.kind() == EntryKind.GITLINK) {
      String line = "Subproject commit " + ObjectId.fromRaw(entry.gitlinkId()).name() + "\n";
      return line.getBytes(StandardCharsets.US_ASCII);
    }
    if (!entry.kind().hasContent()) {
      return new byte[0];
    }
    return workspaces.readContent(entry);
  }

  private static boolean typeChanged(Change change) {
    DirEntry before = change.before();
    DirEntry after = change.after();
    if (before == null || after == null) {
      return false;
    }
    return regular(before.kind()) != regular(after.kind())
        || (!regular(before.kind()) && before.kind() != after.kind());
  }

  private static boolean regular(EntryKind kind) {
    return kind == EntryKind.FILE || kind == EntryKind.EXECUTABLE;
  }

  private static boolean isDirectory(@Nullable DirEntry entry) {
    return entry != null && entry.kind() == EntryKind.DIRECTORY;
  }

  private static long size(@Nullable DirEntry entry) {
    return entry == null ? 0 : entry.size();
  }

  private static long scale(long it, long width, long max) {
    return it == 0 ? 0 : 1 + (it * (width - 1) / max);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  // Git keeps the end of a long path: "...long/path/name".
  private static String fit(String name, int width) {
    if (name.length() <= width) {
      return name;
    }
    int keep = Math.max(0, width - 3);
    String tail = name.substring(name.length() - keep);
    int slash = tail.indexOf('/');
    return "..." + (slash >= 0 ? tail.substring(slash) : tail);
  }

  /**
   * The line counts of one change.
   *
   * @param change the change
   * @param binary whether either side is binary (then both counts are 0)
   * @param insertions lines added
   * @param deletions lines removed
   */
  public record FileStat(Change change, boolean binary, long insertions, long deletions) {
    public FileStat {
      Objects.requireNonNull(change, "change");
    }
  }

  /**
   * The line counts of all file changes between two trees.
   *
   * @param files one per changed file, in path order; unmodifiable
   * @param insertions lines added, over all text files
   * @param deletions lines removed, over all text files
   */
  public record Summary(List<FileStat> files, long insertions, long deletions) {
    public Summary {
      files = List.copyOf(files);
    }
  }
}
