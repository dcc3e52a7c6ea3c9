package dev.helios.engine.cas.file;

import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the manifest tree of a file from its data chunks, streaming: memory is bounded by
 * {@link Manifest#MAX_FANOUT} entries per level. Not thread-safe.
 */
final class ManifestTree {
  /*
   * Content-defined grouping, one level at a time (the idea of bup's hashsplit and of "prolly
   * trees", applied to the list of chunk hashes rather than to bytes). The entries of a level
   * are cut into nodes: a node ends after an entry whose hash has its low CUT_BITS bits zero,
   * once it has at least MIN_FANOUT entries, or when it reaches MAX_FANOUT. Each node becomes an
   * entry of the next level up, which is grouped the same way, until one level fits in a single
   * node: the root. The hashes are uniform, so nodes average about MIN_FANOUT + 2^CUT_BITS =
   * 1,088 entries (~40 KiB, ~80 MiB of file at the default chunk sizes) and a 10 GiB file has a
   * root over ~130 leaves.
   *
   * Because cuts depend on the entries, not on their positions, an edit in the middle of a large
   * file changes the leaf holding the changed chunks (and perhaps its neighbour) and the path
   * to the root; every other node is byte-identical to before and deduplicates. A fixed fanout
   * would instead shift, and so rewrite, every node after an insertion.
   *
   * MIN_FANOUT bounds the depth whatever the hashes (an adversary can grind chunk hashes to cut
   * everywhere): every node but the last of a level has >= 64 entries, so a level is at most
   * 1/64 of the one below, plus one. 2^57 chunks (2^63 bytes in 64-byte chunks) need 11 levels;
   * Manifest.MAX_LEVEL allows 16.
   *
   * A cut is decided when the entry after it arrives, never at the last entry of a level: so
   * a level that has emitted any node will emit at least one more, and the root, once reached,
   * always has at least two entries.
   */

  static final int MIN_FANOUT = 64;
  static final int CUT_BITS = 10;
  private static final int CUT_MASK = (1 << CUT_BITS) - 1;

  /** Stores an encoded node and returns its hash. */
  @FunctionalInterface
  interface NodeSink {
    Hash store(byte[] encoded) throws IOException;
  }

  private final NodeSink sink;
  private final List<Level> levels = new ArrayList<>();

  ManifestTree(NodeSink sink) {
    this.sink = sink;
  }

  /** Appends the next data chunk of the file. */
  void add(Hash chunk, long length) throws IOException {
    add(0, chunk, length);
  }

  /**
   * Writes the remaining nodes and returns the address of the root. Needs at least two chunks
   * added (a one-chunk file has no manifest).
   *
   * @throws IllegalStateException if fewer than two chunks were added
   */
  Hash finish(Hash contentHash) throws IOException {
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      if (level.emitted == 0) {
        if (i + 1 != levels.size() || (i == 0 && level.hashes.size() < 2)) {
          throw new IllegalStateException("a manifest needs at least two chunks");
        }
        return sink.store(level.encode(i, contentHash));
      }
      emit(i);
    }
    throw new IllegalStateException("a manifest needs at least two chunks");
  }

  private void add(int index, Hash hash, long length) throws IOException {
    if (index == levels.size()) {
      if (index > Manifest.MAX_LEVEL) {
        throw new IllegalStateException("manifest tree deeper than " + Manifest.MAX_LEVEL);
      }
      levels.add(new Level());
    }
    Level level = levels.get(index);
    int n = level.hashes.size();
    if (n == Manifest.MAX_FANOUT || (n >= MIN_FANOUT && isCut(level.hashes.get(n - 1)))) {
      emit(index);
    }
    level.append(hash, length);
  }

  private void emit(int index) throws IOException {
    Level level = levels.get(index);
    long size = level.size;
    Hash node = sink.store(level.encode(index, null));
    level.clear();
    level.emitted++;
    add(index + 1, node, size);
  }

  private static boolean isCut(Hash hash) {
    return ((hash.byteAt(Hash.LENGTH - 2) << 8 | hash.byteAt(Hash.LENGTH - 1)) & CUT_MASK) == 0;
  }

  /** The entries of one level not yet grouped into a node. */
  private static final class Level {
    final List<Hash> hashes = new ArrayList<>();
    long[] lengths = new long[64];
    long size;
    long emitted;

    void append(Hash hash, long length) {
      int n = hashes.size();
      if (n == lengths.length) {
        lengths = Arrays.copyOf(lengths, 2 * n);
      }
      hashes.add(hash);
      lengths[n] = length;
      size += length;
    }

    byte[] encode(int level, @Nullable Hash contentHash) {
      return Manifest.encode(level, contentHash, hashes, lengths);
    }

    void clear() {
      hashes.clear();
      size = 0;
    }
  }
}
