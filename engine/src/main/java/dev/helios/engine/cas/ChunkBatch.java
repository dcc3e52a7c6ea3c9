package dev.helios.engine.cas;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chunks to be written together, all-or-nothing, by {@link ChunkStore#write}. Hashes are computed
 * as chunks are added. Not thread-safe: fill a batch on one thread.
 */
public final class ChunkBatch {
  private final Map<Hash, byte[]> chunks = new LinkedHashMap<>();
  private long bytes;

  /** Adds {@code data} (not copied: don't modify it afterwards) and returns its hash. */
  public Hash add(byte[] data) {
    Hash hash = Blake3.hash(data);
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
