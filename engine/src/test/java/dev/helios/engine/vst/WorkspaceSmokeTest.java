package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkspaceSmokeTest {
  @Test
  void commit_thenReopen_readsWhatWasWritten() throws Exception {
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = new Workspaces(storage);
      Hash first;
      try (Workspace ws = workspaces.create("w")) {
        ws.write("a/b/c.txt", bytes("hello"));
        ws.write("top", bytes("x"));
        first = ws.commit("one");
        ws.write("a/b/c.txt", bytes("changed"));
        for (int i = 0; i < 200; i++) {
          ws.write("big/f" + i, bytes("n" + i));
        }
        Hash second = ws.commit("two");
        assertThat(workspaces.diff(first, second)).hasSize(1 + 1 + 200);
        ws.restore(first);
        assertThat(new String(ws.read("a/b/c.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(ws.stat("big")).isEmpty();
      }
      try (Workspace again = workspaces.open("w")) {
        assertThat(new String(again.read("a/b/c.txt"), StandardCharsets.UTF_8)).isEqualTo("changed");
        assertThat(again.list("big")).hasSize(200);
        assertThat(again.delete("big/f7")).isTrue();
        assertThat(again.list("big")).hasSize(199);
        assertThatThrownBy(() -> again.read("big/f7")).isInstanceOf(java.nio.file.NoSuchFileException.class);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
