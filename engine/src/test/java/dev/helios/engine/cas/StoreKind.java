package dev.helios.engine.cas;

import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;

/** The store implementations that contract tests run over. */
enum StoreKind {
  MEMORY,
  ROCKSDB,
  L1_OVER_MEMORY,
  L1_OVER_ROCKSDB;

  /** Opens a fresh store of this kind; RocksDB kinds live in {@code dir}. */
  ChunkStore open(Path dir) throws IOException {
    return switch (this) {
      case MEMORY -> ChunkStores.inMemory();
      case ROCKSDB -> ChunkStores.rocksDb(rocksOptions(dir));
      case L1_OVER_MEMORY -> ChunkStores.cached(ChunkStores.inMemory(), smallCache());
      case L1_OVER_ROCKSDB -> ChunkStores.cached(ChunkStores.rocksDb(rocksOptions(dir)), smallCache());
    };
  }

  static StorageOptions rocksOptions(Path dir) {
    return StorageOptions.builder(dir.resolve("db"))
        .blockCacheBytes(8L << 20)
        .writeBufferBytes(4L << 20)
        .build();
  }

  static CacheOptions smallCache() {
    return CacheOptions.builder().maximumBytes(4L << 20).build();
  }
}
