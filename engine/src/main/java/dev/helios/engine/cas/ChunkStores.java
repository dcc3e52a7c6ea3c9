package dev.helios.engine.cas;

import dev.helios.engine.cas.internal.CaffeineChunkStore;
import dev.helios.engine.cas.internal.MemoryChunkStore;
import dev.helios.engine.cas.internal.RocksChunkStore;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.util.Objects;

/** Creates {@link ChunkStore}s. Every store returned is thread-safe and must be closed. */
public final class ChunkStores {
  private ChunkStores() {}

  /**
   * Returns a new, empty store in memory: for tests and tools. Chunks are listed in hash order and
   * verified on read like on disk.
   */
  public static ChunkStore inMemory() {
    return new MemoryChunkStore();
  }

  /**
   * Opens (creating if needed) the RocksDB store in {@code options.directory()}, in the column
   * family {@code chunks}. The store owns the database and closes it.
   *
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process or store
   *     holds the directory
   * @throws IOException if the database cannot be opened
   */
  public static ChunkStore rocksDb(StorageOptions options) throws IOException {
    return RocksChunkStore.open(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns {@code backing} behind an in-memory L1 cache of compressed chunks. The result owns
   * {@code backing}: closing it closes {@code backing}, and {@code backing} should no longer be
   * written directly (the cache would not see deletes).
   */
  public static CachedChunkStore cached(ChunkStore backing, CacheOptions options) {
    return new CaffeineChunkStore(
        Objects.requireNonNull(backing, "backing"), Objects.requireNonNull(options, "options"));
  }
}
