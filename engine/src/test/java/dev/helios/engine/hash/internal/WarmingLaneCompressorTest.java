package dev.helios.engine.hash.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The switch from the scalar function to a lane compressor once that one has become fast. */
class WarmingLaneCompressorTest {
  private static final int LANES = 8;
  private static final int BLOCKS = 16;

  private final byte[] input = random(LANES * Compressor.CHUNK_LEN, 0xC0FFEEL);
  private final byte[] expected = chunkCvs(LaneCompressors.createScalar());

  /**
   * A clock that only the compressors move, so the test never depends on how busy the machine
   * is: the scalar function "takes" 1 ms a call, a slow kernel 100 ms, a fast one 10 µs.
   */
  private long now;

  private final LaneCompressor timedScalar = new TimedScalar();

  private WarmingLaneCompressor warming(LaneCompressor fast, WarmingLaneCompressor.Warmth warmth) {
    return new WarmingLaneCompressor(fast, timedScalar, warmth, () -> now);
  }

  @Test
  void compress_fastStaysSlow_keepsToScalarWithCorrectOutput() {
    FakeFast fast = new FakeFast(Integer.MAX_VALUE);
    WarmingLaneCompressor.Warmth warmth = new WarmingLaneCompressor.Warmth(4);
    WarmingLaneCompressor lanes = warming(fast, warmth);

    for (int i = 0; i < 200; i++) {
      assertThat(chunkCvs(lanes)).isEqualTo(expected);
    }

    assertThat(warmth.warm()).isFalse();
    assertThat(fast.calls).isBetween(1, 200 / WarmingLaneCompressor.PROBE_INTERVAL);
  }

  @Test
  void compress_fastBecomesFast_switchesAfterThreeWinningProbes() {
    FakeFast fast = new FakeFast(2);
    WarmingLaneCompressor.Warmth warmth = new WarmingLaneCompressor.Warmth(4);
    WarmingLaneCompressor lanes = warming(fast, warmth);

    int calls = 0;
    while (!warmth.warm() && calls < 1000) {
      assertThat(chunkCvs(lanes)).isEqualTo(expected);
      calls++;
    }
    int probes = fast.calls;
    for (int i = 0; i < 10; i++) {
      assertThat(chunkCvs(lanes)).isEqualTo(expected);
    }

    assertThat(warmth.warm()).isTrue();
    assertThat(probes).isEqualTo(5); // two slow probes, then three fast ones
    assertThat(fast.calls).isEqualTo(probes + 10);
  }

  @Test
  void compress_narrowCalls_neverProbe() {
    FakeFast fast = new FakeFast(0);
    WarmingLaneCompressor.Warmth warmth = new WarmingLaneCompressor.Warmth(LANES + 1);
    WarmingLaneCompressor lanes = warming(fast, warmth);

    for (int i = 0; i < 100; i++) {
      assertThat(chunkCvs(lanes)).isEqualTo(expected);
    }

    assertThat(fast.calls).isZero();
    assertThat(warmth.warm()).isFalse();
  }

  private byte[] chunkCvs(LaneCompressor lanes) {
    byte[] out = new byte[LANES * Compressor.CV_LEN];
    lanes.compress(
        input, 0, Compressor.CHUNK_LEN, BLOCKS, LANES, Compressor.iv(), 0, true, 0,
        Compressor.CHUNK_START, Compressor.CHUNK_END, out, 0);
    return out;
  }

  /**
   * Stands in for a kernel that C2 has not compiled yet: its first {@code slowCalls} calls
   * compute the right answer slowly, the later ones hand back the known answer at once.
   */
  private final class FakeFast implements LaneCompressor {
    private final int slowCalls;
    int calls;

    FakeFast(int slowCalls) {
      this.slowCalls = slowCalls;
    }

    @Override
    public int lanes() {
      return LANES;
    }

    @Override
    public void compress(
        byte[] in,
        int off,
        int stride,
        int blocks,
        int count,
        int[] key,
        long counter,
        boolean counterPerLane,
        int flags,
        int firstFlags,
        int lastFlags,
        byte[] out,
        int outOff) {
      now += calls++ < slowCalls ? 100_000_000L : 10_000L;
      System.arraycopy(expected, 0, out, outOff, count * Compressor.CV_LEN);
    }
  }

  /** The real scalar function, charged 1 ms of the test clock per call. */
  private final class TimedScalar implements LaneCompressor {
    private final LaneCompressor real = LaneCompressors.createScalar();

    @Override
    public int lanes() {
      return real.lanes();
    }

    @Override
    public void compress(
        byte[] in,
        int off,
        int stride,
        int blocks,
        int count,
        int[] key,
        long counter,
        boolean counterPerLane,
        int flags,
        int firstFlags,
        int lastFlags,
        byte[] out,
        int outOff) {
      now += 1_000_000L;
      real.compress(
          in, off, stride, blocks, count, key, counter, counterPerLane, flags, firstFlags,
          lastFlags, out, outOff);
    }
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
