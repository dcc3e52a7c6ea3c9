package dev.helios.engine.kv.internal;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One open RocksDB database in a data directory, hosting several column families (chunks, and
 * later refs, indexes, the audit log, the VST). Owns every native handle it creates and closes
 * them in the order RocksDB requires. Thread-safe: RocksDB handles may be used from any thread;
 * {@link #close()} must not race with their use (stores on top guard that).
 *
 * <p>Engine-internal: other modules go through the public factories such as {@code ChunkStores}.
 */
public final class RocksDatabase implements AutoCloseable {
  /*
   * Layout. One database per data directory: RocksDB takes an exclusive lock on the directory
   * (its LOCK file), so every concern that wants durable key-value storage shares this instance
   * through its own column family. Column families share the WAL, so a WriteBatch spanning them
   * is atomic, and they share one block cache sized by StorageOptions.
   *
   * Column families found on disk but not requested are opened too, with default options, and
   * left alone: RocksDB refuses to open a database without naming all of them, and a newer
   * version may have added one.
   *
   * Close order: column family handles, then the database, then everything the options
   * referenced (options, table configs, filters, the cache). RocksDB documents that the
   * handles must go before the DB and the options after it.
   *
   * Durability: every write of every store goes through write(batch, policy), the one place a
   * SyncPolicy turns into RocksDB calls. WAL writes with sync=false; FSYNC with sync=true, so
   * RocksDB fsyncs the WAL for that write (RocksDB itself groups writers that queue behind one
   * another, but each sync=true group fsyncs). GROUP writes with sync=false and then waits for
   * a syncWal() that started after its write completed, since only such a sync is sure to cover
   * it. Leader/follower: under groupLock a writer takes as its target the number of the next
   * sync to start; if no sync runs it becomes the leader, starts that sync and runs syncWal()
   * without the lock; writers arriving meanwhile wait and the next of them leads the following
   * sync, which covers all of them. So at most one syncWal() runs at a time and each one
   * acknowledges every write that completed before it started. A failed sync acknowledges
   * nobody: its leader throws, and a waiting writer leads a new one.
   */

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final StorageOptions options;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> handles;
  private final WriteOptions walWrites;
  private final WriteOptions fsyncWrites;
  private final ReadOptions reads;
  private final ReadOptions scans;
  /** Native objects to close after the database, in order. */
  private final List<AutoCloseable> resources;

  private final List<ColumnFamilyHandle> allHandles;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final ReentrantLock groupLock = new ReentrantLock();
  private final Condition groupSynced = groupLock.newCondition();
  // Guarded by groupLock: syncs started so far, the number of the last one that succeeded, and
  // whether one is running.
  private long syncsStarted;
  private long syncedThrough;
  private boolean syncing;
  private final AtomicLong walSyncs = new AtomicLong();

  private RocksDatabase(
      Path directory,
      StorageOptions options,
      RocksDB db,
      Map<String, ColumnFamilyHandle> handles,
      List<ColumnFamilyHandle> allHandles,
      List<AutoCloseable> resources) {
    this.directory = directory;
    this.options = options;
    this.db = db;
    this.handles = Collections.unmodifiableMap(handles);
    this.allHandles = allHandles;
    this.walWrites = track(resources, new WriteOptions().setSync(false).setDisableWAL(false));
    this.fsyncWrites = track(resources, new WriteOptions().setSync(true).setDisableWAL(false));
    this.reads = track(resources, new ReadOptions());
    this.scans = track(resources, new ReadOptions().setFillCache(false));
    this.resources = resources;
  }

  /** How a column family is tuned. */
  public enum Profile {
    /**
     * Point lookups of large immutable values by a random key: bloom filters, blob files when
     * the options enable them.
     */
    LARGE_VALUES,
    /** Small values read by key and by range scans (refs, indexes, logs). */
    SMALL_VALUES
  }

  /**
   * A column family to open (created if missing).
   *
   * @param name the column family name; not {@code "default"}
   * @param profile how it is tuned
   */
  public record ColumnFamily(String name, Profile profile) {
    /** Validates the name. */
    public ColumnFamily {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(profile, "profile");
      if (name.isEmpty() || name.equals("default")) {
        throw new IllegalArgumentException("column family name must be non-empty, not 'default': '" + name + "'");
      }
    }
  }

  /**
   * Opens (creating if needed) the database in {@code options.directory()} with the given
   * column families. The caller owns the result and must close it.
   *
   * @throws DataDirectoryInUseException if another process or store holds the directory
   * @throws StoreException if RocksDB cannot open the database
   * @throws IOException if the directory cannot be created
   */
  public static RocksDatabase open(StorageOptions options, List<ColumnFamily> families)
      throws IOException {
    Path dir = options.directory().toAbsolutePath();
    Files.createDirectories(dir);
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Cache cache = track(resources, new LRUCache(options.blockCacheBytes()));
      DBOptions dbOptions =
          track(
              resources,
              new DBOptions()
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setMaxBackgroundJobs(2)
                  .setBytesPerSync(1L << 20)
                  .setKeepLogFileNum(3)
                  .setMaxLogFileSize(4L << 20)
                  .setInfoLogLevel(InfoLogLevel.WARN_LEVEL));

      Map<String, ColumnFamily> wanted = new LinkedHashMap<>();
      for (ColumnFamily family : families) {
        if (wanted.put(family.name(), family) != null) {
          throw new IllegalArgumentException("column family listed twice: " + family.name());
        }
      }
      List<String> names = new ArrayList<>();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      names.add("default");
      descriptors.add(
          new ColumnFamilyDescriptor(
              RocksDB.DEFAULT_COLUMN_FAMILY,
              columnFamilyOptions(options, Profile.SMALL_VALUES, cache, resources)));
      for (ColumnFamily family : wanted.values()) {
        names.add(family.name());
        descriptors.add(
            new ColumnFamilyDescriptor(
                family.name().getBytes(StandardCharsets.UTF_8),
                columnFamilyOptions(options, family.profile(), cache, resources)));
      }
      for (String existing : existingColumnFamilies(dir)) {
        if (!names.contains(existing)) {
          names.add(existing);
          descriptors.add(
              new ColumnFamilyDescriptor(
                  existing.getBytes(StandardCharsets.UTF_8),
                  columnFamilyOptions(options, Profile.SMALL_VALUES, cache, resources)));
        }
      }

      List<ColumnFamilyHandle> opened = new ArrayList<>();
      RocksDB db;
      try {
        db = RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
      } catch (RocksDBException e) {
        if (isLockHeld(e)) {
          throw new DataDirectoryInUseException(dir, e);
        }
        throw new StoreException("cannot open the database in " + dir + ": " + e.getMessage(), e);
      }
      Map<String, ColumnFamilyHandle> byName = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byName.put(names.get(i), opened.get(i));
      }
      return new RocksDatabase(dir, options, db, byName, opened, resources);
    } catch (IOException | RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }

  /** The absolute database directory. */
  public Path directory() {
    return directory;
  }

  /** The options the database was opened with. */
  public StorageOptions options() {
    return options;
  }

  /** The RocksDB instance; valid until {@link #close()}. */
  public RocksDB db() {
    return db;
  }

  /**
   * The handle of the column family {@code name}.
   *
   * @throws IllegalArgumentException if the database was not opened with it
   */
  public ColumnFamilyHandle handle(String name) {
    ColumnFamilyHandle handle = handles.get(name);
    if (handle == null) {
      throw new IllegalArgumentException(
          "no column family '" + name + "' in " + directory + "; open ones: " + handles.keySet());
    }
    return handle;
  }

  /**
   * Writes {@code batch} atomically, durable as {@code policy} says once this returns: see
   * {@link SyncPolicy}. Thread-safe; with {@link SyncPolicy#GROUP} concurrent writers share
   * fsyncs of the write-ahead log.
   *
   * @throws RocksDBException if RocksDB cannot write the batch or sync the log; with {@code
   *     GROUP} the batch may then be applied but not yet durable
   */
  public void write(WriteBatch batch, SyncPolicy policy) throws RocksDBException {
    writeUnsynced(batch, policy);
    awaitDurable(policy);
  }

  /**
   * The first half of {@link #write(WriteBatch, SyncPolicy)}: writes {@code batch}, durable
   * already for {@code WAL} and {@code FSYNC}, but for {@code GROUP} not until {@link
   * #awaitDurable} returns. A writer that holds a lock around its write calls this under the
   * lock and awaitDurable after releasing it, so that writers queued on the lock can join the
   * same sync; waiting under the lock would give each write its own fsync.
   *
   * @throws RocksDBException if RocksDB cannot write the batch
   */
  public void writeUnsynced(WriteBatch batch, SyncPolicy policy) throws RocksDBException {
    Objects.requireNonNull(batch, "batch");
    switch (Objects.requireNonNull(policy, "policy")) {
      case WAL, GROUP -> db.write(walWrites, batch);
      case FSYNC -> db.write(fsyncWrites, batch);
    }
  }

  /**
   * The second half of {@link #write(WriteBatch, SyncPolicy)}: for {@code GROUP}, returns once a
   * WAL sync that started after this call began has succeeded (covering every write completed
   * before the call); for the other policies returns at once.
   *
   * @throws RocksDBException if the log cannot be synced
   */
  public void awaitDurable(SyncPolicy policy) throws RocksDBException {
    if (policy == SyncPolicy.GROUP) {
      groupSync();
    }
  }

  /**
   * Writes {@code batch} with the database's configured sync policy, as {@link #write(WriteBatch,
   * SyncPolicy)} does.
   *
   * @throws RocksDBException if RocksDB cannot write the batch or sync the log
   */
  public void write(WriteBatch batch) throws RocksDBException {
    write(batch, options.syncPolicy());
  }

  /** How many times {@link SyncPolicy#GROUP} writes have fsynced the write-ahead log. */
  public long walSyncs() {
    return walSyncs.get();
  }

  /** Returns once a WAL sync that started after this call began has succeeded. */
  private void groupSync() throws RocksDBException {
    groupLock.lock();
    try {
      long target = syncsStarted + 1;
      while (syncedThrough < target) {
        if (syncing) {
          groupSynced.awaitUninterruptibly();
          continue;
        }
        syncing = true;
        long mine = ++syncsStarted;
        boolean synced = false;
        groupLock.unlock();
        try {
          db.syncWal();
          walSyncs.incrementAndGet();
          synced = true;
        } finally {
          groupLock.lock();
          syncing = false;
          if (synced) {
            syncedThrough = mine;
          }
          groupSynced.signalAll();
        }
      }
    } finally {
      groupLock.unlock();
    }
  }

  /** Read options for point lookups (fill the block cache, verify block checksums). */
  public ReadOptions readOptions() {
    return reads;
  }

  /** Read options for full scans (do not pollute the block cache). */
  public ReadOptions scanOptions() {
    return scans;
  }

  /**
   * Returns a RocksDB integer property of a column family, or -1 if it is not available.
   *
   * @throws StoreException if RocksDB fails
   */
  public long longProperty(ColumnFamilyHandle handle, String property) throws StoreException {
    try {
      return db.getLongProperty(handle, property);
    } catch (RocksDBException e) {
      if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.NotFound) {
        return -1;
      }
      throw new StoreException("cannot read property " + property + " in " + directory, e);
    }
  }

  /** Closes handles, the database and the options, in that order; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ColumnFamilyHandle handle : allHandles) {
      handle.close();
    }
    db.close();
    closeAll(resources, null);
  }

  @Override
  public String toString() {
    return "RocksDB " + directory;
  }

  private static ColumnFamilyOptions columnFamilyOptions(
      StorageOptions options, Profile profile, Cache cache, List<AutoCloseable> resources) {
    BloomFilter filter = track(resources, new BloomFilter(10));
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(filter)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setBlockSize(profile == Profile.LARGE_VALUES ? 16 * 1024 : 4 * 1024);
    ColumnFamilyOptions cf =
        track(resources, new ColumnFamilyOptions())
            .setTableFormatConfig(table)
            .setWriteBufferSize(options.writeBufferBytes())
            .setLevelCompactionDynamicLevelBytes(true);
    switch (options.compression()) {
      case NONE -> cf.setCompressionType(CompressionType.NO_COMPRESSION);
      case LZ4 -> cf.setCompressionType(CompressionType.LZ4_COMPRESSION);
      case ZSTD -> cf.setCompressionType(CompressionType.ZSTD_COMPRESSION);
      case LZ4_ZSTD_BOTTOMMOST -> cf.setCompressionType(CompressionType.LZ4_COMPRESSION)
          .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
    }
    if (profile == Profile.LARGE_VALUES) {
      // Writes ask first whether a chunk exists; a memtable bloom filter answers most "no"s
      // without walking the memtable's skip list.
      cf.setMemtablePrefixBloomSizeRatio(0.05).setMemtableWholeKeyFiltering(true);
    }
    if (profile == Profile.LARGE_VALUES && options.blobFiles()) {
      cf.setEnableBlobFiles(true)
          .setMinBlobSize(options.minBlobBytes())
          .setBlobCompressionType(
              options.compression() == StorageOptions.Compression.NONE
                  ? CompressionType.NO_COMPRESSION
                  : CompressionType.LZ4_COMPRESSION)
          .setEnableBlobGarbageCollection(true);
    }
    return cf;
  }

  private static List<String> existingColumnFamilies(Path dir) throws StoreException {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options probe = new Options()) {
      List<String> names = new ArrayList<>();
      for (byte[] name : RocksDB.listColumnFamilies(probe, dir.toString())) {
        names.add(new String(name, StandardCharsets.UTF_8));
      }
      return names;
    } catch (RocksDBException e) {
      throw new StoreException("cannot list the column families in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isLockHeld(RocksDBException e) {
    // RocksDB reports a held LOCK file as an IOError whose message names the LOCK file: "While
    // lock file: DIR/LOCK: Resource temporarily unavailable" from another process, "lock hold
    // by current process" from this one. There is no dedicated status code.
    Status status = e.getStatus();
    String message = String.valueOf(e.getMessage());
    return (status == null || status.getCode() == Status.Code.IOError)
        && message.contains("/LOCK")
        && message.toLowerCase(java.util.Locale.ROOT).contains("lock");
  }

  private static <T extends RocksObject> T track(List<AutoCloseable> resources, T object) {
    resources.add(object);
    return object;
  }

  private static void closeAll(List<AutoCloseable> resources, Throwable primary) {
    // Close in reverse creation order: what was created later may refer to what came before.
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        }
        // Otherwise ignored on purpose: RocksObject.close() does not throw in practice, and a
        // failure to free native memory at shutdown leaves nothing for the caller to do.
      }
    }
  }
}
