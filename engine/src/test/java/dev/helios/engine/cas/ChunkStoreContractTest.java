package dev.helios.engine.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link ChunkStore} contract, checked on every implementation. */
class ChunkStoreContractTest {
  private static final long SEED = 0x5eed_c0deL;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void put_newChunk_getReturnsSameBytes(StoreKind kind) throws Exception {
    byte[] data = TestChunks.text(new Random(SEED), 5000);
    try (ChunkStore store = kind.open(dir)) {

      Hash hash = store.put(data);

      assertThat(hash).isEqualTo(Blake3.hash(data));
      assertThat(store.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
      assertThat(store.read(hash)).isEqualTo(data);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void put_emptyChunk_isStoredAndRead(StoreKind kind) throws Exception {
    try (ChunkStore store = kind.open(dir)) {

      Hash hash = store.put(new byte[0]);

      assertThat(store.read(hash)).isEmpty();
      assertThat(store.sizeOf(hash)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void put_sameBytesTwice_storesOnce(StoreKind kind) throws Exception {
    byte[] data = TestChunks.random(new Random(SEED), 3000);
    try (ChunkStore store = kind.open(dir)) {

      Hash first = store.put(data);
      Hash second = store.put(data.clone());

      assertThat(second).isEqualTo(first);
      assertThat(hashesOf(store)).containsExactly(first);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void get_absent_returnsEmpty(StoreKind kind) throws Exception {
    try (ChunkStore store = kind.open(dir)) {

      assertThat(store.get(Blake3.hash(new byte[] {1, 2, 3}))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void read_absent_throwsMissingChunkExceptionNamingHash(StoreKind kind) throws Exception {
    Hash absent = Blake3.hash(new byte[] {4, 5, 6});
    try (ChunkStore store = kind.open(dir)) {

      assertThatThrownBy(() -> store.read(absent))
          .isInstanceOf(MissingChunkException.class)
          .hasMessageContaining(absent.toHex());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void get_modifyReturnedArray_storeKeepsOriginal(StoreKind kind) throws Exception {
    byte[] data = TestChunks.text(new Random(SEED), 2000);
    try (ChunkStore store = kind.open(dir)) {
      Hash hash = store.put(data);
      byte[] first = store.read(hash);

      first[0] ^= 1;

      assertThat(store.read(hash)).isEqualTo(TestChunks.text(new Random(SEED), 2000));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void containsAndSizeOf_presentAndAbsent_answerWithoutReading(StoreKind kind) throws Exception {
    byte[] data = TestChunks.random(new Random(SEED), 12345);
    Hash absent = Blake3.hash(new byte[] {7});
    try (ChunkStore store = kind.open(dir)) {

      Hash hash = store.put(data);

      assertThat(store.contains(hash)).isTrue();
      assertThat(store.contains(absent)).isFalse();
      assertThat(store.sizeOf(hash)).isEqualTo(12345);
      assertThat(store.sizeOf(absent)).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void write_batch_everyChunkReadable(StoreKind kind) throws Exception {
    Random random = new Random(SEED);
    ChunkBatch batch = new ChunkBatch();
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] data = i % 2 == 0 ? TestChunks.text(random, 1 + random.nextInt(20_000)) : TestChunks.random(random, 1 + random.nextInt(20_000));
      chunks.add(data);
      batch.add(data);
    }
    try (ChunkStore store = kind.open(dir)) {

      store.write(batch);

      for (byte[] data : chunks) {
        assertThat(store.read(Blake3.hash(data))).as("seed %d", SEED).isEqualTo(data);
      }
      assertThat(hashesOf(store)).hasSize(40);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void write_batchOverlappingStoredChunks_addsOnlyNewOnes(StoreKind kind) throws Exception {
    Random random = new Random(SEED);
    byte[] old = TestChunks.random(random, 100);
    byte[] fresh = TestChunks.random(random, 100);
    ChunkBatch batch = new ChunkBatch();
    batch.add(old);
    batch.add(fresh);
    try (ChunkStore store = kind.open(dir)) {
      store.put(old);

      store.write(batch);

      assertThat(hashesOf(store)).containsExactlyInAnyOrder(Blake3.hash(old), Blake3.hash(fresh));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void write_emptyBatch_changesNothing(StoreKind kind) throws Exception {
    try (ChunkStore store = kind.open(dir)) {

      store.write(new ChunkBatch());

      assertThat(hashesOf(store)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void delete_someChunksAndAnAbsentOne_removesOnlyThose(StoreKind kind) throws Exception {
    Random random = new Random(SEED);
    try (ChunkStore store = kind.open(dir)) {
      Hash keep = store.put(TestChunks.random(random, 500));
      Hash drop1 = store.put(TestChunks.random(random, 500));
      Hash drop2 = store.put(TestChunks.text(random, 500));
      store.read(drop1); // so that the cached stores hold it in L1

      store.delete(List.of(drop1, drop2, Blake3.hash(new byte[] {9})));

      assertThat(hashesOf(store)).containsExactly(keep);
      assertThat(store.get(drop1)).isEmpty();
      assertThat(store.contains(drop2)).isFalse();
      assertThat(store.sizeOf(drop1)).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void forEachHash_manyChunks_visitsAllInUnsignedHashOrder(StoreKind kind) throws Exception {
    Random random = new Random(SEED);
    List<Hash> written = new ArrayList<>();
    try (ChunkStore store = kind.open(dir)) {
      for (int i = 0; i < 300; i++) {
        written.add(store.put(TestChunks.random(random, 1 + random.nextInt(300))));
      }

      List<Hash> seen = hashesOf(store);

      assertThat(seen).as("seed %d", SEED).containsExactlyInAnyOrderElementsOf(written);
      assertThat(seen).isSorted();
      // Hash order is unsigned: a first byte >= 0x80 sorts after 0x7f.
      assertThat(seen.get(seen.size() - 1).byteAt(0)).isGreaterThanOrEqualTo(0x80);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void stats_afterWrites_countChunksAndBytes(StoreKind kind) throws Exception {
    Random random = new Random(SEED);
    try (ChunkStore store = kind.open(dir)) {
      for (int i = 0; i < 10; i++) {
        store.put(TestChunks.random(random, 1000));
      }

      ChunkStore.Stats stats = store.stats();

      assertThat(stats.chunks()).isEqualTo(10);
      assertThat(stats.logicalBytes()).isGreaterThanOrEqualTo(10_000);
      assertThat(stats.storedBytes()).isGreaterThan(0);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void close_twice_isIdempotent(StoreKind kind) throws Exception {
    ChunkStore store = kind.open(dir);

    store.close();
    store.close();

    assertThatThrownBy(() -> store.contains(Blake3.hash(new byte[0])))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void readsAndWrites_afterClose_throwIllegalStateException(StoreKind kind) throws Exception {
    ChunkStore store = kind.open(dir);
    Hash hash = store.put(new byte[] {1});
    store.close();

    assertThatThrownBy(() -> store.put(new byte[] {2})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.get(hash)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(batchOf(new byte[] {3})))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.forEachHash(h -> {})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.delete(List.of(hash))).isInstanceOf(IllegalStateException.class);
  }

  private static ChunkBatch batchOf(byte[] data) {
    ChunkBatch batch = new ChunkBatch();
    batch.add(data);
    return batch;
  }

  private static List<Hash> hashesOf(ChunkStore store) throws Exception {
    List<Hash> hashes = new ArrayList<>();
    store.forEachHash(hashes::add);
    return hashes;
  }
}
