package dev.helios.git.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.internal.CasRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

class RepositoryStoreAutoGcTest {
  private static final RepositoryName APP = RepositoryName.parse("app");

  @Test
  void packReceived_belowThreshold_schedulesNothing() throws IOException {
    List<Runnable> scheduled = new ArrayList<>();
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = storeWith(storage, 100, scheduled)) {
      try (Repository repository = store.create(APP)) {
        RepositoryGcTest.history(repository, new Random(1), 3, 1024);
      }

      store.packReceived(APP);
      store.packReceived(RepositoryName.parse("unknown"));

      assertThat(scheduled).isEmpty();
    }
  }

  @Test
  void packReceived_pastThreshold_schedulesOneGcOnTheExecutorThatCompacts() throws IOException {
    List<Runnable> scheduled = new ArrayList<>();
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = storeWith(storage, 4, scheduled)) {
      ObjectId tip;
      try (Repository repository = store.create(APP)) {
        tip = RepositoryGcTest.history(repository, new Random(1), 4, 1024);
      }

      store.packReceived(APP);
      store.packReceived(APP); // already scheduled: not twice

      assertThat(scheduled).hasSize(1);
      int before = store.list().get(0).packCount();
      scheduled.get(0).run();
      assertThat(store.list().get(0).packCount()).isLessThan(before).isLessThanOrEqualTo(2);
      try (Repository repository = store.open(APP).orElseThrow()) {
        assertThat(repository.resolve("refs/heads/main")).isEqualTo(tip);
      }
      store.packReceived(APP);
      assertThat(scheduled).hasSize(1);
    }
  }

  @Test
  void packReceived_thresholdZero_neverSchedules() throws IOException {
    List<Runnable> scheduled = new ArrayList<>();
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = storeWith(storage, 0, scheduled)) {
      try (Repository repository = store.create(APP)) {
        TestCommits.commit(repository, Map.of("a", "b"), "m");
      }

      store.packReceived(APP);

      assertThat(scheduled).isEmpty();
    }
  }

  @Test
  void packReceived_manyObjectsWithoutBitmap_schedulesGcBelowThePackThreshold() throws IOException {
    List<Runnable> scheduled = new ArrayList<>();
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = storeWith(storage, 100, scheduled)) {
      try (Repository repository = store.create(APP);
          ObjectInserter inserter = repository.newObjectInserter()) {
        // One pack, as one big push leaves it: enough objects, no bitmap.
        for (int i = 0; i < RepositoryStore.AUTO_GC_UNBITMAPPED_OBJECTS; i++) {
          inserter.insert(Constants.OBJ_BLOB, ("blob " + i).getBytes(StandardCharsets.UTF_8));
        }
        inserter.flush();
      }

      store.packReceived(APP);

      assertThat(scheduled).hasSize(1);
    }
  }

  @Test
  void needsGc_countsPacksAndObjectsOutsideBitmaps() {
    long many = RepositoryStore.AUTO_GC_UNBITMAPPED_OBJECTS;

    assertThat(RepositoryStore.needsGc(new CasRepository.PackSummary(3, 10, many - 1), 4)).isFalse();
    assertThat(RepositoryStore.needsGc(new CasRepository.PackSummary(4, 10, 0), 4)).isTrue();
    assertThat(RepositoryStore.needsGc(new CasRepository.PackSummary(1, 10, many), 4)).isTrue();
  }

  /** A store whose automatic gc is queued into {@code scheduled} instead of running. */
  private static RepositoryStore storeWith(Storage storage, int threshold, List<Runnable> scheduled) {
    return new RepositoryStore(
        storage,
        RepositoryStore.Options.builder()
            .autoGcPushThreshold(threshold)
            .executor(scheduled::add)
            .twinExecutor(Runnable::run)
            .build());
  }
}
