package dev.helios.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.storage.RepositoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much a fork network costs: 20 forks of one repository against the repository alone. */
@Tag("slow")
class ForkNetworkTest {
  @TempDir Path dir;

  @Test
  void run_twentyForks_sharedDataNotStoredTwentyTimes() throws Exception {
    Path upstream = dir.resolve("net/upstream.git");
    try (SourceFixture f = SourceFixture.bare(upstream, 42)) {
      f.commits("main", 2000, 300);
      f.gc();
    }
    List<MigrationTarget> forks = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      Path fork = dir.resolve("net/fork" + i + ".git");
      SourceFixture.copyTree(upstream, fork);
      try (SourceFixture f = SourceFixture.open(fork, "refs/heads/main", 1000 + i)) {
        f.commits("main", 1 + i % 3, 300);
      }
      forks.add(Sources.parse(fork.toString(), null));
    }

    long one = uniqueChunkBytes(dir.resolve("one"), List.of(Sources.parse(upstream.toString(), null)));
    List<MigrationTarget> all = new ArrayList<>(forks);
    all.add(0, Sources.parse(upstream.toString(), null));
    long network = uniqueChunkBytes(dir.resolve("all"), all);

    double ratio = (double) network / one;
    System.out.printf("fork network: one repository %,d bytes of unique chunks; upstream + 20 forks %,d bytes = %.2fx%n", one, network, ratio);
    // Measured 1.05x (target 1.1x; 3.15x before forks shared packs): each fork lists the packs
    // of a migrated repository of the network and receives only its own commits, and a
    // network's forks wait for its first repository even with two jobs (1.19x without that).
    // Asserted with room: the shared history is stored about once, not once per fork.
    assertThat(network).isLessThanOrEqualTo(one * 3 / 2);
  }

  /** Migrates {@code targets} into a fresh data directory and sums the lengths of its distinct chunks. */
  private static long uniqueChunkBytes(Path data, List<MigrationTarget> targets) throws Exception {
    try (Storage storage = Storage.open(StorageOptions.builder(data).build(), CacheOptions.builder().build());
        RepositoryStore repositories = new RepositoryStore(storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build())) {
      MigrationReport report = Migrator.into(repositories, new MigrationOptions(2, List.of(), List.of(), false, false, null))
          .run(targets, new MigrationListener() {});
      assertThat(report.repositories()).extracting(RepositoryResult::failure).containsOnlyNulls();
      AtomicLong bytes = new AtomicLong();
      storage.chunks().forEachHash(h -> {
        try {
          bytes.addAndGet(storage.chunks().sizeOf(h));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      System.out.printf("  %d repositories: packs %,d bytes, newBytes (estimate) %,d%n",
          targets.size(), report.storedBytes(), report.newBytes());
      return bytes.get();
    }
  }
}
