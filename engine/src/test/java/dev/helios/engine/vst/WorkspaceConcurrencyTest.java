package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkspaceConcurrencyTest {
  private static final int ROUNDS = 40;

  @Test
  void twoObjectsOfOneWorkspace_commitTogether_exactlyOneWinsEachRound() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      workspaces.create("w").close();
      try (Workspace first = workspaces.open("w");
          Workspace second = workspaces.open("w")) {
        Workspace[] both = {first, second};
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < 2; i++) {
            both[i].write("f" + i, bytes("round " + round + " by " + i));
          }
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Hash>> results = new ArrayList<>();
          for (Workspace ws : both) {
            results.add(pool.submit(commitAfter(start, ws, "round " + round)));
          }

          start.countDown();

          List<Integer> losers = new ArrayList<>();
          Hash winner = null;
          for (int i = 0; i < 2; i++) {
            try {
              winner = results.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
              assertThat(e.getCause()).as("round %d", round).isInstanceOf(CommitConflictException.class);
              losers.add(i);
            }
          }
          assertThat(losers).as("round %d", round).hasSize(1);
          Workspace loser = both[losers.get(0)];
          String loserFile = "f" + losers.get(0);
          byte[] loserContent = bytes("round " + round + " by " + losers.get(0));
          assertThat(workspaces.ref("w", "main")).contains(winner);
          // Nothing of the loser's commit was written: not its content, not its tree.
          assertThat(storage.chunks().contains(Blake3.hash(loserContent))).isFalse();
          assertThat(storage.chunks().contains(loser.root())).isFalse();
          // It keeps its changes, and after catching up commits them.
          assertThat(loser.read(loserFile)).isEqualTo(loserContent);
          assertThat(loser.diff()).extracting(Change::path).contains(loserFile);
          loser.checkout("main");
          assertThat(loser.head()).contains(winner);
          loser.write(loserFile, loserContent);
          Hash retried = loser.commit("retry " + round);
          assertThat(workspaces.snapshot(retried).parents()).containsExactly(winner);
          assertThat(workspaces.read(retried, loserFile)).isEqualTo(loserContent);
          both[1 - losers.get(0)].checkout("main");
        }
        assertThat(workspaces.log(workspaces.ref("w", "main").orElseThrow(), 1000)).hasSize(2 * ROUNDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyWorkspaces_committingInParallel_allSucceed() throws Exception {
    int threads = 4;
    int commits = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Hash>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "w" + t;
        results.add(
            pool.submit(
                () -> {
                  try (Workspace ws = workspaces.create(name)) {
                    start.await();
                    Hash last = null;
                    for (int c = 0; c < commits; c++) {
                      ws.write("shared/common", bytes("same everywhere"));
                      ws.write("own/" + c, bytes(name + " " + c));
                      last = ws.commit("commit " + c);
                    }
                    return last;
                  }
                }));
      }

      start.countDown();

      for (int t = 0; t < threads; t++) {
        Hash last = results.get(t).get();
        assertThat(workspaces.ref("w" + t, "main")).contains(last);
        assertThat(workspaces.log(last, 1000)).hasSize(commits);
        assertThat(workspaces.list(last, "own")).hasSize(commits);
        assertThat(workspaces.read(last, "own/7")).isEqualTo(bytes("w" + t + " 7"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Hash> commitAfter(CountDownLatch start, Workspace ws, String message) {
    return () -> {
      start.await();
      return ws.commit(message);
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
