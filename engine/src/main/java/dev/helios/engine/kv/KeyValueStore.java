package dev.helios.engine.kv;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An ordered map of small byte-string keys to small byte-string values, for the metadata Helios
 * keeps beside its chunks: repository registries and pack lists, refs, users, grants, the audit
 * log. Keys are compared as unsigned bytes. Thread-safe.
 *
 * <p>By convention the first segment of a key names its area ({@code repo/}, {@code user/},
 * {@code audit/} …); {@link #scan} lists an area in key order.
 *
 * <p>Durability follows the store's {@link dev.helios.engine.SyncPolicy}: once a write
 * returns, it survives a killed process (and with {@code FSYNC}, a power loss).
 */
public interface KeyValueStore extends AutoCloseable {

  /**
   * Returns the value under {@code key}, or empty. The array belongs to the caller.
   *
   * @throws IOException if the store cannot be read
   */
  Optional<byte[]> get(byte[] key) throws IOException;

  /**
   * Applies every put and delete of {@code batch} atomically.
   *
   * @throws IOException if the store cannot be written; then nothing of the batch was applied
   */
  void write(KvBatch batch) throws IOException;

  /**
   * Sets {@code key} to {@code value} only if its current value equals {@code expected}, as one
   * atomic step against every other write to this store. A null {@code expected} means "absent";
   * a null {@code value} deletes. Returns whether the swap happened: a lost race is an expected
   * outcome, not an error.
   *
   * @throws IOException if the store cannot be read or written
   */
  boolean compareAndSet(byte[] key, byte @Nullable [] expected, byte @Nullable [] value)
      throws IOException;

  /**
   * Atomically checks every expectation of {@code batch} and, only when all hold, applies its
   * puts and deletes. Returns whether it was applied.
   *
   * @throws IOException if the store cannot be read or written
   */
  boolean commit(KvBatch batch) throws IOException;

  /**
   * Returns the entries whose keys start with {@code prefix}, in key order, at most {@code limit}
   * of them. The returned list is unmodifiable.
   *
   * @throws IOException if the store cannot be read
   */
  List<Entry> scan(byte[] prefix, int limit) throws IOException;

  /** Releases resources; idempotent. */
  @Override
  void close() throws IOException;

  /** One key and its value; the arrays belong to the caller. */
  record Entry(byte[] key, byte[] value) {}
}
