package dev.helios.engine.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.SyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageOptionsTest {
  private final Path dir = Path.of("helios-data");

  @Test
  void build_noSettings_usesDefaults() {
    StorageOptions options = StorageOptions.defaults(dir);

    assertThat(options.directory()).isEqualTo(dir);
    assertThat(options.syncPolicy()).isEqualTo(SyncPolicy.WAL);
    assertThat(options.blockCacheBytes()).isEqualTo(StorageOptions.DEFAULT_BLOCK_CACHE_BYTES);
    assertThat(options.compression()).isEqualTo(StorageOptions.Compression.LZ4_ZSTD_BOTTOMMOST);
    assertThat(options.blobFiles()).isFalse();
  }

  @Test
  void build_everySetting_isKept() {
    StorageOptions options =
        StorageOptions.builder(dir)
            .syncPolicy(SyncPolicy.FSYNC)
            .blockCacheBytes(2L << 20)
            .writeBufferBytes(8L << 20)
            .compression(StorageOptions.Compression.ZSTD)
            .blobFiles(true)
            .minBlobBytes(1024)
            .build();

    assertThat(options)
        .isEqualTo(new StorageOptions(dir, SyncPolicy.FSYNC, 2L << 20, 8L << 20, StorageOptions.Compression.ZSTD, true, 1024));
  }

  @Test
  void blockCacheBytes_belowOneMebibyte_throwsNamingSetting() {
    assertThatThrownBy(() -> StorageOptions.builder(dir).blockCacheBytes(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockCacheBytes")
        .hasMessageContaining("1000");
  }

  @Test
  void writeBufferBytes_tooLarge_throwsNamingSetting() {
    assertThatThrownBy(() -> StorageOptions.builder(dir).writeBufferBytes(2L << 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writeBufferBytes");
  }

  @Test
  void minBlobBytes_negative_throwsNamingSetting() {
    assertThatThrownBy(() -> StorageOptions.builder(dir).minBlobBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minBlobBytes");
  }

  @Test
  void syncPolicy_null_throwsNamingSetting() {
    assertThatThrownBy(() -> StorageOptions.builder(dir).syncPolicy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("syncPolicy");
  }
}
