package dev.helios.git.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.git.RepositoryName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Commits and moves refs on several branches while gc and chunk sweeps run in a loop, then checks
 * that every acknowledged commit is on its branch and every object readable.
 */
@Tag("slow")
class RepositoryGcConcurrencyTest {
  private static final long RUN_MILLIS = 3_000;
  private static final RepositoryName APP = RepositoryName.parse("app");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void commit_duringGcAndSweep_losesNothing(StorageKind kind) throws Exception {
    long seed = Long.getLong("helios.test.seed", System.nanoTime());
    String context = "seed " + seed + " (-Dhelios.test.seed=" + seed + ")";
    int writers = 2;
    List<List<ObjectId>> acked = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger gcs = new AtomicInteger();
    AtomicInteger sweeps = new AtomicInteger();
    AtomicInteger lockFailures = new AtomicInteger();
    try (Storage storage = kind.open(dir);
        RepositoryStore store =
            new RepositoryStore(
                storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build())) {
      store.create(APP).close();
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          List<ObjectId> mine = new ArrayList<>();
          acked.add(mine);
          String branch = "refs/heads/b" + w;
          Random random = new Random(seed + w);
          futures.add(
              pool.submit(
                  () -> {
                    try (Repository repository = store.open(APP).orElseThrow()) {
                      ObjectId tip = null;
                      for (int i = 0; !stop.get(); i++) {
                        String content = branch + " " + i + " " + random.nextLong();
                        ObjectId next =
                            tip == null
                                ? TestCommits.commit(repository, Map.of("f", content), content)
                                : TestCommits.commit(repository, Map.of("f", content), content, tip);
                        RefUpdate.Result result = TestCommits.update(repository, branch, tip, next);
                        if (result == RefUpdate.Result.LOCK_FAILURE) {
                          // A reftable compaction by gc can make a racing update fail to lock
                          // (git shows "failed to lock"); it was not acknowledged, so the
                          // writer retries like a client would. Only acknowledged ones count.
                          lockFailures.incrementAndGet();
                          continue;
                        }
                        assertThat(result).as("%s, %s", branch, context)
                            .isIn(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD);
                        mine.add(next);
                        tip = next;
                      }
                    }
                    return null;
                  }));
        }
        futures.add(
            pool.submit(
                () -> {
                  while (!stop.get()) {
                    store.gc(APP);
                    gcs.incrementAndGet();
                    store.sweepChunks();
                    sweeps.incrementAndGet();
                  }
                  return null;
                }));
        Thread.sleep(RUN_MILLIS);
        stop.set(true);
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        stop.set(true);
        pool.shutdownNow();
      }
      store.gc(APP);
      store.sweepChunks();

      assertThat(gcs.get()).as(context).isPositive();
      try (Repository repository = store.open(APP).orElseThrow()) {
        for (int w = 0; w < writers; w++) {
          List<ObjectId> mine = acked.get(w);
          assertThat(mine).as("commits of writer %d; %s", w, context).isNotEmpty();
          ObjectId tip = repository.resolve("refs/heads/b" + w);
          assertThat(tip).as("branch b%d; %s", w, context).isEqualTo(mine.get(mine.size() - 1));
          List<ObjectId> history = new ArrayList<>();
          try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit commit : walk) {
              history.add(commit.copy());
              repository.open(commit.getTree()).getBytes();
            }
          }
          assertThat(history).as("history of b%d; %s", w, context).containsAll(mine);
        }
      }
      System.out.println(
          "RepositoryGcConcurrencyTest " + kind + ": " + acked.stream().mapToInt(List::size).sum()
              + " commits, " + gcs.get() + " gcs, " + sweeps.get() + " sweeps, " + lockFailures.get()
              + " updates refused to lock; " + context);
    }
  }
}
