package dev.helios.git.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryExistsException;
import dev.helios.git.errors.RepositoryNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepositoryStoreTest {
  private static final RepositoryName APP = RepositoryName.parse("team/app");

  @TempDir Path dir;

  private static RepositoryStore store(Storage storage) {
    return new RepositoryStore(storage, RepositoryStore.Options.defaults());
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void create_newName_headIsSymbolicToDefaultBranch(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {

      try (Repository repository = store.create(APP)) {

        Ref head = repository.exactRef(Constants.HEAD);
        assertThat(head.isSymbolic()).isTrue();
        assertThat(head.getTarget().getName()).isEqualTo("refs/heads/main");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void create_existingName_throwsRepositoryExists(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      store.create(APP).close();

      assertThatThrownBy(() -> store.create(APP))
          .isInstanceOf(RepositoryExistsException.class)
          .hasMessageContaining("team/app");
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void open_unknownName_returnsEmpty(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {

      assertThat(store.open(RepositoryName.parse("nope"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void open_twice_returnsTheSameInstance(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      store.create(APP).close();

      try (Repository a = store.open(APP).orElseThrow();
          Repository b = store.open(APP).orElseThrow()) {

        assertThat(a).isSameAs(b);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void list_severalRepositories_sortedByNameWithHeadAndPacks(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      for (String name : List.of("zeta", "alpha", "team/app")) {
        store.create(RepositoryName.parse(name)).close();
      }
      try (Repository repository = store.open(APP).orElseThrow()) {
        ObjectId commit = TestCommits.commit(repository, Map.of("a.txt", "a"), "one");
        TestCommits.update(repository, "refs/heads/main", null, commit);
      }

      List<RepositoryInfo> infos = store.list();

      assertThat(infos)
          .extracting(info -> info.name().value())
          .containsExactly("alpha", "team/app", "zeta");
      RepositoryInfo app = infos.get(1);
      assertThat(app.head()).isEqualTo("refs/heads/main");
      assertThat(app.packCount()).isGreaterThanOrEqualTo(2);
      assertThat(app.packBytes()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void delete_existing_removesItAndAllowsANewOne(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      try (Repository repository = store.create(APP)) {
        TestCommits.update(
            repository, "refs/heads/main", null, TestCommits.commit(repository, Map.of("a", "1"), "m"));
      }

      assertThat(store.delete(APP)).isTrue();

      assertThat(store.delete(APP)).isFalse();
      assertThat(store.open(APP)).isEmpty();
      assertThat(store.list()).isEmpty();
      try (Repository again = store.create(APP)) {
        assertThat(again.exactRef("refs/heads/main")).isNull();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void gc_unknownName_throwsRepositoryNotFound(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {

      assertThatThrownBy(() -> store.gc(APP)).isInstanceOf(RepositoryNotFoundException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void commit_readBackWithRevWalk_findsHistoryAndContent(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {
      ObjectId first = TestCommits.commit(repository, Map.of("a.txt", "hello"), "first");
      ObjectId second = TestCommits.commit(repository, Map.of("a.txt", "world"), "second", first);

      assertThat(TestCommits.update(repository, "refs/heads/main", null, second))
          .isEqualTo(RefUpdate.Result.NEW);

      try (RevWalk walk = new RevWalk(repository)) {
        walk.markStart(walk.parseCommit(repository.resolve("HEAD")));
        assertThat(walk).extracting(RevCommit::getShortMessage).containsExactly("second", "first");
      }
      ObjectLoader blob =
          repository.open(repository.resolve("main:a.txt"), Constants.OBJ_BLOB);
      assertThat(new String(blob.getBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("world");
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void refUpdate_staleExpectedValue_isRejected(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {
      ObjectId a = TestCommits.commit(repository, Map.of("f", "a"), "a");
      ObjectId b = TestCommits.commit(repository, Map.of("f", "b"), "b");
      TestCommits.update(repository, "refs/heads/main", null, a);

      RefUpdate.Result result = TestCommits.update(repository, "refs/heads/main", b, b);

      assertThat(result).isEqualTo(RefUpdate.Result.LOCK_FAILURE);
      assertThat(repository.exactRef("refs/heads/main").getObjectId()).isEqualTo(a);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void batchRefUpdate_atomicWithOneFailingCommand_movesNothing(StorageKind kind)
      throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {
      ObjectId a = TestCommits.commit(repository, Map.of("f", "a"), "a");
      ObjectId b = TestCommits.commit(repository, Map.of("f", "b"), "b");
      TestCommits.update(repository, "refs/heads/main", null, a);
      TestCommits.update(repository, "refs/heads/dev", null, a);
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate().setAtomic(true);
      batch.addCommand(new ReceiveCommand(a, b, "refs/heads/main"));
      batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), b, "refs/heads/feature"));
      batch.addCommand(new ReceiveCommand(b, b, "refs/heads/dev")); // stale: dev is at a

      try (RevWalk walk = new RevWalk(repository)) {
        batch.execute(walk, NullProgressMonitor.INSTANCE);
      }

      assertThat(batch.getCommands())
          .extracting(ReceiveCommand::getResult)
          .doesNotContain(ReceiveCommand.Result.OK);
      assertThat(repository.exactRef("refs/heads/main").getObjectId()).isEqualTo(a);
      assertThat(repository.exactRef("refs/heads/dev").getObjectId()).isEqualTo(a);
      assertThat(repository.exactRef("refs/heads/feature")).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void batchRefUpdate_atomicAllValid_movesEveryRef(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {
      ObjectId a = TestCommits.commit(repository, Map.of("f", "a"), "a");
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate().setAtomic(true);
      batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), a, "refs/heads/main"));
      batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), a, "refs/tags/v1"));

      try (RevWalk walk = new RevWalk(repository)) {
        batch.execute(walk, NullProgressMonitor.INSTANCE);
      }

      assertThat(batch.getCommands())
          .extracting(ReceiveCommand::getResult)
          .containsOnly(ReceiveCommand.Result.OK);
      assertThat(repository.exactRef("refs/tags/v1").getObjectId()).isEqualTo(a);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void config_saved_isSeenAfterTheStoreReopens(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir)) {
      try (RepositoryStore store = store(storage);
          Repository repository = store.create(APP)) {
        StoredConfig config = repository.getConfig();
        config.setStringList(
            "helios", null, "protectedBranch", List.of("refs/heads/main", "refs/heads/release"));
        config.setLong("receive", null, "maxPackBytes", 1_000_000);
        config.save();
      }

      try (RepositoryStore store = store(storage);
          Repository repository = store.open(APP).orElseThrow()) {

        assertThat(repository.getConfig().getStringList("helios", null, "protectedBranch"))
            .containsExactly("refs/heads/main", "refs/heads/release");
        assertThat(repository.getConfig().getLong("receive", null, "maxPackBytes", 0))
            .isEqualTo(1_000_000);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void close_storageReopened_objectsRefsAndHeadSurvive() throws IOException {
    ObjectId tip;
    try (Storage storage = StorageKind.ROCKSDB.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {
      ObjectId first = TestCommits.commit(repository, Map.of("a.txt", "1"), "first");
      tip = TestCommits.commit(repository, Map.of("a.txt", "2", "b.txt", "3"), "second", first);
      TestCommits.update(repository, "refs/heads/main", null, tip);
      TestCommits.update(repository, "refs/tags/v1", null, first);
    }

    try (Storage storage = StorageKind.ROCKSDB.open(dir);
        RepositoryStore store = store(storage)) {
      Optional<Repository> reopened = store.open(APP);

      assertThat(reopened).isPresent();
      try (Repository repository = reopened.get(); RevWalk walk = new RevWalk(repository)) {
        assertThat(repository.resolve("HEAD")).isEqualTo(tip);
        walk.markStart(walk.parseCommit(tip));
        assertThat(walk).hasSize(2);
        assertThat(repository.exactRef("refs/tags/v1")).isNotNull();
        assertThat(repository.resolve("main:b.txt")).isNotNull();
      }
    }
  }
}
