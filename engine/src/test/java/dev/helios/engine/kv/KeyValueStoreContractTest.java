package dev.helios.engine.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyValueStoreContractTest {
  private static final long SEED = 77L;

  @TempDir Path dir;

  enum Kind {
    MEMORY,
    ROCKSDB
  }

  private Storage open(Kind kind) throws IOException {
    return kind == Kind.MEMORY
        ? Storage.inMemory()
        : Storage.open(
            StorageOptions.builder(dir.resolve("data"))
                .blockCacheBytes(4L << 20)
                .writeBufferBytes(2L << 20)
                .build(),
            CacheOptions.builder().maximumBytes(1L << 20).build());
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void get_absentKey_returnsEmpty(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      assertThat(storage.meta().get(b("nope"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void write_putsAndDeletes_appliedTogether(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();
      kv.write(new KvBatch().put(b("a"), b("1")).put(b("b"), b("2")));

      kv.write(new KvBatch().delete(b("a")).put(b("c"), b("3")).delete(b("missing")));

      assertThat(kv.get(b("a"))).isEmpty();
      assertThat(kv.get(b("b")).map(KeyValueStoreContractTest::s)).contains("2");
      assertThat(kv.get(b("c")).map(KeyValueStoreContractTest::s)).contains("3");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void get_returnedArray_isTheCallersCopy(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();
      kv.write(new KvBatch().put(b("k"), b("v")));

      kv.get(b("k")).orElseThrow()[0] = 'x';

      assertThat(kv.get(b("k")).map(KeyValueStoreContractTest::s)).contains("v");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void compareAndSet_matchingAndStaleExpectations_swapsOnlyWhenMatching(Kind kind)
      throws IOException {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();

      assertThat(kv.compareAndSet(b("k"), null, b("1"))).isTrue();
      assertThat(kv.compareAndSet(b("k"), null, b("2"))).isFalse();
      assertThat(kv.compareAndSet(b("k"), b("9"), b("2"))).isFalse();
      assertThat(kv.compareAndSet(b("k"), b("1"), b("2"))).isTrue();
      assertThat(kv.get(b("k")).map(KeyValueStoreContractTest::s)).contains("2");
      assertThat(kv.compareAndSet(b("k"), b("2"), null)).isTrue();
      assertThat(kv.get(b("k"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_oneExpectationFails_appliesNothing(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();
      kv.write(new KvBatch().put(b("a"), b("1")).put(b("b"), b("1")));

      boolean applied =
          kv.commit(
              new KvBatch()
                  .expect(b("a"), b("1"))
                  .expect(b("b"), b("stale"))
                  .put(b("a"), b("2"))
                  .put(b("new"), b("x")));

      assertThat(applied).isFalse();
      assertThat(kv.get(b("a")).map(KeyValueStoreContractTest::s)).contains("1");
      assertThat(kv.get(b("new"))).isEmpty();
      assertThat(
              kv.commit(new KvBatch().expect(b("a"), b("1")).expect(b("c"), null).put(b("c"), b("3"))))
          .isTrue();
      assertThat(kv.get(b("c")).map(KeyValueStoreContractTest::s)).contains("3");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void scan_prefix_returnsMatchingKeysInUnsignedOrderUpToLimit(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();
      kv.write(
          new KvBatch()
              .put(b("repo/b"), b("2"))
              .put(b("repo/a"), b("1"))
              .put(new byte[] {'r', 'e', 'p', 'o', '/', (byte) 0xff}, b("3"))
              .put(b("repo"), b("no"))
              .put(b("repp"), b("no"))
              .put(b("user/a"), b("no")));

      List<KeyValueStore.Entry> all = kv.scan(b("repo/"), 10);
      List<KeyValueStore.Entry> two = kv.scan(b("repo/"), 2);

      assertThat(all).extracting(e -> s(e.value())).containsExactly("1", "2", "3");
      assertThat(two).extracting(e -> s(e.value())).containsExactly("1", "2");
      assertThat(kv.scan(b("repo/"), 0)).isEmpty();
      assertThat(kv.scan(new byte[0], 100)).hasSize(6);
      assertThatThrownBy(() -> kv.scan(b("x"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void compareAndSet_concurrentIncrements_loseNoUpdate(Kind kind) throws Exception {
    try (Storage storage = open(kind)) {
      KeyValueStore kv = storage.meta();
      int threads = 4;
      int perThread = 100;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Random random = new Random(SEED + t);
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      while (true) {
                        byte[] old = kv.get(b("counter")).orElse(null);
                        long value = old == null ? 0 : Long.parseLong(s(old));
                        if (random.nextInt(8) == 0) {
                          Thread.yield();
                        }
                        if (kv.compareAndSet(b("counter"), old, b(Long.toString(value + 1)))) {
                          break;
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(kv.get(b("counter")).map(KeyValueStoreContractTest::s))
          .as("seed %d", SEED)
          .contains(Integer.toString(threads * perThread));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void get_afterClose_throwsIllegalState(Kind kind) throws IOException {
    Storage storage = open(kind);
    KeyValueStore kv = storage.meta();
    storage.close();

    assertThatThrownBy(() -> kv.get(b("k"))).isInstanceOf(IllegalStateException.class);
  }
}
