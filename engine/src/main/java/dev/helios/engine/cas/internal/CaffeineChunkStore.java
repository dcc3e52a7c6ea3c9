package dev.helios.engine.cas.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The L1 of the CAS: a Caffeine cache of compressed chunks in front of another {@link
 * ChunkStore}. Thread-safe.
 */
public final class CaffeineChunkStore implements CachedChunkStore {
  /*
   * Trust. Bytes that come from the backing store are verified by it (every ChunkStore.get
   * hashes what it read), so they are admitted already checked; bytes written through were
   * hashed by put()/ChunkBatch to compute their key. An L1 entry therefore always holds bytes
   * that hash to its key, and hits are not hashed again: that is what makes a hit cost a
   * decompression (~0.6 µs for 4 KiB with LZ4) instead of a BLAKE3 pass on top. Memory is
   * trusted; if an entry nevertheless fails to decompress it is dropped and the read falls
   * through to the verified backing store.
   *
   * Entries. An entry is the compressed payload and the raw length, or the raw bytes when
   * EntryCodec finds them not worth compressing. Its weight is the payload length plus
   * ENTRY_OVERHEAD, an estimate of the fixed cost of the entry object, the Hash key and
   * Caffeine's node, so that many tiny chunks cannot overrun the budget. Caffeine's W-TinyLFU
   * policy decides admission and eviction.
   *
   * Misses are not cached: a chunk absent from the backing store is looked up there every time.
   * A miss is loaded outside any cache lock (getIfPresent, backing get, putIfAbsent), so I/O
   * never runs under a Caffeine bin lock; two threads missing the same chunk both read it and
   * one admission wins, which is harmless.
   *
   * Write-through: put() and write() write to the backing store first and admit afterwards
   * (when admitOnWrite), so an entry never exists for a chunk that failed to reach the backing
   * store. delete() deletes from the backing store, then invalidates; a reader that fetched the
   * chunk just before the delete may re-admit it, which GC's contract (it deletes only chunks
   * nobody refers to) makes harmless.
   *
   * Arrays: an entry never shares an array with a caller. Raw entries admitted from put() keep
   * the caller's array (the SPI forbids modifying it afterwards); every hit returns a fresh
   * array, because the result of get() belongs to the caller.
   */

  static final int ENTRY_OVERHEAD = 96;

  private final ChunkStore backing;
  private final CacheOptions options;
  private final EntryCodec codec;
  private final Cache<Hash, Entry> cache;
  private final LongAdder loads = new LongAdder();
  private final LongAdder rawBytes = new LongAdder();
  private final LongAdder payloadBytes = new LongAdder();
  private final CloseGuard guard;

  /** Wraps {@code backing}, which this store then owns and closes. */
  public CaffeineChunkStore(ChunkStore backing, CacheOptions options) {
    this.backing = Objects.requireNonNull(backing, "backing");
    this.options = Objects.requireNonNull(options, "options");
    this.codec = new EntryCodec(options.codec(), options.codecLevel());
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(options.maximumBytes())
            .weigher((Hash hash, Entry entry) -> entry.weight())
            .executor(options.executor())
            .removalListener(this::onRemoval)
            .recordStats()
            .build();
    this.guard = new CloseGuard("cached " + backing);
  }

  @Override
  public Hash put(byte[] data) throws IOException {
    guard.enter();
    try {
      Hash hash = backing.put(data);
      if (options.admitOnWrite()) {
        admit(hash, data, false);
      }
      return hash;
    } finally {
      guard.exit();
    }
  }

  @Override
  public void write(ChunkBatch batch) throws IOException {
    guard.enter();
    try {
      backing.write(batch);
      if (options.admitOnWrite()) {
        for (Map.Entry<Hash, byte[]> e : batch.chunks().entrySet()) {
          admit(e.getKey(), e.getValue(), false);
        }
      }
    } finally {
      guard.exit();
    }
  }

  @Override
  public Optional<byte[]> get(Hash hash) throws IOException {
    guard.enter();
    try {
      Entry entry = cache.getIfPresent(hash);
      if (entry != null) {
        byte[] data = decode(hash, entry);
        if (data != null) {
          return Optional.of(data);
        }
      }
      Optional<byte[]> loaded = backing.get(hash);
      if (loaded.isPresent()) {
        loads.increment();
        // The array belongs to our caller, who may modify it: a raw entry must copy it.
        admit(hash, loaded.get(), true);
      }
      return loaded;
    } finally {
      guard.exit();
    }
  }

  @Override
  public boolean contains(Hash hash) throws IOException {
    guard.enter();
    try {
      return cache.asMap().containsKey(hash) || backing.contains(hash);
    } finally {
      guard.exit();
    }
  }

  @Override
  public long sizeOf(Hash hash) throws IOException {
    guard.enter();
    try {
      Entry entry = cache.asMap().get(hash);
      return entry != null ? entry.rawLength() : backing.sizeOf(hash);
    } finally {
      guard.exit();
    }
  }

  @Override
  public void forEachHash(Consumer<Hash> action) throws IOException {
    guard.enter();
    try {
      backing.forEachHash(action);
    } finally {
      guard.exit();
    }
  }

  @Override
  public void delete(Collection<Hash> hashes) throws IOException {
    guard.enter();
    try {
      backing.delete(hashes);
      cache.invalidateAll(hashes);
    } finally {
      guard.exit();
    }
  }

  @Override
  public Stats stats() {
    return backing.stats();
  }

  @Override
  public CachedChunkStore.CacheStats cacheStats() {
    // Run pending maintenance first so evictions and weights are current, not a buffer behind.
    cache.cleanUp();
    com.github.benmanes.caffeine.cache.stats.CacheStats stats = cache.stats();
    long weight = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new CachedChunkStore.CacheStats(
        stats.hitCount(),
        stats.missCount(),
        loads.sum(),
        stats.evictionCount(),
        cache.estimatedSize(),
        weight,
        payloadBytes.sum(),
        rawBytes.sum(),
        options.maximumBytes());
  }

  @Override
  public void close() throws IOException {
    if (guard.close()) {
      cache.invalidateAll();
      cache.cleanUp();
      codec.close();
      backing.close();
    }
  }

  @Override
  public String toString() {
    return "L1 over " + backing;
  }

  private void admit(Hash hash, byte[] data, boolean copyRaw) {
    if (cache.asMap().containsKey(hash)) {
      return;
    }
    byte[] packed = codec.compress(data);
    Entry entry =
        packed != null
            ? new Entry(packed, data.length, true)
            : new Entry(copyRaw ? data.clone() : data, data.length, false);
    if (cache.asMap().putIfAbsent(hash, entry) == null) {
      rawBytes.add(entry.rawLength());
      payloadBytes.add(entry.payload().length);
    }
  }

  private byte @Nullable [] decode(Hash hash, Entry entry) {
    if (!entry.compressed()) {
      return entry.payload().clone();
    }
    try {
      return codec.decompress(entry.payload(), entry.rawLength());
    } catch (RuntimeException e) {
      // Memory is trusted, so this is a bug or a hardware fault, not bad data on disk: drop the
      // entry and let the read go to the verified backing store instead of failing it.
      cache.invalidate(hash);
      return null;
    }
  }

  private void onRemoval(@Nullable Hash hash, @Nullable Entry entry, RemovalCause cause) {
    if (entry != null) {
      rawBytes.add(-entry.rawLength());
      payloadBytes.add(-entry.payload().length);
    }
  }

  /** A cached chunk: its payload (compressed or raw) and its raw length. */
  record Entry(byte[] payload, int rawLength, boolean compressed) {
    int weight() {
      return payload.length + ENTRY_OVERHEAD;
    }
  }
}
