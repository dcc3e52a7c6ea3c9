package dev.helios.engine;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.cas.internal.RocksChunkStore;
import dev.helios.engine.gc.ChunkCollector;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.kv.internal.MemoryKeyValueStore;
import dev.helios.engine.kv.internal.RocksDatabase;
import dev.helios.engine.kv.internal.RocksKeyValueStore;
import dev.helios.engine.vst.Workspaces;
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
   * database gives both stores one WAL, one block cache and one sync policy. Writes through the
   * two stores are not atomic together; most callers need not be, because their metadata only
   * points at chunks written (and acknowledged) before it. commit() is: it puts the chunks and
   * the metadata in one WriteBatch, under the metadata store's write lock (so its expectations
   * are checked against every other metadata write), with the chunks protected from sweeps by
   * the collector for its duration. It writes the chunks below the L1 cache: the caller keeps
   * its own copies, and a later read misses the cache and finds them in RocksDB.
   *
   * Close order: the stores (each waits for its calls in flight), then the database.
   */

  /** The name under which the workspaces register their roots with the {@link #collector()}. */
  public static final String WORKSPACE_ROOTS = "workspaces";

  private final @Nullable RocksDatabase database;
  private final ChunkStore chunks;
  private final KeyValueStore meta;
  private final SyncPolicy syncPolicy;
  private final Committer committer;
  private final ChunkCollector collector;
  private final Workspaces workspaces;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Storage(
      @Nullable RocksDatabase database,
      ChunkStore chunks,
      KeyValueStore meta,
      SyncPolicy syncPolicy,
      Committer committer) {
    this.database = database;
    this.chunks = chunks;
    this.meta = meta;
    this.syncPolicy = syncPolicy;
    this.committer = committer;
    this.collector = new ChunkCollector(chunks);
    this.workspaces = new Workspaces(this);
    // Registered here, not by a caller, so that no sweep in any process can miss them.
    collector.register(WORKSPACE_ROOTS, workspaces::forEachReferencedChunk);
  }


  /** Writes chunks and metadata as one step; see {@link #commit}. */
  @FunctionalInterface
  private interface Committer {
    boolean commit(ChunkBatch chunks, KvBatch meta, SyncPolicy durability) throws IOException;
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
      RocksChunkStore stored = RocksChunkStore.on(database);
      ChunkStore chunks = ChunkStores.cached(stored, cache);
      RocksKeyValueStore meta = RocksKeyValueStore.on(database);
      return new Storage(
          database,
          chunks,
          meta,
          options.syncPolicy(),
          (batch, kv, durability) -> meta.commit(kv, writes -> stored.stage(batch, writes), durability));
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
    ChunkStore chunks = ChunkStores.inMemory();
    MemoryKeyValueStore meta = new MemoryKeyValueStore();
    return new Storage(
        null,
        chunks,
        meta,
        SyncPolicy.WAL,
        (batch, kv, durability) -> meta.commit(kv, () -> chunks.write(batch)));
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

  /**
   * The garbage collector of the chunk store. Every user of the chunk store registers its roots
   * there; see {@link ChunkCollector}.
   */
  public ChunkCollector collector() {
    return collector;
  }

  /**
   * Atomically checks every expectation of {@code meta} (as {@link KeyValueStore#commit} does)
   * and, only when all hold, writes every chunk of {@code chunks} and applies the puts and
   * deletes of {@code meta}, as one write: after a crash either all of it is there or none.
   * Returns whether it was written; a failed expectation writes nothing. The write is durable as
   * {@code durability} says (instead of {@link #syncPolicy()}) once this returns. The chunks are
   * protected from a concurrent {@link ChunkCollector#sweep()} while this runs; afterwards only
   * the roots that {@code meta} gives them keep them. They are not admitted to the L1 cache,
   * but reads through {@link #chunks()} find them. Thread-safe; serialized with every other
   * metadata write. In-memory storage ignores {@code durability}.
   *
   * @throws IOException if the stores cannot be read or written; then nothing was written
   * @throws IllegalStateException if the storage is closed
   */
  public boolean commit(ChunkBatch chunks, KvBatch meta, SyncPolicy durability)
      throws IOException {
    Objects.requireNonNull(chunks, "chunks");
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(durability, "durability");
    return collector.protect(chunks.hashes(), () -> committer.commit(chunks, meta, durability));
  }

  /** The workspaces of the Virtual State Tree kept in this storage; one per storage. */
  public Workspaces workspaces() {
    return workspaces;
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
