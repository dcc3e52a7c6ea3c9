package dev.helios.engine.hash.internal;

/**
 * Compresses the same sequence of blocks in several independent lanes at once: the leaves of
 * the tree (chunks) or one level of parent nodes. Implementations are stateless apart from
 * private scratch space and are confined to one thread.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public interface LaneCompressor {

  /** How many lanes one call handles at full efficiency; a power of two. */
  int lanes();

  /**
   * For each lane {@code l < count}, compresses {@code blocks} 64-byte blocks starting at
   * {@code in[off + l * stride]}, chaining from {@code key}, and writes the output chaining
   * value as 32 little-endian bytes at {@code out[outOff + 32 * l]}.
   *
   * <p>Lane {@code l} uses the counter {@code counter + l} if {@code counterPerLane}, else
   * {@code counter}. Every block is full (64 bytes) and has the flags {@code flags}, plus {@code
   * firstFlags} on the first and {@code lastFlags} on the last.
   *
   * @param count lanes to compute, 1 to {@link #lanes()}
   */
  void compress(
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
      int outOff);
}
