package dev.helios.engine.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CacheOptionsTest {

  @Test
  void build_noSettings_usesLz4HcAtDefaultLevel() {
    CacheOptions options = CacheOptions.defaults();

    assertThat(options.codec()).isEqualTo(CacheCodec.LZ4_HC);
    assertThat(options.codecLevel()).isEqualTo(CacheCodec.LZ4_HC.defaultLevel());
    assertThat(options.maximumBytes()).isEqualTo(CacheOptions.DEFAULT_MAXIMUM_BYTES);
    assertThat(options.admitOnWrite()).isTrue();
  }

  @Test
  void codec_levelOutOfRange_throwsNamingSettingAndRange() {
    assertThatThrownBy(() -> CacheOptions.builder().codec(CacheCodec.ZSTD, 23))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codecLevel")
        .hasMessageContaining("-7..19")
        .hasMessageContaining("23");
  }

  @Test
  void codec_lz4WithLevel_throws() {
    assertThatThrownBy(() -> CacheOptions.builder().codec(CacheCodec.LZ4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LZ4");
  }

  @Test
  void maximumBytes_negative_throwsNamingSetting() {
    assertThatThrownBy(() -> CacheOptions.builder().maximumBytes(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumBytes")
        .hasMessageContaining("-5");
  }

  @Test
  void executor_null_throwsNamingSetting() {
    assertThatThrownBy(() -> CacheOptions.builder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }
}
