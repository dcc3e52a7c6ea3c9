package dev.helios.engine.cas.internal;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link ChunkStore} in memory, for tests and tools. Thread-safe. Nothing survives {@link
 * #close()} or the process.
 */
public final class MemoryChunkStore implements ChunkStore {
  /*
   * A ConcurrentSkipListMap keyed by Hash keeps forEachHash in unsigned hash order (Hash's
   * natural order) and gives lock-free reads. Arrays handed in are stored without copying (the
   * SPI forbids callers to modify them afterwards); get() returns a copy, because its result
   * belongs to the caller. Reads verify the hash like every other store, so tests that corrupt
   * an entry (corruptForTest) exercise the same path as on disk.
   *
   * Batches: the chunks of a batch are inserted one by one. Nothing can fail half way in
   * memory, so "all or nothing" holds for failures; a concurrent reader may see part of a batch
   * that is being written, which the SPI allows.
   */

  private static final int ENTRY_OVERHEAD = 128;

  private final ConcurrentSkipListMap<Hash, byte[]> chunks = new ConcurrentSkipListMap<>();
  private final AtomicLong logicalBytes = new AtomicLong();
  private final CloseGuard guard = new CloseGuard("in-memory chunk store");

  /** Creates an empty store. */
  public MemoryChunkStore() {}

  @Override
  public Hash put(byte[] data) {
    Objects.requireNonNull(data, "data");
    guard.enter();
    try {
      Hash hash = Blake3.hash(data);
      insert(hash, data);
      return hash;
    } finally {
      guard.exit();
    }
  }

  @Override
  public void write(ChunkBatch batch) {
    guard.enter();
    try {
      for (Map.Entry<Hash, byte[]> e : batch.chunks().entrySet()) {
        insert(e.getKey(), e.getValue());
      }
    } finally {
      guard.exit();
    }
  }

  @Override
  public Optional<byte[]> get(Hash hash) throws IOException {
    guard.enter();
    try {
      byte[] data = chunks.get(hash);
      if (data == null) {
        return Optional.empty();
      }
      return Optional.of(Verifier.verified(hash, data, this).clone());
    } finally {
      guard.exit();
    }
  }

  @Override
  public boolean contains(Hash hash) {
    guard.enter();
    try {
      return chunks.containsKey(hash);
    } finally {
      guard.exit();
    }
  }

  @Override
  public long sizeOf(Hash hash) {
    guard.enter();
    try {
      byte[] data = chunks.get(hash);
      return data == null ? -1 : data.length;
    } finally {
      guard.exit();
    }
  }

  @Override
  public void forEachHash(Consumer<Hash> action) {
    guard.enter();
    try {
      for (Hash hash : chunks.keySet()) {
        action.accept(hash);
      }
    } finally {
      guard.exit();
    }
  }

  @Override
  public void delete(Collection<Hash> hashes) {
    guard.enter();
    try {
      for (Hash hash : hashes) {
        byte[] removed = chunks.remove(hash);
        if (removed != null) {
          logicalBytes.addAndGet(-removed.length);
        }
      }
    } finally {
      guard.exit();
    }
  }

  @Override
  public Stats stats() {
    long count = chunks.size();
    long bytes = logicalBytes.get();
    return new Stats(count, bytes, bytes + count * ENTRY_OVERHEAD);
  }

  @Override
  public void close() {
    if (guard.close()) {
      chunks.clear();
      logicalBytes.set(0);
    }
  }

  @Override
  public String toString() {
    return "in-memory chunk store";
  }

  /** Replaces the bytes under {@code hash} without any check; for corruption tests only. */
  void corruptForTest(Hash hash, byte[] bytes) {
    byte[] old = chunks.put(hash, bytes);
    logicalBytes.addAndGet(bytes.length - (old == null ? 0 : old.length));
  }

  private void insert(Hash hash, byte[] data) {
    if (chunks.putIfAbsent(hash, data) == null) {
      logicalBytes.addAndGet(data.length);
    }
  }
}
