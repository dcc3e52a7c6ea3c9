package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chunked files over every store implementation, and across a restart of the on-disk one. */
class ChunkedFileStoresTest {
  private static final long SEED = 6502L;

  @TempDir Path dir;

  enum Kind {
    MEMORY,
    ROCKSDB,
    L1_OVER_ROCKSDB;

    ChunkStore open(Path dir) throws IOException {
      return switch (this) {
        case MEMORY -> ChunkStores.inMemory();
        case ROCKSDB -> ChunkStores.rocksDb(options(dir));
        case L1_OVER_ROCKSDB ->
            ChunkStores.cached(
                ChunkStores.rocksDb(options(dir)), CacheOptions.builder().maximumBytes(1L << 20).build());
      };
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writeThenRead_eachStore_sameBytesAndChunksWithinSize(Kind kind) throws IOException {
    byte[] data = ChunkerTest.random(3 << 20, SEED);

    try (ChunkStore store = kind.open(dir)) {
      ChunkedFile file = ChunkedFileWriter.write(store, data);

      ChunkedFileReader reader = ChunkedFileReader.open(store, file);
      assertThat(reader.readAllBytes()).isEqualTo(data);
      reader.verifyContent();
      reader.forEachReferencedChunk(hash -> assertThat(sizeOf(store, hash)).isBetween(0L, 256L * 1024));
    }
  }

  @Test
  void openManifest_afterRocksDbRestart_readsTheFile() throws IOException {
    byte[] data = ChunkerTest.random(2 << 20, SEED);
    ChunkedFile file;
    try (ChunkStore store = ChunkStores.rocksDb(options(dir))) {
      file = ChunkedFileWriter.write(store, data);
    }

    try (ChunkStore store = ChunkStores.rocksDb(options(dir))) {
      ChunkedFileReader reader = ChunkedFileReader.openManifest(store, file.address());

      assertThat(reader.file()).isEqualTo(file);
      assertThat(reader.readAllBytes()).isEqualTo(data);
    }
  }

  private static long sizeOf(ChunkStore store, dev.helios.engine.hash.Hash hash) {
    try {
      return store.sizeOf(hash);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static StorageOptions options(Path dir) {
    return StorageOptions.builder(dir.resolve("db")).blockCacheBytes(8L << 20).writeBufferBytes(4L << 20).build();
  }
}
