package dev.helios.engine.vst.internal;

/**
 * An immutable in-memory directory node: a {@link LeafDir} (entries sorted by name) or a {@link
 * ShardDir} (a level of the hash-array-mapped split of a large directory).
 */
public abstract sealed class Dir permits LeafDir, ShardDir {
  /** Bits of the name hash that pick a child at each level of a sharded directory. */
  public static final int FANOUT_BITS = 5;

  /** Children of a shard node. */
  public static final int FANOUT = 1 << FANOUT_BITS;

  /** The most entries a leaf node holds; a directory with more is split into shards. */
  public static final int MAX_LEAF = 64;

  /**
   * Depth of the deepest shard level plus one: a node at this depth is always a leaf, whatever
   * its size (64 bits of name hash run out). Only colliding name hashes could get there.
   */
  public static final int MAX_DEPTH = 12;

  Dir() {}

  /** Number of entries in the whole directory below this node. */
  public abstract int count();

  /** The child slot of a name hash at shard depth {@code depth}. */
  static int slot(long nameHash, int depth) {
    return (int) (nameHash >>> (64 - FANOUT_BITS * (depth + 1))) & (FANOUT - 1);
  }
}
