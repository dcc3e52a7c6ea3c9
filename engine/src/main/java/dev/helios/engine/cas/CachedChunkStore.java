package dev.helios.engine.cas;

/**
 * A {@link ChunkStore} with an in-memory L1 cache in front of another store. Thread-safe, like
 * every store. Reads that hit the cache return without touching the backing store; writes go to
 * the backing store first (write-through). Closing it closes the backing store.
 */
public interface CachedChunkStore extends ChunkStore {

  /** Returns the cache's counters; cheap. */
  CacheStats cacheStats();

  /**
   * A snapshot of the cache's counters since it was created.
   *
   * @param hits reads answered from the cache
   * @param misses reads that went to the backing store
   * @param loads chunks admitted after a miss found them in the backing store
   * @param evictions entries evicted to respect the maximum weight
   * @param entries entries held now (approximate)
   * @param weightBytes weight held now: compressed payload plus per-entry overhead
   * @param payloadBytes stored (compressed) length of the entries held now, without overhead
   * @param rawBytes uncompressed length of the entries held now
   * @param maximumBytes the maximum weight
   */
  record CacheStats(
      long hits,
      long misses,
      long loads,
      long evictions,
      long entries,
      long weightBytes,
      long payloadBytes,
      long rawBytes,
      long maximumBytes) {

    /** Hits over reads, or 0 if there were none. */
    public double hitRatio() {
      long reads = hits + misses;
      return reads == 0 ? 0 : (double) hits / reads;
    }

    /** Uncompressed over stored payload bytes of the entries held now, or 1 if it is empty. */
    public double compressionRatio() {
      return payloadBytes == 0 ? 1 : (double) rawBytes / payloadBytes;
    }
  }
}
