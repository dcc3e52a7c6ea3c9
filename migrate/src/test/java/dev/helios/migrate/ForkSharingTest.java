package dev.helios.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fork migrated after its upstream shares the upstream's packs instead of storing them again. */
@Tag("integration")
class ForkSharingTest {
  @TempDir Path dir;
  Storage storage;
  RepositoryStore repositories;

  @BeforeEach
  void open() throws Exception {
    storage = Storage.open(StorageOptions.builder(dir.resolve("data")).build(), CacheOptions.builder().build());
    repositories = new RepositoryStore(storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build());
  }

  @AfterEach
  void close() throws Exception {
    repositories.close();
    storage.close();
  }

  private Path upstream() throws Exception {
    Path upstream = dir.resolve("net/upstream.git");
    try (SourceFixture f = SourceFixture.bare(upstream, 7)) {
      f.commits("main", 200, 100);
      f.gc();
    }
    return upstream;
  }

  private Path fork(Path upstream, String name, int commits) throws Exception {
    Path fork = dir.resolve("net/" + name + ".git");
    SourceFixture.copyTree(upstream, fork);
    if (commits > 0) {
      try (SourceFixture f = SourceFixture.open(fork, "refs/heads/main", 99)) {
        f.commits("main", commits, 100);
        f.commits("topic", 1, 100);
      }
    }
    return fork;
  }

  private RepositoryResult migrate(Path source) throws Exception {
    MigrationReport report = Migrator.into(repositories, new MigrationOptions(1, List.of(), List.of(), false, false, null))
        .run(List.of(Sources.parse(source.toString(), null)), new MigrationListener() {});
    RepositoryResult result = report.repositories().get(0);
    assertThat(result.failure()).isNull();
    return result;
  }

  private long uniqueChunkBytes() throws IOException {
    AtomicLong bytes = new AtomicLong();
    storage.chunks().forEachHash(h -> {
      try {
        bytes.addAndGet(storage.chunks().sizeOf(h));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return bytes.get();
  }

  @Test
  void run_forkAfterUpstream_addsFarFewerBytesThanTheUpstream() throws Exception {
    Path upstream = upstream();
    Path fork = fork(upstream, "fork", 3);
    migrate(upstream);
    long afterUpstream = uniqueChunkBytes();

    RepositoryResult result = migrate(fork);

    long forkBytes = uniqueChunkBytes() - afterUpstream;
    System.out.printf("fork sharing: upstream %,d bytes of unique chunks, the fork added %,d (%.1f%%)%n",
        afterUpstream, forkBytes, 100.0 * forkBytes / afterUpstream);
    assertThat(forkBytes).isLessThan(afterUpstream / 5);
    assertThat(result.verify()).contains("refs+objects").contains("twins");
  }

  @Test
  void run_forkAfterUpstream_forkHasItsOwnRefsOnly() throws Exception {
    Path upstream = upstream();
    try (SourceFixture f = SourceFixture.open(upstream, "refs/heads/main", 5)) {
      f.commits("upstream-only", 2, 100);
    }
    Path fork = fork(upstream, "fork", 2);
    try (Repository source = new org.eclipse.jgit.internal.storage.file.FileRepository(fork.toFile())) {
      var delete = source.getRefDatabase().newUpdate("refs/heads/upstream-only", false);
      delete.setForceUpdate(true);
      assertThat(delete.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
    }
    migrate(upstream);

    migrate(fork);

    try (Repository ours = repositories.open(RepositoryName.parse("fork")).orElseThrow();
        Repository theirs = new org.eclipse.jgit.internal.storage.file.FileRepository(fork.toFile())) {
      assertThat(names(ours)).isEqualTo(names(theirs)).doesNotContain("refs/heads/upstream-only");
    }
  }

  @Test
  void run_forkEqualToUpstream_transfersNothingAndVerifies() throws Exception {
    Path upstream = upstream();
    Path fork = fork(upstream, "mirror", 0);
    migrate(upstream);
    long afterUpstream = uniqueChunkBytes();

    RepositoryResult result = migrate(fork);

    assertThat(result.verify()).contains("refs+objects").contains("twins");
    assertThat(uniqueChunkBytes() - afterUpstream).isLessThan(afterUpstream / 20);
  }

  private static List<String> names(Repository repository) throws IOException {
    return repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS).stream().map(r -> r.getName()).sorted().toList();
  }
}
