package dev.helios.engine.vst.internal;

import dev.helios.engine.vst.VstPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Lookup and copy-on-write update of one directory, whatever its shape: a leaf, or a tree of
 * shards split by name hash. Stateless; every update returns a new node and shares the rest.
 */
public final class Directories {
  /*
   * A directory's top node is at depth 0. A shard at depth d routes a name by bits
   * [5d, 5d+5) of its name hash to a child at depth d+1. The shape is canonical: a node holds
   * more than MAX_LEAF entries only as a shard (or at MAX_DEPTH), and a shard holds more than
   * MAX_LEAF entries below it. put() splits a leaf that grows past MAX_LEAF; remove() collapses a
   * shard that drops to MAX_LEAF into one leaf. So equal entry sets give equal nodes and equal
   * addresses, however they were built.
   *
   * Cost: a change rewrites one node per level: for a directory of n entries, about
   * log32(n / MAX_LEAF) shards and one leaf of at most MAX_LEAF entries.
   */

  private Directories() {}

  /** Returns the entry called {@code name}, or null. */
  public static @Nullable Entry get(Dir dir, String name, NodeSource source) throws IOException {
    long nameHash = 0;
    boolean hashed = false;
    while (dir instanceof ShardDir shard) {
      if (!hashed) {
        nameHash = Entry.nameHashOf(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hashed = true;
      }
      int i = shard.indexOfSlot(Dir.slot(nameHash, shard.depth));
      if (i < 0) {
        return null;
      }
      dir = shard.children[i].load(source);
    }
    LeafDir leaf = (LeafDir) dir;
    int i = leaf.indexOf(name);
    return i >= 0 ? leaf.entries[i] : null;
  }

  /** Returns the directory with {@code entry} added, or replacing the entry of that name. */
  public static Dir put(Dir dir, Entry entry, NodeSource source) throws IOException {
    return put(dir, 0, entry, source);
  }

  private static Dir put(Dir dir, int depth, Entry entry, NodeSource source) throws IOException {
    if (dir instanceof LeafDir leaf) {
      LeafDir next = leaf.with(entry);
      if (next.count() > Dir.MAX_LEAF && depth < Dir.MAX_DEPTH) {
        return split(next.entries, depth);
      }
      return next;
    }
    ShardDir shard = (ShardDir) dir;
    int slot = Dir.slot(entry.nameHash(), depth);
    int i = shard.indexOfSlot(slot);
    if (i < 0) {
      int bitmap = shard.bitmap | (1 << slot);
      int at = Integer.bitCount(bitmap & ((1 << slot) - 1));
      DirRef[] children = insert(shard.children, at, DirRef.of(new LeafDir(new Entry[] {entry}), depth + 1));
      return new ShardDir(depth, bitmap, children, shard.count + 1);
    }
    Dir child = shard.children[i].load(source);
    Dir updated = put(child, depth + 1, entry, source);
    DirRef[] children = shard.children.clone();
    children[i] = DirRef.of(updated, depth + 1);
    return new ShardDir(depth, shard.bitmap, children, shard.count + updated.count() - child.count());
  }

  /** Returns the directory without the entry called {@code name} (the same node if absent). */
  public static Dir remove(Dir dir, String name, NodeSource source) throws IOException {
    return remove(dir, 0, name, Entry.nameHashOf(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
  }

  private static Dir remove(Dir dir, int depth, String name, long nameHash, NodeSource source)
      throws IOException {
    if (dir instanceof LeafDir leaf) {
      int i = leaf.indexOf(name);
      return i < 0 ? leaf : leaf.without(i);
    }
    ShardDir shard = (ShardDir) dir;
    int slot = Dir.slot(nameHash, depth);
    int i = shard.indexOfSlot(slot);
    if (i < 0) {
      return shard;
    }
    Dir child = shard.children[i].load(source);
    Dir updated = remove(child, depth + 1, name, nameHash, source);
    if (updated == child) {
      return shard;
    }
    int count = shard.count - 1;
    if (count <= Dir.MAX_LEAF) {
      List<Entry> all = new ArrayList<>(count);
      for (int c = 0; c < shard.children.length; c++) {
        collect(c == i ? updated : shard.children[c].load(source), source, all::add);
      }
      Entry[] entries = all.toArray(new Entry[0]);
      Arrays.sort(entries, (a, b) -> VstPaths.compareNames(a.name, b.name));
      return new LeafDir(entries);
    }
    if (updated.count() == 0) {
      int bitmap = shard.bitmap & ~(1 << slot);
      return new ShardDir(depth, bitmap, delete(shard.children, i), count);
    }
    DirRef[] children = shard.children.clone();
    children[i] = DirRef.of(updated, depth + 1);
    return new ShardDir(depth, shard.bitmap, children, count);
  }

  /** Calls {@code action} with every entry, in name order. */
  public static void forEach(Dir dir, NodeSource source, Consumer<Entry> action) throws IOException {
    if (dir instanceof LeafDir leaf) {
      for (Entry e : leaf.entries) {
        action.accept(e);
      }
      return;
    }
    for (Entry e : sorted(dir, source)) {
      action.accept(e);
    }
  }

  /** Every entry, in name order. */
  public static Entry[] sorted(Dir dir, NodeSource source) throws IOException {
    if (dir instanceof LeafDir leaf) {
      return leaf.entries;
    }
    List<Entry> all = new ArrayList<>(dir.count());
    collect(dir, source, all::add);
    Entry[] entries = all.toArray(new Entry[0]);
    Arrays.sort(entries, (a, b) -> VstPaths.compareNames(a.name, b.name));
    return entries;
  }

  /** Builds the canonical directory of {@code sorted} entries (sorted by name, unique). */
  public static Dir build(Entry[] sorted) {
    return sorted.length > Dir.MAX_LEAF ? split(sorted, 0) : new LeafDir(sorted);
  }

  // Entries in no particular order across shards.
  private static void collect(Dir dir, NodeSource source, Consumer<Entry> action) throws IOException {
    if (dir instanceof LeafDir leaf) {
      for (Entry e : leaf.entries) {
        action.accept(e);
      }
      return;
    }
    for (DirRef child : ((ShardDir) dir).children) {
      collect(child.load(source), source, action);
    }
  }

  // Splits sorted entries into a shard at `depth`; each slot keeps its entries in order.
  private static ShardDir split(Entry[] entries, int depth) {
    List<List<Entry>> slots = new ArrayList<>(Dir.FANOUT);
    for (int s = 0; s < Dir.FANOUT; s++) {
      slots.add(new ArrayList<>());
    }
    for (Entry e : entries) {
      slots.get(Dir.slot(e.nameHash(), depth)).add(e);
    }
    int bitmap = 0;
    List<DirRef> children = new ArrayList<>();
    for (int s = 0; s < Dir.FANOUT; s++) {
      List<Entry> part = slots.get(s);
      if (part.isEmpty()) {
        continue;
      }
      bitmap |= 1 << s;
      Entry[] partEntries = part.toArray(new Entry[0]);
      Dir child =
          partEntries.length > Dir.MAX_LEAF && depth + 1 < Dir.MAX_DEPTH
              ? split(partEntries, depth + 1)
              : new LeafDir(partEntries);
      children.add(DirRef.of(child, depth + 1));
    }
    return new ShardDir(depth, bitmap, children.toArray(new DirRef[0]), entries.length);
  }

  private static DirRef[] insert(DirRef[] array, int at, DirRef value) {
    DirRef[] next = new DirRef[array.length + 1];
    System.arraycopy(array, 0, next, 0, at);
    next[at] = value;
    System.arraycopy(array, at, next, at + 1, array.length - at);
    return next;
  }

  private static DirRef[] delete(DirRef[] array, int at) {
    DirRef[] next = new DirRef[array.length - 1];
    System.arraycopy(array, 0, next, 0, at);
    System.arraycopy(array, at + 1, next, at, array.length - at - 1);
    return next;
  }
}
