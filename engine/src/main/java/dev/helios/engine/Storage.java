package dev.helios.engine;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.cas.internal.RocksChunkStore;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.kv.internal.RocksDatabase;
import dev.helios.engine.kv.internal.RocksKeyValueStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Everything Helios keeps in one data directory: the chunk store (content-addressed, behind an
 * in-memory L1 cache) and the metadata key-value store, sharing one RocksDB database. Thread-safe.
 * Open it once per process and directory, share it, and close it last, after everything that
 * uses its stores.
 */
public final class Storage implements AutoCloseable {
  /*
   * One RocksDB database per data directory, with the column families "chunks" and "meta":
   * RocksDB locks the directory, so two databases there could not both be open, and one
   * database gives both stores one WAL, one block cache and one sync policy. Writes to the two
   * families are not atomic together; nothing needs that, because metadata only ever points at
   * chunks that were written (and acknowledged) before it.
   *
   * Close order: the stores (each waits for its calls in flight), then the database.
   */

  private final @Nullable RocksDatabase database;
  private final ChunkStore chunks;
  private final KeyValueStore meta;
  private final SyncPolicy syncPolicy;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Storage(
      @Nullable RocksDatabase database,
      ChunkStore chunks,
      KeyValueStore meta,
      SyncPolicy syncPolicy) {
    this.database = database;
    this.chunks = chunks;
    this.meta = meta;
    this.syncPolicy = syncPolicy;
  }

  /**
   * Opens (creating if needed) the storage in {@code options.directory()}, with the L1 chunk
   * cache configured by {@code cache}. The caller must close it.
   *
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process (or another
   *     open {@code Storage} in this one) holds the directory
   * @throws IOException if the database cannot be opened or the directory created
   */
  public static Storage open(StorageOptions options, CacheOptions cache) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(cache, "cache");
    RocksDatabase database =
        RocksDatabase.open(
            options, List.of(RocksChunkStore.columnFamily(), RocksKeyValueStore.columnFamily()));
    try {
      ChunkStore chunks = ChunkStores.cached(RocksChunkStore.on(database), cache);
      KeyValueStore meta = RocksKeyValueStore.on(database);
      return new Storage(database, chunks, meta, options.syncPolicy());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Returns new, empty storage in memory, for tests and tools: no cache, nothing survives close.
   * Its {@link #syncPolicy()} is {@link SyncPolicy#WAL} (nominally; nothing is written to disk).
   */
  public static Storage inMemory() {
    return new Storage(null, ChunkStores.inMemory(), KeyValueStores.inMemory(), SyncPolicy.WAL);
  }

  /**
   * The chunk store. For on-disk storage it is a {@link dev.helios.engine.cas.CachedChunkStore};
   * don't close it, close this storage.
   */
  public ChunkStore chunks() {
    return chunks;
  }

  /** The metadata store. Don't close it, close this storage. */
  public KeyValueStore meta() {
    return meta;
  }

  /** The data directory (absolute), or empty for in-memory storage. */
  public Optional<Path> directory() {
    return database == null ? Optional.empty() : Optional.of(database.directory());
  }

  /** How acknowledged writes are made durable. */
  public SyncPolicy syncPolicy() {
    return syncPolicy;
  }

  /**
   * Closes both stores and the database; idempotent. Calls on the stores afterwards throw {@link
   * IllegalStateException}.
   *
   * @throws IOException if a store fails to close; the rest are closed anyway
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    IOException failure = null;
    try {
      meta.close();
    } catch (IOException e) {
      failure = e;
    }
    try {
      chunks.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (database != null) {
      database.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return database == null ? "in-memory storage" : "storage " + database.directory();
  }
}
