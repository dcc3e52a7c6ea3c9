package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Workspaces on RocksDB: what was committed or saved is there after a reopen. */
class WorkspacePersistenceTest {
  @TempDir Path dir;

  private Storage open() throws IOException {
    return Storage.open(
        StorageOptions.builder(dir.resolve("data"))
            .blockCacheBytes(4L << 20)
            .writeBufferBytes(2L << 20)
            .build(),
        CacheOptions.defaults());
  }

  @ParameterizedTest
  @EnumSource(SyncPolicy.class)
  void commit_withEachDurability_isReadableAfterReopen(SyncPolicy policy) throws IOException {
    byte[] big = new byte[(1 << 20) + 4096];
    new Random(3).nextBytes(big);
    Hash id;
    try (Storage storage = open();
        Workspace ws = storage.workspaces().create("w")) {
      ws.durability(policy);
      ws.write("a/b.txt", bytes("hello"));
      ws.write("big.bin", big);
      ws.writeGitlink("sub", new byte[20]);
      ws.commit("one");
      ws.write("a/b.txt", bytes("again"));
      id = ws.commit("two");
    }

    try (Storage storage = open();
        Workspace ws = storage.workspaces().open("w")) {
      assertThat(ws.head()).contains(id);
      assertThat(ws.read("a/b.txt")).isEqualTo(bytes("again"));
      assertThat(ws.read("big.bin")).isEqualTo(big);
      assertThat(storage.workspaces().log(id, 10)).hasSize(2);
      assertThat(storage.workspaces().read(storage.workspaces().log(id, 10).get(1).id(), "a/b.txt"))
          .isEqualTo(bytes("hello"));
    }
  }

  @Test
  void groupCommits_fromSeveralThreads_areAllThereAfterReopen() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Hash> heads = new ArrayList<>();
    try (Storage storage = open()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Hash>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "w" + t;
        results.add(
            pool.submit(
                () -> {
                  try (Workspace ws = storage.workspaces().create(name)) {
                    ws.durability(SyncPolicy.GROUP);
                    start.await();
                    Hash last = null;
                    for (int c = 0; c < 5; c++) {
                      ws.write("f" + c, bytes(name + c));
                      last = ws.commit("c" + c);
                    }
                    return last;
                  }
                }));
      }
      start.countDown();
      for (Future<Hash> f : results) {
        heads.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    try (Storage storage = open()) {
      for (int t = 0; t < threads; t++) {
        assertThat(storage.workspaces().ref("w" + t, "main")).contains(heads.get(t));
        for (int c = 0; c < 5; c++) {
          assertThat(storage.workspaces().read(heads.get(t), "f" + c)).isEqualTo(bytes("w" + t + c));
        }
      }
    }
  }

  @Test
  void save_withoutCommit_reopensWithTheChanges() throws IOException {
    Hash head;
    try (Storage storage = open();
        Workspace ws = storage.workspaces().create("w")) {
      ws.write("committed", bytes("1"));
      head = ws.commit("one");
      ws.write("saved/file", bytes("2"));
      ws.delete("committed");
      ws.durability(SyncPolicy.FSYNC);
      ws.save();
    }

    try (Storage storage = open();
        Workspace ws = storage.workspaces().open("w")) {
      assertThat(ws.head()).contains(head);
      assertThat(ws.read("saved/file")).isEqualTo(bytes("2"));
      assertThat(ws.stat("committed")).isEmpty();
      assertThat(ws.diff()).extracting(Change::path).containsExactly("committed", "saved", "saved/file");
      assertThat(storage.workspaces().info("w").orElseThrow().hasSavedChanges()).isTrue();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
