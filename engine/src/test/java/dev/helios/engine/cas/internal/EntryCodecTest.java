package dev.helios.engine.cas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.TestChunks;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EntryCodecTest {

  @Property(tries = 200)
  void decompress_ofCompressed_isIdentity(
      @ForAll CacheCodec codec, @ForAll @Size(max = 20_000) byte[] data) {
    try (EntryCodec entries = new EntryCodec(codec, codec.defaultLevel())) {

      byte[] packed = entries.compress(data);

      byte[] back = packed == null ? data : entries.decompress(packed, data.length);
      assertThat(back).isEqualTo(data);
    }
  }

  @Property(tries = 50)
  void compress_sourceLikeText_savesAtLeastAnEighth(
      @ForAll CacheCodec codec,
      @ForAll @IntRange(min = 1024, max = 65_536) int length,
      @ForAll long seed) {
    byte[] text = TestChunks.text(new Random(seed), length);
    try (EntryCodec entries = new EntryCodec(codec, codec.defaultLevel())) {

      byte[] packed = entries.compress(text);

      if (codec == CacheCodec.NONE) {
        assertThat(packed).isNull();
      } else {
        assertThat(packed).as("seed %d", seed).isNotNull();
        assertThat(packed.length).isLessThanOrEqualTo(length - length / 8);
        assertThat(entries.decompress(packed, length)).isEqualTo(text);
      }
    }
  }

  @Property(tries = 20)
  void compress_randomBytes_notWorthIt(@ForAll CacheCodec codec, @ForAll long seed) {
    try (EntryCodec entries = new EntryCodec(codec, codec.defaultLevel())) {

      assertThat(entries.compress(TestChunks.random(new Random(seed), 4096))).as("seed %d", seed).isNull();
    }
  }

  @Property(tries = 30)
  void decompress_manyThreadsSharingOneCodec_everyResultExact(@ForAll CacheCodec codec, @ForAll long seed)
      throws Exception {
    byte[] text = TestChunks.text(new Random(seed), 8192);
    try (EntryCodec entries = new EntryCodec(codec, codec.defaultLevel())) {
      byte[] packed = entries.compress(text);
      Thread[] threads = new Thread[4];
      boolean[] ok = new boolean[threads.length];
      for (int t = 0; t < threads.length; t++) {
        int id = t;
        threads[t] = new Thread(() -> {
          boolean all = true;
          for (int i = 0; i < 200; i++) {
            byte[] back = packed == null ? text : entries.decompress(packed, text.length);
            all &= java.util.Arrays.equals(back, text);
          }
          ok[id] = all;
        });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(ok).as("seed %d", seed).containsOnly(true);
    }
  }
}
