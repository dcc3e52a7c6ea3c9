package dev.helios.engine.vst.internal;

/**
 * One level of a large directory split by name hash: up to {@link #FANOUT} children, each the
 * part of the directory whose names' hashes have the child's slot at this depth. Immutable.
 *
 * <p>The split is canonical (it depends only on the set of entries, never on the order they
 * were added): a part with more than {@link #MAX_LEAF} entries is a shard, otherwise a leaf.
 */
public final class ShardDir extends Dir {
  final int depth;
  final int bitmap;
  final DirRef[] children;
  final int count;

  ShardDir(int depth, int bitmap, DirRef[] children, int count) {
    this.depth = depth;
    this.bitmap = bitmap;
    this.children = children;
    this.count = count;
  }

  @Override
  public int count() {
    return count;
  }

  /** The children in slot order; a view, don't modify it. */
  public java.util.List<DirRef> children() {
    return java.util.Arrays.asList(children);
  }

  /** The depth of this level; the top of a directory is depth 0. */
  public int depth() {
    return depth;
  }

  /** Index into {@link #children} of {@code slot}, or -1 when the slot is empty. */
  int indexOfSlot(int slot) {
    int bit = 1 << slot;
    if ((bitmap & bit) == 0) {
      return -1;
    }
    return Integer.bitCount(bitmap & (bit - 1));
  }
}
