package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.gc.SweepResult;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collector keeps what workspaces reach and deletes what only a deleted one reached. */
class WorkspaceGcTest {
  @Test
  void sweep_keepsEveryBranchSavedTreeAndOpenWorkspace_andDeletesTheDeletedOnesChunks()
      throws IOException {
    byte[] bigGone = new byte[(1 << 20) + 100_000];
    new Random(11).nextBytes(bigGone);
    byte[] bigKept = new byte[(1 << 20) + 100_000];
    new Random(12).nextBytes(bigKept);
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      assertThat(storage.collector().registered()).contains(Storage.WORKSPACE_ROOTS);
      Hash oldMain;
      Hash dev;
      try (Workspace ws = workspaces.create("kept")) {
        ws.write("history/only", bytes("in the first snapshot only"));
        oldMain = ws.commit("one");
        ws.delete("history/only");
        ws.write("main/file", bytes("main"));
        ws.write("big", bigKept);
        ws.commit("two");
        ws.branch("dev");
        ws.write("dev/file", bytes("dev"));
        dev = ws.commit("dev");
        ws.checkout("main");
      }
      try (Workspace saved = workspaces.create("saved")) {
        saved.write("saved/file", bytes("saved only"));
        saved.save();
      }
      Workspace open = workspaces.create("open");
      open.write("open/file", bytes("open, committed"));
      open.commit("one");
      open.write("open/file", bytes("open, uncommitted"));
      try (Workspace gone = workspaces.create("gone")) {
        gone.write("gone/file", bytes("only the deleted workspace has this"));
        gone.write("gone/big", bigGone);
        gone.write("main/file", bytes("main"));
        gone.commit("gone");
      }
      workspaces.delete("gone");
      long before = storage.chunks().stats().chunks();

      SweepResult result = storage.collector().sweep();

      assertThat(result.chunksDeleted()).isPositive();
      assertThat(storage.chunks().stats().chunks()).isEqualTo(before - result.chunksDeleted());
      assertThat(storage.chunks().contains(Blake3.hash(bytes("only the deleted workspace has this"))))
          .isFalse();
      assertThat(storage.chunks().contains(Blake3.hash(bytes("main")))).isTrue();
      try (Workspace ws = workspaces.open("kept")) {
        assertThat(ws.read("main/file")).isEqualTo(bytes("main"));
        assertThat(ws.read("big")).isEqualTo(bigKept);
        assertThat(workspaces.read(dev, "dev/file")).isEqualTo(bytes("dev"));
        assertThat(workspaces.read(oldMain, "history/only")).isEqualTo(bytes("in the first snapshot only"));
      }
      try (Workspace saved = workspaces.open("saved")) {
        assertThat(saved.read("saved/file")).isEqualTo(bytes("saved only"));
      }
      assertThat(open.read("open/file")).isEqualTo(bytes("open, uncommitted"));
      assertThat(workspaces.read(open.head().orElseThrow(), "open/file"))
          .isEqualTo(bytes("open, committed"));
      open.commit("two");
      try (Workspace reopened = workspaces.open("open")) {
        assertThat(reopened.read("open/file")).isEqualTo(bytes("open, uncommitted"));
      }
      open.close();
      storage.collector().sweep();
      try (Workspace reopened = workspaces.open("open")) {
        assertThat(reopened.read("open/file")).isEqualTo(bytes("open, uncommitted"));
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
