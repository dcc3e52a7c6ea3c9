package dev.helios.git.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.storage.internal.CasRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.WantNotValidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SharedPacksTest {
  private static final RepositoryName UPSTREAM = RepositoryName.parse("net/upstream");
  private static final RepositoryName FORK = RepositoryName.parse("net/fork");

  @TempDir Path dir;

  private static RepositoryStore store(Storage storage) {
    return new RepositoryStore(
        storage,
        RepositoryStore.Options.builder()
            .autoGcPushThreshold(0)
            .garbageGrace(Duration.ZERO)
            .build());
  }

  /** The upstream: main at a commit, secret at a commit with a blob main does not reach. */
  private record Upstream(ObjectId main, ObjectId secret, ObjectId secretBlob) {}

  private static Upstream upstream(RepositoryStore store) throws IOException {
    try (Repository repository = store.create(UPSTREAM)) {
      ObjectId main = TestCommits.commit(repository, Map.of("a.txt", "shared history"), "first");
      ObjectId secret =
          TestCommits.commit(repository, Map.of("b.txt", "only upstream has this"), "secret", main);
      TestCommits.update(repository, "refs/heads/main", null, main);
      TestCommits.update(repository, "refs/heads/secret", null, secret);
      ObjectId blob;
      try (RevWalk walk = new RevWalk(repository);
          var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(
              repository, "b.txt", walk.parseCommit(secret).getTree())) {
        blob = tree.getObjectId(0);
      }
      return new Upstream(main, secret, blob);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sharePacksOf_emptyFork_forkReadsUpstreamObjectsButHasNoRefs(StorageKind kind)
      throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      Upstream up = upstream(store);
      store.create(FORK).close();

      int added = store.sharePacksOf(UPSTREAM, FORK);

      assertThat(added).isPositive();
      try (Repository fork = store.open(FORK).orElseThrow()) {
        assertThat(fork.getObjectDatabase().has(up.main())).isTrue();
        assertThat(fork.getObjectDatabase().has(up.secret())).isTrue();
        assertThat(fork.getRefDatabase().getRefsByPrefix(Constants.R_REFS)).isEmpty();
      }
    }
  }

  @Test
  void sharePacksOf_collectedUpstream_sharesObjectsButNotItsReftables() throws IOException {
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = store(storage)) {
      Upstream up = upstream(store);
      store.gc(UPSTREAM);
      store.create(FORK).close();

      store.sharePacksOf(UPSTREAM, FORK);

      try (Repository fork = store.open(FORK).orElseThrow()) {
        assertThat(fork.getObjectDatabase().has(up.secret())).isTrue();
        assertThat(fork.getRefDatabase().getRefsByPrefix(Constants.R_REFS)).isEmpty();
        assertThat(TestCommits.update(fork, "refs/heads/main", null, up.main()))
            .isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.NEW);
        assertThat(fork.getRefDatabase().getRefsByPrefix(Constants.R_REFS)).hasSize(1);
      }
      try (Repository upstream = store.open(UPSTREAM).orElseThrow()) {
        assertThat(upstream.getRefDatabase().getRefsByPrefix(Constants.R_REFS)).hasSize(2);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sharePacksOf_twice_secondAddsNothing(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      upstream(store);
      store.create(FORK).close();
      store.sharePacksOf(UPSTREAM, FORK);
      int before = packCount(store, FORK);

      int second = store.sharePacksOf(UPSTREAM, FORK);

      assertThat(second).isZero();
      assertThat(packCount(store, FORK)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sharePacksOf_forkWithOwnPacks_keepsThemAndAddsUpstreams(StorageKind kind)
      throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      Upstream up = upstream(store);
      ObjectId own;
      try (Repository fork = store.create(FORK)) {
        own = TestCommits.commit(fork, Map.of("c.txt", "fork work"), "fork", new ObjectId[0]);
      }
      int before = packCount(store, FORK);

      int added = store.sharePacksOf(UPSTREAM, FORK);

      assertThat(packCount(store, FORK)).isEqualTo(before + added);
      try (Repository fork = store.open(FORK).orElseThrow()) {
        assertThat(fork.getObjectDatabase().has(own)).isTrue();
        assertThat(fork.getObjectDatabase().has(up.main())).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sweepChunks_upstreamDeletedWhileForkSharesItsPacks_keepsSharedChunks(StorageKind kind)
      throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      Upstream up = upstream(store);
      store.create(FORK).close();
      store.sharePacksOf(UPSTREAM, FORK);

      store.delete(UPSTREAM);
      store.sweepChunks();

      List<Hash> referenced = new ArrayList<>();
      try (Repository fork = store.open(FORK).orElseThrow()) {
        ((CasRepository) fork).forEachReferencedChunk(referenced::add, storage.chunks());
        assertThat(referenced).isNotEmpty();
        for (Hash hash : referenced) {
          assertThat(storage.chunks().contains(hash)).as("chunk %s", hash).isTrue();
        }
        try (ObjectReader reader = fork.newObjectReader()) {
          assertThat(reader.open(up.secretBlob()).getBytes()).asString().isEqualTo("only upstream has this");
        }
      }
    }
  }

  @Test
  void sharePacksOf_unknownRepository_throwsNotFound() throws IOException {
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = store(storage)) {
      store.create(FORK).close();

      assertThatThrownBy(() -> store.sharePacksOf(UPSTREAM, FORK))
          .isInstanceOf(RepositoryNotFoundException.class);
      assertThatThrownBy(() -> store.sharePacksOf(FORK, UPSTREAM))
          .isInstanceOf(RepositoryNotFoundException.class);
    }
  }

  @Test
  void sharePacksOf_sameRepository_throwsIllegalArgument() throws IOException {
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = store(storage)) {
      store.create(FORK).close();

      assertThatThrownBy(() -> store.sharePacksOf(FORK, FORK))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("net/fork");
    }
  }

  @Test
  void uploadPackValidator_wantOfSharedObjectForkDoesNotReach_isRefused() throws Exception {
    try (Storage storage = Storage.inMemory();
        RepositoryStore store = store(storage)) {
      Upstream up = upstream(store);
      store.create(FORK).close();
      store.sharePacksOf(UPSTREAM, FORK);
      try (Repository fork = store.open(FORK).orElseThrow()) {
        TestCommits.update(fork, "refs/heads/main", null, up.main());
        UploadPack.RequestValidator validator = serverValidator();

        assertThatThrownBy(() -> validator.checkWants(new UploadPack(fork), List.of(up.secret())))
            .isInstanceOf(WantNotValidException.class);
        assertThatThrownBy(() -> validator.checkWants(new UploadPack(fork), List.of(up.secretBlob())))
            .isInstanceOf(WantNotValidException.class);
        assertThatCode(() -> validator.checkWants(new UploadPack(fork), List.of(up.main())))
            .doesNotThrowAnyException();
      }
    }
  }

  /**
   * The request validator the server gives upload-pack; package-private in the server's
   * internal package, so reached by reflection rather than copied.
   */
  private static UploadPack.RequestValidator serverValidator() throws ReflectiveOperationException {
    var constructor =
        Class.forName("dev.helios.git.server.internal.ReachableWantValidator").getDeclaredConstructor();
    constructor.setAccessible(true);
    return (UploadPack.RequestValidator) constructor.newInstance();
  }

  private static int packCount(RepositoryStore store, RepositoryName name) throws IOException {
    try (Repository repository = store.open(name).orElseThrow()) {
      return ((CasRepository) repository).packSummary().count();
    }
  }
}
