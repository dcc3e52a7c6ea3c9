package dev.helios.engine.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.CachedChunkStore.CacheStats;
import dev.helios.engine.cas.TestChunks;
import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaffeineChunkStoreTest {
  private static final long SEED = 0xcafeL;

  private static CaffeineChunkStore cache(MemoryChunkStore backing, CacheOptions options) {
    return new CaffeineChunkStore(backing, options);
  }

  @Test
  void get_afterPut_isHitWithoutTouchingBacking() throws Exception {
    MemoryChunkStore backing = new MemoryChunkStore();
    byte[] data = TestChunks.text(new Random(SEED), 8000);
    try (CaffeineChunkStore store = cache(backing, CacheOptions.defaults())) {
      Hash hash = store.put(data);
      backing.corruptForTest(hash, new byte[] {0}); // a backing read would now fail

      byte[] read = store.read(hash);

      assertThat(read).isEqualTo(data);
      assertThat(store.cacheStats()).extracting(CacheStats::hits, CacheStats::misses).containsExactly(1L, 0L);
    }
  }

  @Test
  void get_notAdmittedOnWrite_missThenLoadThenHit() throws Exception {
    MemoryChunkStore backing = new MemoryChunkStore();
    CacheOptions options = CacheOptions.builder().admitOnWrite(false).build();
    try (CaffeineChunkStore store = cache(backing, options)) {
      Hash hash = store.put(TestChunks.text(new Random(SEED), 3000));

      store.read(hash);
      store.read(hash);
      store.read(hash);

      CacheStats stats = store.cacheStats();
      assertThat(stats.misses()).isEqualTo(1);
      assertThat(stats.loads()).isEqualTo(1);
      assertThat(stats.hits()).isEqualTo(2);
      assertThat(stats.hitRatio()).isEqualTo(2.0 / 3);
    }
  }

  @Test
  void get_absent_isNotCached() throws Exception {
    MemoryChunkStore backing = new MemoryChunkStore();
    byte[] data = TestChunks.text(new Random(SEED), 100);
    Hash hash = Blake3.hash(data);
    try (CaffeineChunkStore store = cache(backing, CacheOptions.defaults())) {
      assertThat(store.get(hash)).isEmpty();

      backing.put(data);

      assertThat(store.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
      assertThat(store.cacheStats().misses()).isEqualTo(2);
      assertThat(store.cacheStats().loads()).isEqualTo(1);
    }
  }

  @Test
  void put_compressibleChunks_entriesHeldCompressed() throws Exception {
    Random random = new Random(SEED);
    try (CaffeineChunkStore store = cache(new MemoryChunkStore(), CacheOptions.defaults())) {
      for (int i = 0; i < 20; i++) {
        store.put(TestChunks.text(random, 16_384));
      }

      CacheStats stats = store.cacheStats();

      assertThat(stats.entries()).isEqualTo(20);
      assertThat(stats.rawBytes()).isEqualTo(20 * 16_384);
      assertThat(stats.compressionRatio()).as("seed %d", SEED).isGreaterThan(2.0);
    }
  }

  @Test
  void put_incompressibleChunks_entriesHeldRaw() throws Exception {
    Random random = new Random(SEED);
    try (CaffeineChunkStore store = cache(new MemoryChunkStore(), CacheOptions.defaults())) {
      for (int i = 0; i < 20; i++) {
        store.put(TestChunks.random(random, 4096));
      }

      CacheStats stats = store.cacheStats();

      assertThat(stats.payloadBytes()).isEqualTo(stats.rawBytes()).isEqualTo(20 * 4096);
      assertThat(stats.weightBytes()).isEqualTo(20L * (4096 + CaffeineChunkStore.ENTRY_OVERHEAD));
    }
  }

  @Test
  void put_moreThanMaximumWeight_evictsAndStaysWithinWeight() throws Exception {
    Random random = new Random(SEED);
    long maximum = 64 * 1024;
    CacheOptions options = CacheOptions.builder().maximumBytes(maximum).build();
    List<Hash> hashes = new ArrayList<>();
    try (CaffeineChunkStore store = cache(new MemoryChunkStore(), options)) {
      for (int i = 0; i < 100; i++) {
        hashes.add(store.put(TestChunks.random(random, 4096)));
      }

      CacheStats stats = store.cacheStats();

      assertThat(stats.weightBytes()).isLessThanOrEqualTo(maximum);
      assertThat(stats.evictions()).isGreaterThanOrEqualTo(100 - maximum / 4096);
      assertThat(stats.entries() + stats.evictions()).isEqualTo(100);
      assertThat(stats.rawBytes()).isEqualTo(stats.entries() * 4096);
      for (Hash hash : hashes) {
        assertThat(store.contains(hash)).isTrue(); // evicted from L1, still in L2
      }
    }
  }

  @Test
  void get_returnedArrayModified_nextHitUnaffected() throws Exception {
    byte[] data = TestChunks.random(new Random(SEED), 1000); // stored raw in L1
    try (CaffeineChunkStore store = cache(new MemoryChunkStore(), CacheOptions.defaults())) {
      Hash hash = store.put(data);

      store.read(hash)[0] ^= 1;

      assertThat(store.read(hash)).isEqualTo(TestChunks.random(new Random(SEED), 1000));
    }
  }

  @Test
  void get_corruptBackingAndColdCache_throwsCorruptChunkException() throws Exception {
    MemoryChunkStore backing = new MemoryChunkStore();
    byte[] data = TestChunks.text(new Random(SEED), 500);
    Hash hash = backing.put(data);
    backing.corruptForTest(hash, TestChunks.text(new Random(SEED + 1), 500));
    try (CaffeineChunkStore store = cache(backing, CacheOptions.defaults())) {

      assertThatThrownBy(() -> store.get(hash))
          .isInstanceOf(CorruptChunkException.class)
          .hasMessageContaining(hash.toHex());
      assertThat(store.cacheStats().entries()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(CacheCodec.class)
  void get_everyCodec_returnsExactBytes(CacheCodec codec) throws Exception {
    Random random = new Random(SEED);
    CacheOptions options = CacheOptions.builder().codec(codec).build();
    List<byte[]> chunks = List.of(
        TestChunks.text(random, 10), TestChunks.text(random, 70_000), TestChunks.random(random, 5000), new byte[4096]);
    try (CachedChunkStore store = cache(new MemoryChunkStore(), options)) {
      for (byte[] data : chunks) {
        Hash hash = store.put(data);

        assertThat(store.read(hash)).as("%s, seed %d", codec, SEED).isEqualTo(data);
        assertThat(store.sizeOf(hash)).isEqualTo(data.length);
      }
    }
  }

  @Test
  void close_closesBackingStore() throws Exception {
    MemoryChunkStore backing = new MemoryChunkStore();
    CaffeineChunkStore store = cache(backing, CacheOptions.defaults());

    store.close();

    assertThatThrownBy(() -> backing.put(new byte[1])).isInstanceOf(IllegalStateException.class);
  }
}
