package dev.helios.engine.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.cas.TestChunks;
import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.kv.internal.RocksDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;

class RocksChunkStoreTest {
  private static final long SEED = 0xdecafL;

  @TempDir Path dir;

  private StorageOptions options() {
    return StorageOptions.builder(dir.resolve("db")).blockCacheBytes(8L << 20).writeBufferBytes(4L << 20).build();
  }

  @Test
  void put_closeAndReopen_chunkStillReadable() throws Exception {
    byte[] data = TestChunks.text(new Random(SEED), 10_000);
    Hash hash;
    try (ChunkStore store = RocksChunkStore.open(options())) {
      hash = store.put(data);
    }

    try (ChunkStore store = RocksChunkStore.open(options())) {

      assertThat(store.read(hash)).isEqualTo(data);
    }
  }

  @Test
  void get_bytesCorruptedOnDisk_throwsCorruptChunkExceptionNamingHash() throws Exception {
    byte[] data = TestChunks.random(new Random(SEED), 4096);
    try (RocksChunkStore store = RocksChunkStore.open(options())) {
      Hash hash = store.put(data);
      overwriteRaw(store, hash, flipFirstBit(data));

      assertThatThrownBy(() -> store.get(hash))
          .isInstanceOf(CorruptChunkException.class)
          .hasMessageContaining(hash.toHex())
          .satisfies(e -> assertThat(((CorruptChunkException) e).expected()).isEqualTo(hash));
      assertThatThrownBy(() -> store.read(hash)).isInstanceOf(CorruptChunkException.class);
    }
  }

  @Test
  void get_l1OverCorruptL2_throwsAndDoesNotAdmit() throws Exception {
    byte[] data = TestChunks.text(new Random(SEED), 4096);
    RocksChunkStore l2 = RocksChunkStore.open(options());
    CacheOptions noWriteAdmission = CacheOptions.builder().admitOnWrite(false).build();
    try (CachedChunkStore store = ChunkStores.cached(l2, noWriteAdmission)) {
      Hash hash = store.put(data);
      overwriteRaw(l2, hash, flipFirstBit(data));

      assertThatThrownBy(() -> store.get(hash))
          .isInstanceOf(CorruptChunkException.class)
          .hasMessageContaining(hash.toHex());
      assertThatThrownBy(() -> store.get(hash)).isInstanceOf(CorruptChunkException.class);
      assertThat(store.cacheStats().entries()).isZero();
      assertThat(store.cacheStats().loads()).isZero();
    }
  }

  @Test
  void open_directoryHeldByAnotherStore_throwsDataDirectoryInUse() throws Exception {
    try (ChunkStore first = RocksChunkStore.open(options())) {

      assertThatThrownBy(() -> RocksChunkStore.open(options()))
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessage(
              "data directory "
                  + dir.resolve("db").toAbsolutePath()
                  + " is in use by another Helios process (RocksDB lock held)");
    }
  }

  @Test
  void open_afterHolderClosed_succeeds() throws Exception {
    RocksChunkStore.open(options()).close();

    try (ChunkStore again = RocksChunkStore.open(options())) {

      assertThat(again.contains(Blake3.hash(new byte[0]))).isFalse();
    }
  }

  @Test
  void on_sharedDatabase_keepsChunksBesideOtherColumnFamilies() throws Exception {
    RocksDatabase.ColumnFamily refs = new RocksDatabase.ColumnFamily("refs", RocksDatabase.Profile.SMALL_VALUES);
    byte[] data = TestChunks.text(new Random(SEED), 100);
    try (RocksDatabase db = RocksDatabase.open(options(), List.of(RocksChunkStore.columnFamily(), refs))) {
      try (ChunkStore store = RocksChunkStore.on(db)) {
        store.put(data);
      }
      db.db().put(db.handle("refs"), "main".getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    // Reopening with only the chunks family still works: unknown families are opened too.
    try (RocksDatabase db = RocksDatabase.open(options(), List.of(RocksChunkStore.columnFamily()));
        ChunkStore store = RocksChunkStore.on(db)) {

      assertThat(store.read(Blake3.hash(data))).isEqualTo(data);
      assertThat(db.db().get(db.handle("refs"), "main".getBytes(StandardCharsets.UTF_8))).containsExactly(1);
    }
  }

  @Test
  void open_withBlobFiles_roundTripsLargeAndSmallChunks() throws Exception {
    Random random = new Random(SEED);
    byte[] small = TestChunks.random(random, 100);
    byte[] large = TestChunks.random(random, 40_000);
    StorageOptions blobs = StorageOptions.builder(dir.resolve("blobs")).blobFiles(true).minBlobBytes(4096).build();
    try (RocksChunkStore store = RocksChunkStore.open(blobs)) {
      store.put(small);
      store.put(large);
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        store.database().db().flush(flush, store.database().handle(RocksChunkStore.COLUMN_FAMILY));
      }

      assertThat(store.read(Blake3.hash(small))).isEqualTo(small);
      assertThat(store.read(Blake3.hash(large))).isEqualTo(large);
      assertThat(store.sizeOf(Blake3.hash(large))).isEqualTo(40_000);
      assertThat(store.stats().storedBytes()).isGreaterThan(40_000);
    }
  }

  static void overwriteRaw(RocksChunkStore store, Hash hash, byte[] bytes) throws Exception {
    RocksDatabase db = store.database();
    db.db().put(db.handle(RocksChunkStore.COLUMN_FAMILY), hash.toBytes(), bytes);
  }

  private static byte[] flipFirstBit(byte[] data) {
    byte[] bad = data.clone();
    bad[0] ^= 1;
    return bad;
  }
}
