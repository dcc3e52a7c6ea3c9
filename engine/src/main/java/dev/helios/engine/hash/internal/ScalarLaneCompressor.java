package dev.helios.engine.hash.internal;

/**
 * The simplest {@link LaneCompressor}: one lane, the scalar compression function. Confined to
 * one thread.
 */
final class ScalarLaneCompressor implements LaneCompressor {
  private final int[] cv = new int[8];

  @Override
  public int lanes() {
    return 1;
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
    for (int l = 0; l < count; l++) {
      System.arraycopy(key, 0, cv, 0, 8);
      long laneCounter = counterPerLane ? counter + l : counter;
      Compressor.compress(
          cv, 0, in, off + l * stride, blocks, Compressor.BLOCK_LEN, laneCounter, flags,
          firstFlags, lastFlags, null);
      Compressor.writeCv(cv, 0, out, outOff + Compressor.CV_LEN * l);
    }
  }
}
