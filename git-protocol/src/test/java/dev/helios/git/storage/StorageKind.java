package dev.helios.git.storage;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;

/** The storages the repository store is tested on. */
enum StorageKind {
  MEMORY {
    @Override
    Storage open(Path dir) {
      return Storage.inMemory();
    }
  },
  ROCKSDB {
    @Override
    Storage open(Path dir) throws IOException {
      return Storage.open(
          StorageOptions.builder(dir.resolve("data"))
              .blockCacheBytes(8L << 20)
              .writeBufferBytes(4L << 20)
              .build(),
          CacheOptions.builder().maximumBytes(16L << 20).build());
    }
  };

  abstract Storage open(Path dir) throws IOException;
}
