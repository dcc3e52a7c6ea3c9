package dev.helios.engine.cas.file;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bare chunk store over a sorted map, for tests of this package: it trusts its keys (no
 * verification) so tests can store nodes under synthetic hashes, and it counts batch writes.
 * Thread-safe.
 */
final class MapChunkStore implements ChunkStore {
  final Map<Hash, byte[]> chunks = new ConcurrentSkipListMap<>();
  final AtomicInteger batches = new AtomicInteger();
  final AtomicLong largestBatchBytes = new AtomicLong();

  @Override
  public Hash put(byte[] data) {
    Hash hash = Blake3.hash(data);
    chunks.putIfAbsent(hash, data.clone());
    return hash;
  }

  /** Stores {@code data} under {@code hash}, whatever the bytes hash to. */
  void putUnchecked(Hash hash, byte[] data) {
    chunks.put(hash, data.clone());
  }

  @Override
  public void write(ChunkBatch batch) {
    batches.incrementAndGet();
    largestBatchBytes.accumulateAndGet(batch.bytes(), Math::max);
    batch.chunks().forEach((hash, data) -> chunks.putIfAbsent(hash, data.clone()));
  }

  @Override
  public Optional<byte[]> get(Hash hash) {
    byte[] data = chunks.get(hash);
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  @Override
  public boolean contains(Hash hash) {
    return chunks.containsKey(hash);
  }

  @Override
  public long sizeOf(Hash hash) {
    byte[] data = chunks.get(hash);
    return data == null ? -1 : data.length;
  }

  @Override
  public void forEachHash(Consumer<Hash> action) {
    chunks.keySet().forEach(action);
  }

  @Override
  public void delete(Collection<Hash> hashes) {
    hashes.forEach(chunks::remove);
  }

  @Override
  public Stats stats() {
    long bytes = chunks.values().stream().mapToLong(b -> b.length).sum();
    return new Stats(chunks.size(), bytes, bytes);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "MapChunkStore";
  }
}
