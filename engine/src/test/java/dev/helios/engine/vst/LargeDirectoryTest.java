package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.internal.Dir;
import dev.helios.engine.vst.internal.Directories;
import dev.helios.engine.vst.internal.Entry;
import dev.helios.engine.vst.internal.LeafDir;
import dev.helios.engine.vst.internal.NodeSource;
import dev.helios.engine.vst.internal.NodeStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One directory of 100,000 files: commits cost O(depth), listing is sorted, shrinking collapses. */
@Tag("slow")
class LargeDirectoryTest {
  private static final int FILES = 100_000;

  @Test
  void hundredThousandFiles_commitListChangeAndShrink() throws IOException {
    byte[] content = bytes("tiny");
    try (Storage storage = Storage.inMemory();
        Workspace ws = storage.workspaces().create("w")) {
      Workspaces workspaces = storage.workspaces();
      for (int i = 0; i < FILES; i++) {
        ws.write("big/" + name(i), content);
      }
      Hash first = ws.commit("100k");
      long chunksBefore = storage.chunks().stats().chunks();

      ws.write("big/" + name(4242), bytes("changed"));
      Hash second = ws.commit("one change");

      // New: the content, the leaf and the shard levels above it (three for 100k entries), the
      // root directory and the snapshot.
      assertThat(storage.chunks().stats().chunks() - chunksBefore).isLessThanOrEqualTo(7);
      assertThat(workspaces.diff(first, second)).extracting(Change::path)
          .containsExactly("big/" + name(4242));

      List<DirEntry> listed = workspaces.list(second, "big");
      assertThat(listed).hasSize(FILES);
      List<String> names = new ArrayList<>(listed.size());
      listed.forEach(e -> names.add(e.name()));
      assertThat(names).isSortedAccordingTo(VstPaths::compareNames);
      assertThat(names.get(0)).isEqualTo(name(0));
      assertThat(names.get(FILES - 1)).isEqualTo(name(FILES - 1));

      for (int i = Dir.MAX_LEAF; i < FILES; i++) {
        ws.delete("big/" + name(i));
      }
      Hash shrunk = ws.commit("back to one leaf");

      Hash bigNode = workspaces.stat(shrunk, "big").orElseThrow().hash();
      assertThat(new NodeStore(storage.chunks()).loadDir(bigNode, 0)).isInstanceOf(LeafDir.class);
      try (Workspace fresh = workspaces.create("fresh")) {
        for (int i = 0; i < Dir.MAX_LEAF; i++) {
          fresh.write("big/" + name(i), content);
        }
        assertThat(fresh.stat("big").orElseThrow().hash()).isEqualTo(bigNode);
      }
    }
  }

  @Test
  void directories_replaceOneEntryOfAnIncrementallyBuiltLargeDirectory_keepsTheCount()
      throws IOException {
    NodeSource inMemory =
        (address, depth) -> {
          throw new AssertionError("an in-memory tree needs no reads");
        };
    Hash tiny = Blake3.hash(bytes("tiny"));
    Dir dir = LeafDir.empty();
    for (int i = 0; i < FILES; i++) {
      dir = Directories.put(dir, Entry.leaf(name(i), EntryKind.FILE, tiny, 4), inMemory);
    }

    Dir replaced =
        Directories.put(
            dir, Entry.leaf(name(4242), EntryKind.FILE, Blake3.hash(new byte[] {2}), 1), inMemory);

    assertThat(replaced.count()).isEqualTo(FILES);
    assertThat(Directories.sorted(replaced, inMemory)).hasSize(FILES);
  }

  private static String name(int i) {
    return String.format("file-%06d", i);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
