package dev.helios.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain on the RocksDB metadata store, whose commit is what makes appends atomic. */
@Tag("slow") // opens RocksDB twice: about 1.5 s
class AuditLogRocksTest {
  private static final long SEED = 0xA0D17_0CL;
  private static final int THREADS = 8;

  @TempDir Path dir;

  @Test
  void append_concurrentThenReopen_chainIntactAndComplete() throws Exception {
    Random random = new Random(SEED);
    int total = 0;
    try (Storage storage = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          AuditLog log = new AuditLog(storage.meta(), Clock.systemUTC());
          int n = 5 + random.nextInt(10);
          String actor = "t" + t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < n; i++) {
                      log.append(AuditEvent.of(actor, "push", "repo"));
                    }
                    return n;
                  }));
        }
        start.countDown();
        for (Future<Integer> f : futures) {
          total += f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    try (Storage reopened = open()) {
      AuditLog log = new AuditLog(reopened.meta(), Clock.systemUTC());
      AuditLog.VerifyResult result = log.verify();

      assertThat(result.ok()).as("seed %s: %s", SEED, result.problem()).isTrue();
      assertThat(result.checked()).as("seed %s", SEED).isEqualTo(total);
      assertThat(log.append(AuditEvent.of("system", "check", "")).sequence()).isEqualTo(total + 1);
    }
  }

  private Storage open() throws IOException {
    return Storage.open(
        StorageOptions.builder(dir.resolve("data"))
            .blockCacheBytes(4L << 20)
            .writeBufferBytes(2L << 20)
            .build(),
        CacheOptions.defaults());
  }
}
