package dev.helios.engine.vst.internal;

import dev.helios.engine.vst.VstPaths;
import java.util.Arrays;
import java.util.List;

/** A directory node holding its entries, sorted by name (UTF-8 byte order). Immutable. */
public final class LeafDir extends Dir {
  static final LeafDir EMPTY = new LeafDir(new Entry[0]);

  final Entry[] entries;

  LeafDir(Entry[] entries) {
    this.entries = entries;
  }

  /** The empty directory. */
  public static LeafDir empty() {
    return EMPTY;
  }

  @Override
  public int count() {
    return entries.length;
  }

  /** The entries in name order; the list is a view, don't modify it. */
  public List<Entry> entries() {
    return Arrays.asList(entries);
  }

  /** Index of {@code name}, or {@code -(insertion point) - 1}. */
  int indexOf(String name) {
    int lo = 0;
    int hi = entries.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = VstPaths.compareNames(entries[mid].name, name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  LeafDir with(Entry entry) {
    int i = indexOf(entry.name);
    Entry[] next;
    if (i >= 0) {
      next = entries.clone();
      next[i] = entry;
    } else {
      int at = -i - 1;
      next = new Entry[entries.length + 1];
      System.arraycopy(entries, 0, next, 0, at);
      next[at] = entry;
      System.arraycopy(entries, at, next, at + 1, entries.length - at);
    }
    return new LeafDir(next);
  }

  LeafDir without(int index) {
    Entry[] next = new Entry[entries.length - 1];
    System.arraycopy(entries, 0, next, 0, index);
    System.arraycopy(entries, index + 1, next, index, entries.length - index - 1);
    return new LeafDir(next);
  }
}
