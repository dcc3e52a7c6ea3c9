package dev.helios.engine.cas;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chunks to be written together, all-or-nothing, by {@link ChunkStore#write}. Hashes are computed
 * as chunks are added, unless the caller supplies them ({@link #add(Hash, byte[])}). Not
 * thread-safe: fill a batch on one thread.
 */
public final class ChunkBatch {
  private final Map<Hash, byte[]> chunks = new LinkedHashMap<>();
  private long bytes;

  /** Adds {@code data} (not copied: don't modify it afterwards) and returns its hash. */
  public Hash add(byte[] data) {
    return add(Blake3.hash(data), data);
  }

  /**
   * Adds {@code data} (not copied: don't modify it afterwards) under {@code hash}, which the
   * caller already computed, and returns {@code hash}. The caller vouches that {@code hash} is
   * the BLAKE3 hash of {@code data}; it is not checked here, to save hashing the bytes twice. A
   * wrong hash is caught later: every read verifies the bytes against the hash and fails with
   * {@link dev.helios.engine.errors.CorruptChunkException}.
   *
   * @throws NullPointerException if an argument is null
   */
  public Hash add(Hash hash, byte[] data) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(data, "data");
    if (chunks.putIfAbsent(hash, data) == null) {
      bytes += data.length;
    }
    return hash;
  }

  /** Number of distinct chunks added. */
  public int size() {
    return chunks.size();
  }

  /** Sum of the lengths of the distinct chunks added. */
  public long bytes() {
    return bytes;
  }

  /** Whether nothing was added. */
  public boolean isEmpty() {
    return chunks.isEmpty();
  }

  /** The chunks added, in the order first added; unmodifiable. */
  public Map<Hash, byte[]> chunks() {
    return Collections.unmodifiableMap(chunks);
  }

  /** The hashes added, in the order first added. */
  public List<Hash> hashes() {
    return Collections.unmodifiableList(new ArrayList<>(chunks.keySet()));
  }
}
