package dev.helios.engine.cas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight threads put, batch-write, read and probe a shared key space at once; every read must
 * return exactly the bytes of its hash and every write must be present afterwards.
 */
@Tag("slow")
class ChunkStoreConcurrencyTest {
  private static final int THREADS = 8;
  private static final int OPS_PER_THREAD = 1_500;
  private static final int KEY_SPACE = 1_500;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void mixedOperations_eightThreads_readsExactAndWritesDurable(StoreKind kind) throws Exception {
    long seed = Long.getLong("helios.test.seed", 0xC0FFEEL);
    List<byte[]> contents = new ArrayList<>(KEY_SPACE);
    Map<Hash, byte[]> byHash = new ConcurrentHashMap<>();
    Random content = new Random(seed);
    for (int i = 0; i < KEY_SPACE; i++) {
      byte[] data = i % 3 == 0
          ? TestChunks.random(content, 1 + content.nextInt(16_384))
          : TestChunks.text(content, 1 + content.nextInt(16_384));
      contents.add(data);
      byHash.put(Blake3.hash(data), data);
    }
    List<Hash> hashes = new ArrayList<>(byHash.keySet());
    Set<Hash> written = ConcurrentHashMap.newKeySet();
    // A small L1 so that the cached kinds evict and reload under contention.
    try (ChunkStore store = kind == StoreKind.L1_OVER_ROCKSDB || kind == StoreKind.L1_OVER_MEMORY
            ? ChunkStores.cached(
                kind == StoreKind.L1_OVER_MEMORY ? ChunkStores.inMemory() : ChunkStores.rocksDb(StoreKind.rocksOptions(dir)),
                CacheOptions.builder().maximumBytes(2L << 20).build())
            : kind.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long threadSeed = seed + t;
        futures.add(pool.submit(() -> {
          Random random = new Random(threadSeed);
          start.await();
          for (int op = 0; op < OPS_PER_THREAD; op++) {
            int choice = random.nextInt(10);
            if (choice < 2) {
              byte[] data = contents.get(random.nextInt(KEY_SPACE));
              written.add(store.put(data));
            } else if (choice < 3) {
              ChunkBatch batch = new ChunkBatch();
              for (int i = 0; i < 5; i++) {
                batch.add(contents.get(random.nextInt(KEY_SPACE)));
              }
              store.write(batch);
              written.addAll(batch.hashes());
            } else if (choice < 8) {
              Hash hash = hashes.get(random.nextInt(KEY_SPACE));
              boolean wasWritten = written.contains(hash);
              Optional<byte[]> read = store.get(hash);
              if (read.isPresent()) {
                assertThat(read.get()).as("%s, seed %d, thread seed %d", hash, seed, threadSeed).isEqualTo(byHash.get(hash));
              } else {
                assertThat(wasWritten).as("%s written before, but absent; seed %d", hash, seed).isFalse();
              }
            } else {
              Hash hash = hashes.get(random.nextInt(KEY_SPACE));
              boolean wasWritten = written.contains(hash);
              boolean present = store.contains(hash);
              if (wasWritten) {
                assertThat(present).as("%s written before; seed %d", hash, seed).isTrue();
              }
            }
          }
          return null;
        }));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("threads finished; seed %d", seed).isTrue();
      for (Future<?> future : futures) {
        future.get(); // rethrows an assertion failure from a worker
      }

      for (Hash hash : written) {
        assertThat(store.read(hash)).as("%s after the run; seed %d", hash, seed).isEqualTo(byHash.get(hash));
      }
      List<Hash> listed = new ArrayList<>();
      store.forEachHash(listed::add);
      assertThat(listed).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(written);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void close_whileThreadsReadAndWrite_inFlightCallsFinishAndLaterOnesThrowIllegalState(StoreKind kind)
      throws Exception {
    long seed = Long.getLong("helios.test.seed", 0xC105EL);
    ChunkStore store = kind.open(dir);
    Random content = new Random(seed);
    List<Hash> hashes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      hashes.add(store.put(TestChunks.text(content, 1 + content.nextInt(8192))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Throwable>> outcomes = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long threadSeed = seed + t;
      outcomes.add(pool.submit(() -> {
        Random random = new Random(threadSeed);
        try {
          while (true) {
            if (random.nextBoolean()) {
              store.read(hashes.get(random.nextInt(hashes.size())));
            } else {
              store.put(TestChunks.random(random, 1 + random.nextInt(4096)));
            }
          }
        } catch (Throwable e) {
          return e;
        }
      }));
    }
    Thread.sleep(100);

    store.close();

    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("seed %d", seed).isTrue();
    for (Future<Throwable> outcome : outcomes) {
      assertThat(outcome.get()).as("how a worker ended; seed %d", seed).isInstanceOf(IllegalStateException.class);
    }
  }
}
