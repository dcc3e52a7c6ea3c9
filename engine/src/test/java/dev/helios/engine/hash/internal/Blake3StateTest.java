package dev.helios.engine.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of lane compressor (scalar, auto-vectorized loops, Vector API) inside the
 * incremental state, against commons-codec: every chunk count up to a few lane groups, around
 * every boundary; and the kinds against each other on whole subtrees. Inputs stay small: the
 * kernels run here before C2 has compiled them, the Vector API some 100 times slower.
 */
class Blake3StateTest {
  private static final long SEED = 0x5EED_B1A3L;

  @Test
  void createVector_testRuntime_isAvailable() {
    // engine/pom.xml runs tests with --add-modules jdk.incubator.vector, so that the vector
    // path is tested; without the flag this fails rather than silently testing less.
    assertThat(LaneCompressors.createVector())
        .as("vector lanes; run with --add-modules jdk.incubator.vector")
        .isPresent();
    assertThat(LaneCompressors.describe()).startsWith("vector");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "loops", "vector"})
  void updateFinal_everyLengthAroundChunkBoundaries_matchesCommonsCodec(String kind) {
    byte[] input = random(24 * Compressor.CHUNK_LEN + 1, SEED);

    for (int chunks = 0; chunks <= 24; chunks++) {
      for (int delta : new int[] {-64, -1, 0, 1}) {
        int length = chunks * Compressor.CHUNK_LEN + delta;
        if (length < 0 || length > input.length) {
          continue;
        }
        Blake3State state = new Blake3State(Compressor.iv(), 0, lanes(kind));

        state.updateFinal(input, 0, length);

        assertThat(finish(state, 32)).as("length %d", length).isEqualTo(reference(input, length));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "loops", "vector"})
  void update_pieceSizes_matchesCommonsCodec(String kind) {
    byte[] input = random(70 * Compressor.CHUNK_LEN + 5, SEED + 1);
    byte[] expected = reference(input, input.length);

    for (int piece : new int[] {31, 1024, 1025, 8192, 40_000}) {
      Blake3State state = new Blake3State(Compressor.iv(), 0, lanes(kind));
      for (int at = 0; at < input.length; at += piece) {
        state.update(input, at, Math.min(piece, input.length - at));
      }

      assertThat(finish(state, 32)).as("pieces of %d", piece).isEqualTo(expected);
    }
  }

  @Test
  void update_afterUpdateFinal_continuesTheSameInput() {
    byte[] input = random(9 * Compressor.CHUNK_LEN + 10, SEED + 2);
    Blake3State state = new Blake3State(Compressor.iv(), 0);

    state.updateFinal(input, 0, 4 * Compressor.CHUNK_LEN);
    byte[] early = finish(state, 32);
    state.update(input, 4 * Compressor.CHUNK_LEN, input.length - 4 * Compressor.CHUNK_LEN);

    assertThat(early).isEqualTo(reference(input, 4 * Compressor.CHUNK_LEN));
    assertThat(finish(state, 32)).isEqualTo(reference(input, input.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"loops", "vector"})
  void subtreeCv_everySize_agreesWithScalar(String kind) {
    byte[] input = random(256 * Compressor.CHUNK_LEN, SEED + 3);
    SubtreeHasher scalar = new SubtreeHasher(LaneCompressors.createScalar(), Compressor.iv(), 0);
    SubtreeHasher lanes = new SubtreeHasher(lanes(kind), Compressor.iv(), 0);

    for (int chunks = 1; chunks <= 256; chunks <<= 1) {
      byte[] expected = new byte[32];
      byte[] actual = new byte[32];
      scalar.subtreeCv(input, 0, chunks, 4L * SubtreeHasher.MAX_CHUNKS, expected, 0);
      lanes.subtreeCv(input, 0, chunks, 4L * SubtreeHasher.MAX_CHUNKS, actual, 0);

      assertThat(actual).as("%d chunks", chunks).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"loops", "vector"})
  void chunkCvs_anyCountAndCounterAbove32Bits_agreesWithScalar(String kind) {
    byte[] input = random(257 * Compressor.CHUNK_LEN, SEED + 4);
    long counter = (1L << 32) - 3; // the lanes straddle the carry into the high word
    SubtreeHasher scalar = new SubtreeHasher(LaneCompressors.createScalar(), Compressor.iv(), 0);
    SubtreeHasher lanes = new SubtreeHasher(lanes(kind), Compressor.iv(), 0);

    for (int chunks : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 33, 256, 257}) {
      byte[] expected = new byte[chunks * 32];
      byte[] actual = new byte[chunks * 32];
      scalar.chunkCvs(input, 0, chunks, counter, expected, 0);
      lanes.chunkCvs(input, 0, chunks, counter, actual, 0);

      assertThat(actual).as("%d chunks", chunks).isEqualTo(expected);
    }
  }

  @Test
  void pushSubtree_insideAChunk_throws() {
    Blake3State state = new Blake3State(Compressor.iv(), 0);
    state.update(new byte[10], 0, 10);

    assertThatThrownBy(() -> state.pushSubtree(new byte[32], 0, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunk boundary");
  }

  private static LaneCompressor lanes(String kind) {
    return switch (kind) {
      case "scalar" -> LaneCompressors.createScalar();
      case "loops" -> LaneCompressors.createLoops();
      case "vector" -> LaneCompressors.createVector().orElseThrow();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static byte[] finish(Blake3State state, int length) {
    byte[] out = new byte[length];
    state.finish(out, 0, length);
    return out;
  }

  private static byte[] reference(byte[] input, int length) {
    byte[] out = new byte[32];
    org.apache.commons.codec.digest.Blake3.initHash().update(input, 0, length).doFinalize(out);
    return out;
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
