package dev.helios.engine.vst.internal;

import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a directory node that is stored (its address is known and its node is in the
 * chunk store), in memory only (its value is known), or both once loaded or saved.
 */
public final class DirRef {
  /*
   * The three fields only ever go from null/false to a value and never change afterwards, and
   * every value written is determined by the node, so racing threads (two workspaces sharing a
   * subtree) may compute them twice but can never disagree.
   *
   * Invariant: when `stored` is true, every node below is stored too. Commits rely on it to
   * stop at the first stored node; it holds because a commit writes children before parents in
   * one atomic batch and marks refs stored only after the batch is durable.
   */
  private volatile @Nullable Hash address;
  private volatile @Nullable Dir dir;
  private volatile boolean stored;
  private final int depth;

  private DirRef(@Nullable Hash address, @Nullable Dir dir, boolean stored, int depth) {
    this.address = address;
    this.dir = dir;
    this.stored = stored;
    this.depth = depth;
  }

  /** A reference to the stored node at {@code address}, for a node at shard depth {@code depth}. */
  public static DirRef stored(Hash address, int depth) {
    return new DirRef(Objects.requireNonNull(address), null, true, depth);
  }

  /** A reference to a node known only in memory. */
  public static DirRef of(Dir dir, int depth) {
    return new DirRef(null, Objects.requireNonNull(dir), false, depth);
  }

  /** Shard depth of the node: 0 for the top node of a directory. */
  public int depth() {
    return depth;
  }

  /** Whether the node (and so everything below) is in the chunk store. */
  public boolean isStored() {
    return stored;
  }

  /** Records that the node was written; see the invariant above. */
  public void markStored() {
    stored = true;
  }

  /** The address if already known, without computing it. */
  public @Nullable Hash knownAddress() {
    return address;
  }

  /** Records the address computed for the node (by whoever encoded it). */
  public void setAddress(Hash address) {
    this.address = address;
  }

  /** The loaded node, if it is in memory. */
  public @Nullable Dir loaded() {
    return dir;
  }

  /** The node's address, encoding it (and any unsaved nodes below) if not yet known. */
  public Hash address() {
    Hash known = address;
    if (known != null) {
      return known;
    }
    Hash computed = NodeCodec.address(NodeCodec.encode(Objects.requireNonNull(dir)));
    address = computed;
    return computed;
  }

  /**
   * Returns the node, loading it through {@code source} when it is not in memory.
   *
   * @throws IOException if it cannot be read or is malformed
   */
  public Dir load(NodeSource source) throws IOException {
    Dir loaded = dir;
    if (loaded == null) {
      loaded = source.loadDir(Objects.requireNonNull(address), depth);
      dir = loaded;
    }
    return loaded;
  }

  /** Whether both refer to the same node (computing addresses if needed). */
  public boolean sameNode(DirRef other) {
    return this == other || address().equals(other.address());
  }

  @Override
  public String toString() {
    Hash a = address;
    return "dir " + (a == null ? "(unsaved)" : a.abbreviate(12));
  }
}
