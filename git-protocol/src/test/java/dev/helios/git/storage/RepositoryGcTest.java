package dev.helios.git.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.transport.PackParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepositoryGcTest {
  private static final long SEED = 20261128L;
  private static final RepositoryName APP = RepositoryName.parse("app");
  private static final RepositoryName FORK = RepositoryName.parse("app-fork");

  @TempDir Path dir;

  private static RepositoryStore store(Storage storage) {
    return new RepositoryStore(
        storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).garbageGrace(java.time.Duration.ZERO).build());
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void packParser_packFromAnotherRepository_everyObjectReadable(StorageKind kind)
      throws IOException {
    byte[] pack;
    ObjectId tip;
    Set<ObjectId> expected;
    try (InMemoryRepository source = new InMemoryRepository(new DfsRepositoryDescription("src"))) {
      tip = history(source, new Random(SEED), 3, 128 << 10);
      expected = reachable(source, tip);
      pack = packOf(source, tip);
    }
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage);
        Repository repository = store.create(APP)) {

      try (ObjectInserter inserter = repository.newObjectInserter()) {
        PackParser parser = inserter.newPackParser(new ByteArrayInputStream(pack));
        parser.parse(NullProgressMonitor.INSTANCE);
        inserter.flush();
      }
      TestCommits.update(repository, "refs/heads/main", null, tip);

      assertThat(reachable(repository, tip)).isEqualTo(expected);
      for (ObjectId id : expected) {
        assertThat(repository.open(id).getSize()).as("seed %d, %s", SEED, id.name()).isNotNegative();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void gc_manyPacks_leavesOnePackAndEveryObject(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      ObjectId tip;
      Set<ObjectId> before;
      try (Repository repository = store.create(APP)) {
        tip = history(repository, new Random(SEED), 8, 16 << 10);
        before = reachable(repository, tip);
        // An unreachable commit: gc must drop it.
        TestCommits.commit(repository, Map.of("junk", "junk"), "unreachable");
      }
      assertThat(store.list().get(0).packCount()).isGreaterThan(8);

      GcResult result = store.gc(APP);

      assertThat(result.name()).isEqualTo(APP);
      assertThat(result.packsBefore()).isGreaterThan(8);
      assertThat(result.packsAfter()).isEqualTo(1);
      assertThat(store.list().get(0).packCount()).isEqualTo(1);
      try (Repository repository = store.open(APP).orElseThrow()) {
        assertThat(repository.resolve("refs/heads/main")).isEqualTo(tip);
        assertThat(repository.exactRef(Constants.HEAD).getTarget().getName())
            .isEqualTo("refs/heads/main");
        assertThat(reachable(repository, tip)).isEqualTo(before);
      }
      assertThat(store.gcAll()).extracting(GcResult::packsAfter).containsExactly(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sweepChunks_deletedRepository_freesItsChunksAndKeepsSharedOnes(StorageKind kind)
      throws IOException {
    byte[] pack;
    ObjectId tip;
    try (InMemoryRepository source = new InMemoryRepository(new DfsRepositoryDescription("src"))) {
      tip = history(source, new Random(SEED), 2, 128 << 10);
      pack = packOf(source, tip);
    }
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      for (RepositoryName name : List.of(APP, FORK)) {
        try (Repository repository = store.create(name)) {
          try (ObjectInserter inserter = repository.newObjectInserter()) {
            inserter.newPackParser(new ByteArrayInputStream(pack)).parse(NullProgressMonitor.INSTANCE);
            inserter.flush();
          }
          TestCommits.update(repository, "refs/heads/main", null, tip);
          // Something of its own, so the repository has chunks nobody shares.
          TestCommits.commit(repository, Map.of("own", name.value() + new Random(SEED).nextLong()), "own");
        }
      }
      store.sweepChunks(); // reftables compacted by ref updates left a little garbage
      assertThat(store.sweepChunks().chunksDeleted()).isZero();
      long chunksBefore = countChunks(storage);

      assertThat(store.delete(APP)).isTrue();
      SweepResult sweep = store.sweepChunks();

      assertThat(sweep.chunksDeleted()).isPositive();
      assertThat(sweep.bytesFreed()).isPositive();
      assertThat(countChunks(storage)).isEqualTo(chunksBefore - sweep.chunksDeleted());
      assertThat(store.sweepChunks().chunksDeleted()).isZero();
      try (Repository fork = store.open(FORK).orElseThrow()) {
        Set<ObjectId> objects = reachable(fork, tip);
        for (ObjectId id : objects) {
          assertThat(fork.open(id).getBytes(Integer.MAX_VALUE)).isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sweepChunks_afterGc_freesReplacedPacksAndKeepsObjects(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      ObjectId tip;
      try (Repository repository = store.create(APP)) {
        tip = history(repository, new Random(SEED), 4, 16 << 10);
      }
      store.gc(APP);

      SweepResult sweep = store.sweepChunks();

      assertThat(sweep.chunksDeleted()).isPositive();
      try (Repository repository = store.open(APP).orElseThrow()) {
        for (ObjectId id : reachable(repository, tip)) {
          assertThat(repository.open(id).getBytes(Integer.MAX_VALUE)).isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sweepChunks_afterGcWithinGrace_keepsReplacedPacksForOldReaders(StorageKind kind)
      throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store =
            new RepositoryStore(
                storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build())) {
      try (Repository repository = store.create(APP)) {
        history(repository, new Random(SEED), 4, 16 << 10);
      }
      store.sweepChunks();
      long before = countChunks(storage);

      store.gc(APP);
      SweepResult sweep = store.sweepChunks();

      assertThat(sweep.chunksDeleted()).isZero();
      assertThat(countChunks(storage)).isGreaterThan(before);
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void sweepChunks_chunkOfAnotherRegisteredUser_survives(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir);
        RepositoryStore store = store(storage)) {
      try (Repository repository = store.create(APP)) {
        history(repository, new Random(SEED), 2, 4 << 10);
      }
      Hash other = storage.chunks().put("a chunk no repository refers to".getBytes(UTF_8));
      Hash orphan = storage.chunks().put("a chunk nobody refers to".getBytes(UTF_8));
      storage.collector().register("other", action -> action.accept(other));

      store.sweepChunks();

      assertThat(storage.chunks().contains(other)).isTrue();
      assertThat(storage.chunks().contains(orphan)).isFalse();
      assertThat(storage.collector().registered())
          .contains(RepositoryStore.ROOT_SET, "other");
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void collectorSweep_afterStoreClosed_keepsRepositoryChunks(StorageKind kind) throws IOException {
    try (Storage storage = kind.open(dir)) {
      ObjectId tip;
      try (RepositoryStore store = store(storage)) {
        try (Repository repository = store.create(APP)) {
          tip = history(repository, new Random(SEED), 3, 4 << 10);
        }
        store.sweepChunks();
      }
      long before = countChunks(storage);

      assertThat(storage.collector().sweep().chunksDeleted()).isZero();

      assertThat(countChunks(storage)).isEqualTo(before);
      try (RepositoryStore store = store(storage);
          Repository repository = store.open(APP).orElseThrow()) {
        for (ObjectId id : reachable(repository, tip)) {
          assertThat(repository.open(id).getBytes(Integer.MAX_VALUE)).isNotNull();
        }
      }
    }
  }

  static long countChunks(Storage storage) throws IOException {
    long[] count = new long[1];
    storage.chunks().forEachHash(hash -> count[0]++);
    return count[0];
  }

  /**
   * Writes {@code commits} commits, each flushed on its own (one pack each) and moved onto
   * refs/heads/main, with a random file of {@code fileBytes} and a slowly changing text file (so
   * the packs have deltas). Returns the tip.
   */
  static ObjectId history(Repository repository, Random random, int commits, int fileBytes)
      throws IOException {
    ObjectId tip = null;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < commits; i++) {
      byte[] bytes = new byte[fileBytes];
      random.nextBytes(bytes);
      for (int line = 0; line < 200; line++) {
        text.append("line ").append(random.nextInt(1000)).append('\n');
      }
      Map<String, String> files = new LinkedHashMap<>();
      files.put("notes.txt", text.toString());
      files.put("data-" + i + ".bin", java.util.Base64.getEncoder().encodeToString(bytes));
      ObjectId next =
          tip == null
              ? TestCommits.commit(repository, files, "commit " + i)
              : TestCommits.commit(repository, files, "commit " + i, tip);
      TestCommits.update(repository, "refs/heads/main", tip, next);
      tip = next;
    }
    return tip;
  }

  static byte[] packOf(Repository repository, ObjectId tip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PackWriter writer = new PackWriter(repository)) {
      writer.preparePack(NullProgressMonitor.INSTANCE, Set.of(tip), Set.of());
      writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
    }
    return out.toByteArray();
  }

  static Set<ObjectId> reachable(Repository repository, ObjectId tip) throws IOException {
    Set<ObjectId> ids = new HashSet<>();
    try (ObjectWalk walk = new ObjectWalk(repository)) {
      walk.markStart(walk.parseAny(tip));
      List<RevObject> seen = new ArrayList<>();
      for (RevObject o = walk.next(); o != null; o = walk.next()) {
        seen.add(o);
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        seen.add(o);
      }
      for (RevObject o : seen) {
        ids.add(o.copy());
      }
    }
    return ids;
  }
}
