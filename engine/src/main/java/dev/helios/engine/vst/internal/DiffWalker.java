package dev.helios.engine.vst.internal;

import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.VstPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compares two trees, Merkle-pruned: a pair of subtrees (or shards of a large directory) with
 * equal addresses is skipped without being read. Stateless.
 */
public final class DiffWalker {
  private DiffWalker() {}

  /**
   * Reports every change from {@code before} to {@code after}, in path order. A directory that
   * appears or disappears is reported itself (kind {@link EntryKind#DIRECTORY}) before everything
   * under it.
   */
  public static void diff(DirRef before, DirRef after, NodeSource source, Consumer<Change> out)
      throws IOException {
    diffDirs("", before, after, source, out);
  }

  /** Convenience: the changes as a list. */
  public static List<Change> diff(DirRef before, DirRef after, NodeSource source)
      throws IOException {
    List<Change> changes = new ArrayList<>();
    diff(before, after, source, changes::add);
    return changes;
  }

  private static void diffDirs(
      String prefix, DirRef before, DirRef after, NodeSource source, Consumer<Change> out)
      throws IOException {
    if (before.sameNode(after)) {
      return;
    }
    List<Entry[]> pairs = new ArrayList<>();
    pair(before.load(source), after.load(source), source, pairs);
    pairs.sort((a, b) -> VstPaths.compareNames(name(a), name(b)));
    for (Entry[] pair : pairs) {
      Entry a = pair[0];
      Entry b = pair[1];
      String path = VstPaths.child(prefix, a != null ? a.name : b.name);
      if (a == null) {
        added(path, b, source, out);
      } else if (b == null) {
        deleted(path, a, source, out);
      } else if (a.dir != null && b.dir != null) {
        diffDirs(path, a.dir, b.dir, source, out);
      } else if (a.dir != null) {
        deleted(path, a, source, out);
        added(path, b, source, out);
      } else if (b.dir != null) {
        deleted(path, a, source, out);
        added(path, b, source, out);
      } else if (!a.sameAs(b)) {
        out.accept(new Change(Change.Type.MODIFIED, path, a.toDirEntry(), b.toDirEntry()));
      }
    }
  }

  // Pairs entries of two nodes of one directory by name, skipping equal shards unread.
  private static void pair(Dir a, Dir b, NodeSource source, List<Entry[]> pairs)
      throws IOException {
    if (a instanceof ShardDir sa && b instanceof ShardDir sb && sa.depth == sb.depth) {
      for (int slot = 0; slot < Dir.FANOUT; slot++) {
        int ia = sa.indexOfSlot(slot);
        int ib = sb.indexOfSlot(slot);
        if (ia >= 0 && ib >= 0) {
          if (!sa.children[ia].sameNode(sb.children[ib])) {
            pair(sa.children[ia].load(source), sb.children[ib].load(source), source, pairs);
          }
        } else if (ia >= 0) {
          pair(sa.children[ia].load(source), LeafDir.EMPTY, source, pairs);
        } else if (ib >= 0) {
          pair(LeafDir.EMPTY, sb.children[ib].load(source), source, pairs);
        }
      }
      return;
    }
    Entry[] ea = Directories.sorted(a, source);
    Entry[] eb = Directories.sorted(b, source);
    int i = 0;
    int j = 0;
    while (i < ea.length || j < eb.length) {
      int c =
          i == ea.length ? 1 : j == eb.length ? -1 : VstPaths.compareNames(ea[i].name, eb[j].name);
      if (c < 0) {
        pairs.add(new Entry[] {ea[i++], null});
      } else if (c > 0) {
        pairs.add(new Entry[] {null, eb[j++]});
      } else {
        Entry x = ea[i++];
        Entry y = eb[j++];
        if (!x.sameAs(y)) {
          pairs.add(new Entry[] {x, y});
        }
      }
    }
  }

  private static void added(String path, Entry e, NodeSource source, Consumer<Change> out)
      throws IOException {
    out.accept(new Change(Change.Type.ADDED, path, null, e.toDirEntry()));
    if (e.dir != null) {
      for (Entry child : Directories.sorted(e.dir.load(source), source)) {
        added(VstPaths.child(path, child.name), child, source, out);
      }
    }
  }

  private static void deleted(String path, Entry e, NodeSource source, Consumer<Change> out)
      throws IOException {
    out.accept(new Change(Change.Type.DELETED, path, e.toDirEntry(), null));
    if (e.dir != null) {
      for (Entry child : Directories.sorted(e.dir.load(source), source)) {
        deleted(VstPaths.child(path, child.name), child, source, out);
      }
    }
  }

  private static String name(Entry[] pair) {
    return pair[0] != null ? pair[0].name : pair[1].name;
  }
}
