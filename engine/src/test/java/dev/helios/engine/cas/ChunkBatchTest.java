package dev.helios.engine.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkBatchTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void addWithHash_computedHash_isStoredUnderIt() throws Exception {
    byte[] data = bytes("precomputed");
    Hash hash = Blake3.hash(data);
    ChunkBatch batch = new ChunkBatch();

    assertThat(batch.add(hash, data)).isEqualTo(hash);

    try (ChunkStore store = ChunkStores.inMemory()) {
      store.write(batch);
      assertThat(store.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
    }
  }

  @Test
  void addWithHash_sameChunkTwice_countsOnce() {
    byte[] data = bytes("twice");
    ChunkBatch batch = new ChunkBatch();

    batch.add(data);
    batch.add(Blake3.hash(data), data);

    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.bytes()).isEqualTo(data.length);
    assertThat(batch.hashes()).containsExactly(Blake3.hash(data));
  }

  @Test
  void addWithHash_wrongHash_readFailsVerification() throws Exception {
    Hash wrong = Blake3.hash(bytes("other"));
    ChunkBatch batch = new ChunkBatch();
    batch.add(wrong, bytes("data"));

    try (ChunkStore store = ChunkStores.inMemory()) {
      store.write(batch);

      assertThatThrownBy(() -> store.get(wrong)).isInstanceOf(CorruptChunkException.class);
    }
  }

  @Test
  void addWithHash_null_throws() {
    ChunkBatch batch = new ChunkBatch();

    assertThatThrownBy(() -> batch.add(null, new byte[0])).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> batch.add(Blake3.hash(new byte[0]), null))
        .isInstanceOf(NullPointerException.class);
  }
}
