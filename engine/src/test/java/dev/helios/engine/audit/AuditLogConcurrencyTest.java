package dev.helios.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditLogConcurrencyTest {
  private static final long SEED = 0x5EC_A0D17L;
  private static final int THREADS = 8;

  @Test
  void append_eightThreadsOnSeparateLogInstances_oneUnbrokenChain() throws Exception {
    Random seeds = new Random(SEED);
    try (KeyValueStore store = KeyValueStores.inMemory()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> appended = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          long seed = seeds.nextLong();
          // One log per thread: the chain must hold through the store's CAS, not a shared lock.
          AuditLog log = new AuditLog(store, Clock.systemUTC());
          appended.add(pool.submit(() -> appendSome(log, thread, new Random(seed), start)));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : appended) {
          total += f.get(30, TimeUnit.SECONDS);
        }

        AuditLog reader = new AuditLog(store, Clock.systemUTC());
        AuditLog.VerifyResult result = reader.verify();
        List<AuditRecord> all = reader.range(1, Integer.MAX_VALUE);

        assertThat(result.ok()).as("seed %s: %s", SEED, result.problem()).isTrue();
        assertThat(result.checked()).as("seed %s", SEED).isEqualTo(total);
        Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.event().actor() + "#" + r.event().details().get("i")));
        assertThat(ids).as("seed %s: every append recorded once", SEED).hasSize(total);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int appendSome(AuditLog log, int thread, Random random, CountDownLatch start)
      throws IOException, InterruptedException {
    start.await();
    int n = 10 + random.nextInt(20);
    for (int i = 0; i < n; i++) {
      log.append(new AuditEvent("t" + thread, "push", "repo", Map.of("i", Integer.toString(i))));
      if (random.nextInt(4) == 0) {
        Thread.yield();
      }
    }
    return n;
  }
}
