package dev.helios.engine.hash.internal.vector;

import dev.helios.engine.hash.internal.Compressor;
import dev.helios.engine.hash.internal.LaneCompressor;
import java.util.Arrays;

/**
 * A {@link LaneCompressor} on the incubating Vector API: one chunk (or parent) per vector lane.
 * Confined to one thread.
 *
 * <p>Internal, and loaded only reflectively: this class links against {@code
 * jdk.incubator.vector}, which the runtime has only with {@code --add-modules
 * jdk.incubator.vector}.
 */
public final class VectorLaneCompressor implements LaneCompressor {
  /*
   * The compression function of Compressor with each int replaced by an IntVector: lane l
   * computes the same blocks of a different chunk (or parent). Every lane runs the same flags
   * and block lengths, so only full chunks and parent levels come here; the input's tail stays
   * scalar. A call with a single lane goes to the scalar function too, which is faster than a
   * mostly empty vector.
   *
   * The shape is dictated by how JDK 17 compiles the Vector API; each point below was measured
   * (Zen 4, 1 MiB input):
   *
   *  - One species per JVM. Kernels of several widths in one process pollute the type profiles
   *    inside the shared Vector API code, C2 then fails to intrinsify the narrower ones and
   *    every operation allocates (2.0 GB/s alone, 0.3 GB/s mixed). Kernel uses 256-bit vectors
   *    (8 lanes) where the CPU has them: they match 512-bit ones here (Zen 4 splits those in
   *    two) and waste fewer lanes on small inputs.
   *  - One round per method, the state passing through the scratch array between rounds. With
   *    all seven rounds in one method (14% faster once compiled), C1 gives up ("out of virtual
   *    registers") and the method runs interpreted, allocating per operation, until C2 gets to
   *    it, which took from 5 s to never in a 12 s run. A round compiles at every tier.
   *  - The message words are transposed through scratch with scalar loads and stores (a few
   *    percent of the rounds): vector m_w holds word w of every lane's block.
   *
   * Scratch layout, in units of the lane count L: [0, 16L) message words, [16L, 24L) chaining
   * values, [24L, 25L) counter low words, [25L, 26L) counter high words, [26L, 42L) the 16
   * state words between rounds.
   */

  private static final int L = Kernel.LANES;

  private final int[] scratch = new int[42 * L];
  private final int[] cv = new int[8];

  /**
   * Creates a compressor.
   *
   * @throws UnsupportedOperationException if the CPU's vectors hold fewer than 4 ints
   */
  public VectorLaneCompressor() {
    if (L < 4) {
      throw new UnsupportedOperationException("vectors of " + L + " ints are no faster");
    }
  }

  @Override
  public int lanes() {
    return L;
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
    if (count == 1) {
      System.arraycopy(key, 0, cv, 0, 8);
      Compressor.compress(
          cv, 0, in, off, blocks, Compressor.BLOCK_LEN, counter, flags, firstFlags, lastFlags,
          null);
      Compressor.writeCv(cv, 0, out, outOff);
      return;
    }
    int[] s = scratch;
    for (int w = 0; w < 8; w++) {
      Arrays.fill(s, (16 + w) * L, (17 + w) * L, key[w]);
    }
    for (int l = 0; l < L; l++) {
      long c = counterPerLane ? counter + l : counter;
      s[24 * L + l] = (int) c;
      s[25 * L + l] = (int) (c >>> 32);
    }
    for (int b = 0; b < blocks; b++) {
      transpose(in, off + b * Compressor.BLOCK_LEN, stride, count);
      int blockFlags = flags | (b == 0 ? firstFlags : 0) | (b == blocks - 1 ? lastFlags : 0);
      System.arraycopy(s, 16 * L, s, 26 * L, 8 * L);
      Arrays.fill(s, 34 * L, 35 * L, Compressor.IV0);
      Arrays.fill(s, 35 * L, 36 * L, Compressor.IV1);
      Arrays.fill(s, 36 * L, 37 * L, Compressor.IV2);
      Arrays.fill(s, 37 * L, 38 * L, Compressor.IV3);
      System.arraycopy(s, 24 * L, s, 38 * L, 2 * L);
      Arrays.fill(s, 40 * L, 41 * L, Compressor.BLOCK_LEN);
      Arrays.fill(s, 41 * L, 42 * L, blockFlags);
      for (int r = 0; r < 7; r++) {
        Kernel.round(s, r);
      }
      for (int i = 16 * L; i < 24 * L; i++) {
        s[i] = s[i + 10 * L] ^ s[i + 18 * L];
      }
    }
    for (int l = 0; l < count; l++) {
      int at = outOff + l * Compressor.CV_LEN;
      for (int w = 0; w < 8; w++) {
        Compressor.writeInt(out, at + 4 * w, s[(16 + w) * L + l]);
      }
    }
  }

  /**
   * Returns, for each round, the scratch offset of each message word it reads in order: the
   * message permutation applied r times, times {@code lanes}.
   */
  static int[][] schedule(int lanes) {
    int[] permutation = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
    int[][] schedule = new int[7][16];
    int[] words = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int r = 0; r < 7; r++) {
      int[] next = new int[16];
      for (int i = 0; i < 16; i++) {
        schedule[r][i] = words[i] * lanes;
        next[i] = words[permutation[i]];
      }
      words = next;
    }
    return schedule;
  }

  /** Copies word w of the block at {@code in[off + l * stride]} to scratch[w * L + l]. */
  private void transpose(byte[] in, int off, int stride, int count) {
    for (int l = 0; l < count; l++) {
      int at = off + l * stride;
      for (int w = 0; w < 16; w++) {
        scratch[w * L + l] = Compressor.readInt(in, at + 4 * w);
      }
    }
  }
}
