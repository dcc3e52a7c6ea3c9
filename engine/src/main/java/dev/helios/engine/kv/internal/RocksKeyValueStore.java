package dev.helios.engine.kv.internal;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * A {@link KeyValueStore} in the {@value #COLUMN_FAMILY} column family of a shared {@link
 * RocksDatabase}. Thread-safe.
 *
 * <p>Engine-internal: open it through {@code Storage.open}.
 */
public final class RocksKeyValueStore implements KeyValueStore {
  /*
   * Atomicity. Every write, plain or conditional, is one RocksDB WriteBatch, so a batch is
   * applied whole or not at all, also across a crash (the WAL holds the batch as one record).
   * compareAndSet and commit must also check and apply as one step against every other write:
   * all writes take one in-process lock, under which the conditional ones read the expected
   * keys and then write. Reads take no lock: RocksDB gives each read a consistent view, and a
   * reader sees a batch whole or not at all.
   *
   * One lock is enough because only this process can write the database: RocksDB's LOCK file
   * keeps any other process (and any other RocksDatabase in this process) out of the data
   * directory, so the lock is held by the only writer there is. If the metadata ever moves to a
   * shared store (etcd, as DESIGN.md plans), its own transactions take over this role. The lock
   * is held for the length of one small WriteBatch; metadata writes are few (a push, a ref
   * update), so a striped lock would buy nothing measurable.
   *
   * Durability: writes go through RocksDatabase.write, so the data directory's SyncPolicy
   * applies (WAL always; fsync with FSYNC and GROUP). Once a write returns it survives a killed process.
   *
   * Close: a read-write lock keeps close() from freeing native handles under a running call;
   * every call holds its read side, close() the write side.
   */

  /** The column family holding the metadata. */
  public static final String COLUMN_FAMILY = "meta";

  private final RocksDatabase database;
  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private final String name;

  // Guarded by closeLock (write side to set, read side to read).
  private boolean closed;

  private RocksKeyValueStore(RocksDatabase database) {
    this.database = database;
    this.db = database.db();
    this.family = database.handle(COLUMN_FAMILY);
    this.name = "key-value store " + database.directory();
  }

  /** The column family this store needs when a database is opened for it. */
  public static RocksDatabase.ColumnFamily columnFamily() {
    return new RocksDatabase.ColumnFamily(COLUMN_FAMILY, RocksDatabase.Profile.SMALL_VALUES);
  }

  /**
   * Returns a store on the {@value #COLUMN_FAMILY} column family of a shared {@code database},
   * which must have been opened with {@link #columnFamily()}. Closing the store does not close
   * the database; close the store first.
   */
  public static RocksKeyValueStore on(RocksDatabase database) {
    return new RocksKeyValueStore(Objects.requireNonNull(database, "database"));
  }

  @Override
  public Optional<byte[]> get(byte[] key) throws IOException {
    Objects.requireNonNull(key, "key");
    enter();
    try {
      return Optional.ofNullable(read(key));
    } finally {
      exit();
    }
  }

  @Override
  public void write(KvBatch batch) throws IOException {
    Objects.requireNonNull(batch, "batch");
    enter();
    try {
      writeLock.lock();
      try {
        apply(batch);
      } finally {
        writeLock.unlock();
      }
      awaitDurable(database.options().syncPolicy(), batch.ops().size());
    } finally {
      exit();
    }
  }

  @Override
  public boolean compareAndSet(byte[] key, byte @Nullable [] expected, byte @Nullable [] value)
      throws IOException {
    Objects.requireNonNull(key, "key");
    KvBatch batch = new KvBatch().expect(key, expected);
    if (value == null) {
      batch.delete(key);
    } else {
      batch.put(key, value);
    }
    return commit(batch);
  }

  @Override
  public boolean commit(KvBatch batch) throws IOException {
    Objects.requireNonNull(batch, "batch");
    enter();
    try {
      writeLock.lock();
      try {
        if (!holds(batch)) {
          return false;
        }
        apply(batch);
      } finally {
        writeLock.unlock();
      }
      awaitDurable(database.options().syncPolicy(), batch.ops().size());
      return true;
    } finally {
      exit();
    }
  }

  /**
   * Like {@link #commit(KvBatch)}, but when the expectations hold it writes, in the same RocksDB
   * write batch, whatever {@code extra} adds to it (writes to other column families of the
   * database), with {@code durability} instead of the database's sync policy. {@code extra}
   * runs under the store's write lock, after the expectations were checked; when they fail it
   * does not run. Returns whether the batch was written.
   *
   * @throws IOException if the store cannot be read or written, or {@code extra} fails; then
   *     nothing was written
   */
  public boolean commit(KvBatch batch, Staging extra, SyncPolicy durability) throws IOException {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(extra, "extra");
    Objects.requireNonNull(durability, "durability");
    enter();
    try {
      int written;
      writeLock.lock();
      try {
        if (!holds(batch)) {
          return false;
        }
        try (WriteBatch writes = new WriteBatch()) {
          extra.addTo(writes);
          addOps(writes, batch);
          written = writes.count();
          if (written > 0) {
            database.writeUnsynced(writes, durability);
          }
        } catch (RocksDBException e) {
          throw new StoreException(
              "cannot commit " + batch.ops().size() + " keys to " + name + ": " + e.getMessage(),
              e);
        }
      } finally {
        writeLock.unlock();
      }
      awaitDurable(durability, written);
      return true;
    } finally {
      exit();
    }
  }

  // Outside the write lock, so that group commit can group the writers queued on it.
  private void awaitDurable(SyncPolicy policy, int written) throws StoreException {
    if (written == 0) {
      return;
    }
    try {
      database.awaitDurable(policy);
    } catch (RocksDBException e) {
      throw new StoreException("cannot sync the write-ahead log of " + name + ": " + e.getMessage(), e);
    }
  }

  /** Adds writes to other column families to the write batch of a commit. */
  @FunctionalInterface
  public interface Staging {
    /**
     * Adds writes to {@code writes}.
     *
     * @throws IOException if they cannot be prepared; the commit then writes nothing
     * @throws RocksDBException if RocksDB fails; the commit then writes nothing
     */
    void addTo(WriteBatch writes) throws IOException, RocksDBException;
  }

  @Override
  public List<Entry> scan(byte[] prefix, int limit) throws IOException {
    Objects.requireNonNull(prefix, "prefix");
    Keys.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    enter();
    byte[] end = Keys.prefixEnd(prefix);
    try (Slice upper = end == null ? null : new Slice(end);
        ReadOptions options = new ReadOptions()) {
      if (upper != null) {
        options.setIterateUpperBound(upper);
      }
      List<Entry> entries = new ArrayList<>();
      try (RocksIterator it = db.newIterator(family, options)) {
        for (it.seek(prefix); it.isValid() && entries.size() < limit; it.next()) {
          entries.add(new Entry(it.key(), it.value()));
        }
        it.status();
      }
      return Collections.unmodifiableList(entries);
    } catch (RocksDBException e) {
      throw new StoreException(
          "cannot scan prefix " + printable(prefix) + " in " + name + ": " + e.getMessage(), e);
    } finally {
      exit();
    }
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      closed = true;
    } finally {
      closeLock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private byte @Nullable [] read(byte[] key) throws StoreException {
    try {
      return db.get(family, database.readOptions(), key);
    } catch (RocksDBException e) {
      throw new StoreException(
          "cannot read key " + printable(key) + " in " + name + ": " + e.getMessage(), e);
    }
  }

  /** Whether every expectation of {@code batch} holds now; call with the write lock held. */
  private boolean holds(KvBatch batch) throws StoreException {
    for (KvBatch.Expectation expectation : batch.expectations()) {
      if (!Arrays.equals(read(expectation.key()), expectation.value())) {
        return false;
      }
    }
    return true;
  }

  private void addOps(WriteBatch writes, KvBatch batch) throws RocksDBException {
    for (KvBatch.Op op : batch.ops()) {
      if (op.value() == null) {
        writes.delete(family, op.key());
      } else {
        writes.put(family, op.key(), op.value());
      }
    }
  }

  private void apply(KvBatch batch) throws StoreException {
    if (batch.isEmpty()) {
      return;
    }
    try (WriteBatch writes = new WriteBatch()) {
      addOps(writes, batch);
      database.writeUnsynced(writes, database.options().syncPolicy());
    } catch (RocksDBException e) {
      throw new StoreException(
          "cannot write " + batch.ops().size() + " keys to " + name + ": " + e.getMessage(), e);
    }
  }

  private void enter() {
    closeLock.readLock().lock();
    if (closed) {
      closeLock.readLock().unlock();
      throw new IllegalStateException(name + " is closed");
    }
  }

  private void exit() {
    closeLock.readLock().unlock();
  }

  /** Renders a key for an error message: ASCII as is, other bytes as \xNN. */
  static String printable(byte[] key) {
    StringBuilder out = new StringBuilder(key.length + 2).append('\'');
    for (byte b : key) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02x", c));
      }
    }
    return out.append('\'').toString();
  }
}
