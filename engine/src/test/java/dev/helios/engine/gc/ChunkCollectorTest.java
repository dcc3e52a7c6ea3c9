package dev.helios.engine.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileWriter;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkCollectorTest {
  private final ChunkStore chunks = ChunkStores.inMemory();
  private final ChunkCollector collector = new ChunkCollector(chunks);

  @AfterEach
  void close() throws IOException {
    chunks.close();
  }

  private Hash put(String s) throws IOException {
    return chunks.put(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sweep_noRoots_deletesEverything() throws IOException {
    put("a");
    Hash b = put("bb");

    SweepResult result = collector.sweep();

    assertThat(result).isEqualTo(new SweepResult(2, 3));
    assertThat(chunks.contains(b)).isFalse();
  }

  @Test
  void sweep_chunkReachableOnlyFromSecondRootSet_survivesUntilUnregistered() throws IOException {
    Hash first = put("first");
    Hash second = put("second");
    collector.register("repositories", action -> action.accept(first));
    collector.register("workspaces", action -> action.accept(second));

    assertThat(collector.sweep().chunksDeleted()).isZero();
    assertThat(chunks.contains(second)).isTrue();

    assertThat(collector.unregister("workspaces")).isTrue();
    SweepResult result = collector.sweep();

    assertThat(result.chunksDeleted()).isEqualTo(1);
    assertThat(chunks.contains(second)).isFalse();
    assertThat(chunks.contains(first)).isTrue();
  }

  @Test
  void registrationClose_unregisters_butNotAReplacement() throws IOException {
    Hash kept = put("kept");
    ChunkCollector.Registration old = collector.register("roots", action -> {});
    collector.register("roots", action -> action.accept(kept));

    old.close();

    assertThat(collector.registered()).containsExactly("roots");
    assertThat(collector.sweep().chunksDeleted()).isZero();
    assertThat(chunks.contains(kept)).isTrue();
  }

  @Test
  void register_emptyName_throws() {
    assertThatThrownBy(() -> collector.register("", action -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sweep_rootsFail_deletesNothing() throws IOException {
    Hash chunk = put("chunk");
    collector.register(
        "broken",
        action -> {
          throw new IOException("cannot read roots");
        });

    assertThatThrownBy(collector::sweep).isInstanceOf(IOException.class);
    assertThat(chunks.contains(chunk)).isTrue();
  }

  @Test
  void sweep_liveSetPending_keepsItsChunksUntilRetired() throws IOException {
    Set<Hash> pending = collector.newLiveSet();
    Hash written = collector.trackingStore(pending).put("pending".getBytes(StandardCharsets.UTF_8));

    assertThat(collector.sweep().chunksDeleted()).isZero();
    assertThat(collector.tracker().livePending()).containsExactly(written);

    collector.retire(pending);

    assertThat(collector.sweep().chunksDeleted()).isEqualTo(1);
    assertThat(chunks.contains(written)).isFalse();
  }

  @Test
  void sweep_writeCommittedWhileMarking_keepsItsChunks() throws IOException {
    AtomicReference<Hash> written = new AtomicReference<>();
    collector.register(
        "late",
        action -> {
          // A writer that writes and retires its live set after the sweep began: the root that
          // now refers to its chunk was not seen by this walk.
          Set<Hash> pending = collector.newLiveSet();
          written.set(collector.trackingStore(pending).put("late".getBytes(StandardCharsets.UTF_8)));
          collector.retire(pending);
        });

    collector.sweep();

    assertThat(chunks.contains(written.get())).isTrue();
  }

  @Test
  void sweep_protectedWriteDuringMarking_keepsItsChunks() throws IOException {
    byte[] data = "protected".getBytes(StandardCharsets.UTF_8);
    AtomicReference<Hash> written = new AtomicReference<>();
    collector.register(
        "late",
        action -> {
          Hash hash = Blake3.hash(data);
          written.set(collector.protect(List.of(hash), () -> chunks.put(data)));
        });

    collector.sweep();

    assertThat(chunks.contains(written.get())).isTrue();
    assertThat(collector.tracker().livePending()).isEmpty();
  }

  @Test
  void sweep_rootSetRegisteredWhileMarking_isHonoured() throws IOException {
    Hash existing = put("existing");
    collector.register(
        "first",
        action -> {
          if (!collector.registered().contains("second")) {
            collector.register("second", inner -> inner.accept(existing));
          }
        });

    collector.sweep();

    assertThat(chunks.contains(existing)).isTrue();
  }

  @Test
  void retain_keepsFilesForThePeriod_zeroKeepsNothing() throws IOException {
    ChunkedFile kept = ChunkedFileWriter.write(chunks, "retained file".getBytes(StandardCharsets.UTF_8));
    ChunkedFile dropped = ChunkedFileWriter.write(chunks, "dropped file".getBytes(StandardCharsets.UTF_8));

    collector.retain(List.of(kept), Duration.ofHours(1));
    collector.retain(List.of(dropped), Duration.ZERO);
    collector.sweep();

    assertThat(chunks.contains(kept.address())).isTrue();
    assertThat(chunks.contains(dropped.address())).isFalse();
  }

  @Test
  void sweep_concurrentCalls_runOneAtATime() throws Exception {
    put("x");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        collector.sweep();
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    });
    collector.register("slow", action -> {
      if (!other.isAlive() && other.getState() == Thread.State.NEW) {
        other.start();
      }
    });

    collector.sweep();
    other.join(10_000);

    assertThat(other.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
  }
}
