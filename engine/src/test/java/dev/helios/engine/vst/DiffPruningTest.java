package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.internal.DiffWalker;
import dev.helios.engine.vst.internal.DirRef;
import dev.helios.engine.vst.internal.NodeStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DiffPruningTest {
  /** Delegates to a store and counts the chunks read. */
  static final class CountingChunkStore implements ChunkStore {
    private final ChunkStore delegate;
    final AtomicInteger reads = new AtomicInteger();

    CountingChunkStore(ChunkStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Hash put(byte[] data) throws IOException {
      return delegate.put(data);
    }

    @Override
    public void write(ChunkBatch batch) throws IOException {
      delegate.write(batch);
    }

    @Override
    public Optional<byte[]> get(Hash hash) throws IOException {
      reads.incrementAndGet();
      return delegate.get(hash);
    }

    @Override
    public boolean contains(Hash hash) throws IOException {
      return delegate.contains(hash);
    }

    @Override
    public long sizeOf(Hash hash) throws IOException {
      return delegate.sizeOf(hash);
    }

    @Override
    public void forEachHash(Consumer<Hash> action) throws IOException {
      delegate.forEachHash(action);
    }

    @Override
    public void delete(Collection<Hash> hashes) throws IOException {
      delegate.delete(hashes);
    }

    @Override
    public Stats stats() {
      return delegate.stats();
    }

    @Override
    public void close() {}
  }

  @Test
  void diff_oneFileChangedInANestedTree_readsOnlyThatPath() throws IOException {
    try (Storage storage = Storage.inMemory();
        Workspace ws = storage.workspaces().create("w")) {
      // 3000 files, three levels deep, 30 to a directory.
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 10; j++) {
          for (int k = 0; k < 30; k++) {
            ws.write("d" + i + "/e" + j + "/f" + k, bytes(i + "." + j + "." + k));
          }
        }
      }
      Hash before = ws.commit("many");
      ws.write("d4/e7/f12", bytes("changed"));
      Hash after = ws.commit("one change");

      CountingChunkStore counting = new CountingChunkStore(storage.chunks());
      List<Change> changes = diff(storage, before, after, counting);

      assertThat(changes).extracting(Change::path).containsExactly("d4/e7/f12");
      assertThat(changes).isEqualTo(storage.workspaces().diff(before, after));
      int depth = 3; // root, d4, d4/e7
      assertThat(counting.reads.get()).isLessThanOrEqualTo(2 * depth + 2);
    }
  }

  @Test
  void diff_oneFileChangedInAShardedDirectory_readsOnlyItsShardPath() throws IOException {
    try (Storage storage = Storage.inMemory();
        Workspace ws = storage.workspaces().create("w")) {
      for (int i = 0; i < 4000; i++) {
        ws.write("big/f" + i, bytes("x"));
      }
      Hash before = ws.commit("many");
      ws.write("big/f1234", bytes("changed"));
      Hash after = ws.commit("one change");

      CountingChunkStore counting = new CountingChunkStore(storage.chunks());
      List<Change> changes = diff(storage, before, after, counting);

      assertThat(changes).extracting(Change::path).containsExactly("big/f1234");
      // root, then big's levels: 4000 entries are two shard levels and a leaf.
      int depth = 4;
      assertThat(counting.reads.get()).isLessThanOrEqualTo(2 * depth + 2);
    }
  }

  private static List<Change> diff(Storage storage, Hash before, Hash after, ChunkStore counting)
      throws IOException {
    Workspaces workspaces = storage.workspaces();
    Hash from = workspaces.snapshot(before).root();
    Hash to = workspaces.snapshot(after).root();
    return DiffWalker.diff(DirRef.stored(from, 0), DirRef.stored(to, 0), new NodeStore(counting));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
