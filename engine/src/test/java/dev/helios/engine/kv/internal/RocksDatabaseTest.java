package dev.helios.engine.kv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.kv.StorageOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

class RocksDatabaseTest {
  private static final String FAMILY = "test";

  @TempDir Path dir;

  private RocksDatabase open(SyncPolicy policy) throws Exception {
    StorageOptions options =
        StorageOptions.builder(dir.resolve("db"))
            .syncPolicy(policy)
            .blockCacheBytes(4L << 20)
            .writeBufferBytes(2L << 20)
            .build();
    return RocksDatabase.open(
        options, List.of(new RocksDatabase.ColumnFamily(FAMILY, RocksDatabase.Profile.SMALL_VALUES)));
  }

  private static void put(RocksDatabase db, int key, SyncPolicy policy) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(db.handle(FAMILY), key(key), key(key));
      db.write(batch, policy);
    }
  }

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  @Test
  void write_groupFromManyThreads_allReturnAndSurviveReopen() throws Exception {
    int threads = 8;
    int perThread = 50;
    try (RocksDatabase db = open(SyncPolicy.GROUP)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int first = t * perThread;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = first; i < first + perThread; i++) {
                      put(db, i, SyncPolicy.GROUP);
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(db.walSyncs()).isBetween(1L, (long) threads * perThread);
    }

    try (RocksDatabase db = open(SyncPolicy.WAL)) {
      for (int i = 0; i < threads * perThread; i++) {
        assertThat(db.db().get(db.handle(FAMILY), key(i))).as("key %d", i).containsExactly(key(i));
      }
    }
  }

  @Test
  void write_groupAlone_syncsOncePerWrite() throws Exception {
    try (RocksDatabase db = open(SyncPolicy.WAL)) {
      put(db, 1, SyncPolicy.GROUP);
      put(db, 2, SyncPolicy.GROUP);

      assertThat(db.walSyncs()).isEqualTo(2);
    }
  }

  @Test
  void write_walAndFsync_doNotCountGroupSyncs() throws Exception {
    try (RocksDatabase db = open(SyncPolicy.GROUP)) {
      put(db, 1, SyncPolicy.WAL);
      put(db, 2, SyncPolicy.FSYNC);

      assertThat(db.walSyncs()).isZero();
      assertThat(db.db().get(db.handle(FAMILY), key(2))).containsExactly(key(2));
    }
  }

  @Test
  void write_withoutPolicy_usesTheConfiguredOne() throws Exception {
    try (RocksDatabase db = open(SyncPolicy.GROUP)) {
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(db.handle(FAMILY), key(7), key(7));
        db.write(batch);
      }

      assertThat(db.walSyncs()).isEqualTo(1);
    }
  }
}
