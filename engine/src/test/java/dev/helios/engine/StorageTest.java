package dev.helios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  @TempDir Path dir;

  private StorageOptions options() {
    return StorageOptions.builder(dir.resolve("data"))
        .syncPolicy(SyncPolicy.FSYNC)
        .blockCacheBytes(4L << 20)
        .writeBufferBytes(2L << 20)
        .build();
  }

  @Test
  void open_writeBothStoresAndReopen_everythingIsThere() throws IOException {
    Hash hash;
    try (Storage storage = Storage.open(options(), CacheOptions.defaults())) {
      hash = storage.chunks().put("chunk".getBytes(StandardCharsets.UTF_8));
      storage.meta().write(new KvBatch().put(new byte[] {1}, new byte[] {2}));

      assertThat(storage.chunks()).isInstanceOf(CachedChunkStore.class);
      assertThat(storage.directory()).contains(dir.resolve("data").toAbsolutePath());
      assertThat(storage.syncPolicy()).isEqualTo(SyncPolicy.FSYNC);
    }

    try (Storage storage = Storage.open(options(), CacheOptions.defaults())) {
      assertThat(storage.chunks().get(hash)).hasValueSatisfying(
          bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("chunk"));
      assertThat(storage.meta().get(new byte[] {1})).hasValueSatisfying(
          bytes -> assertThat(bytes).containsExactly(2));
    }
  }

  @Test
  void open_directoryAlreadyOpen_throwsDataDirectoryInUse() throws IOException {
    try (Storage storage = Storage.open(options(), CacheOptions.defaults())) {

      assertThatThrownBy(() -> Storage.open(options(), CacheOptions.defaults()))
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessageContaining(dir.resolve("data").toString());
    }
  }

  @Test
  void inMemory_hasNoDirectoryAndWorks() throws IOException {
    try (Storage storage = Storage.inMemory()) {
      Hash hash = storage.chunks().put(new byte[] {7});

      assertThat(storage.directory()).isEmpty();
      assertThat(storage.chunks().contains(hash)).isTrue();
      assertThat(storage.syncPolicy()).isEqualTo(SyncPolicy.WAL);
    }
  }

  @Test
  void close_twice_isHarmless() throws IOException {
    Storage storage = Storage.open(options(), CacheOptions.defaults());

    storage.close();
    storage.close();

    assertThatThrownBy(() -> storage.meta().get(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
  }
}
