package dev.helios.engine.kv.internal;

import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyValueStore} in a sorted map in memory, for tests and tools. Thread-safe.
 *
 * <p>Engine-internal: create one with {@code KeyValueStores.inMemory()}.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
  /*
   * One read-write lock over a TreeMap: readers share it, every write holds it exclusively, so
   * a batch is seen whole or not at all, and compareAndSet/commit check and apply as one step.
   * Keys and values are copied in and out, so callers can never reach the stored arrays.
   */

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  // Guarded by lock.
  private final TreeMap<byte[], byte[]> map = new TreeMap<>(Keys.ORDER);

  // Guarded by lock.
  private boolean closed;

  /** Creates an empty store. */
  public MemoryKeyValueStore() {}

  @Override
  public Optional<byte[]> get(byte[] key) throws IOException {
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      checkOpen();
      byte[] value = map.get(key);
      return value == null ? Optional.empty() : Optional.of(value.clone());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(KvBatch batch) throws IOException {
    Objects.requireNonNull(batch, "batch");
    lock.writeLock().lock();
    try {
      checkOpen();
      apply(batch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean compareAndSet(byte[] key, byte @Nullable [] expected, byte @Nullable [] value)
      throws IOException {
    Objects.requireNonNull(key, "key");
    lock.writeLock().lock();
    try {
      checkOpen();
      if (!Arrays.equals(map.get(key), expected)) {
        return false;
      }
      if (value == null) {
        map.remove(key);
      } else {
        map.put(key.clone(), value.clone());
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean commit(KvBatch batch) throws IOException {
    Objects.requireNonNull(batch, "batch");
    lock.writeLock().lock();
    try {
      checkOpen();
      for (KvBatch.Expectation expectation : batch.expectations()) {
        if (!Arrays.equals(map.get(expectation.key()), expectation.value())) {
          return false;
        }
      }
      apply(batch);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Like {@link #commit(KvBatch)}, but when the expectations hold it first runs {@code before}
   * (writing what goes with the batch elsewhere), still under the store's lock, and applies the
   * batch only if {@code before} returns normally. Returns whether the batch was applied.
   *
   * @throws IOException if {@code before} throws it; then the batch was not applied
   */
  public boolean commit(KvBatch batch, BeforeApply before) throws IOException {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(before, "before");
    lock.writeLock().lock();
    try {
      checkOpen();
      for (KvBatch.Expectation expectation : batch.expectations()) {
        if (!Arrays.equals(map.get(expectation.key()), expectation.value())) {
          return false;
        }
      }
      before.run();
      apply(batch);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Work done by {@link #commit(KvBatch, BeforeApply)} before it applies its batch. */
  @FunctionalInterface
  public interface BeforeApply {
    /**
     * Does the work.
     *
     * @throws IOException if it fails; the batch is then not applied
     */
    void run() throws IOException;
  }

  @Override
  public List<Entry> scan(byte[] prefix, int limit) throws IOException {
    Objects.requireNonNull(prefix, "prefix");
    Keys.checkLimit(limit);
    lock.readLock().lock();
    try {
      checkOpen();
      byte[] end = Keys.prefixEnd(prefix);
      Map<byte[], byte[]> range = end == null ? map.tailMap(prefix, true) : map.subMap(prefix, end);
      List<Entry> entries = new ArrayList<>(Math.min(limit, range.size()));
      for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
        if (entries.size() >= limit) {
          break;
        }
        entries.add(new Entry(e.getKey().clone(), e.getValue().clone()));
      }
      return Collections.unmodifiableList(entries);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      map.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "in-memory key-value store";
  }

  private void apply(KvBatch batch) {
    for (KvBatch.Op op : batch.ops()) {
      if (op.value() == null) {
        map.remove(op.key());
      } else {
        map.put(op.key().clone(), op.value().clone());
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }
}
