package dev.helios.engine.hash.internal;

/**
 * Computes the chaining value of a complete subtree: a power-of-two number of full chunks that
 * starts at a multiple of its own size. Confined to one thread.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class SubtreeHasher {
  /*
   * The leaves go through the lane compressor a lane group at a time, their chaining values
   * land side by side in one scratch array, and each level of parents is then compressed in
   * place, through the lane compressor too: the block of parent i is exactly the 64 bytes at
   * 64 * i (its two children), and its output goes to 32 * i, which no later parent of the
   * level reads (no lane's output overwrites a block that is still to be read). The lane
   * compressor itself falls back to the scalar function for levels too narrow for its lanes.
   *
   * A subtree is never the root (the caller keeps at least one byte back), so no ROOT flag is
   * ever set here.
   */

  /** Chunks in the largest subtree one call accepts. */
  public static final int MAX_CHUNKS = 1 << 10;

  private final LaneCompressor lanes;
  private final int[] key;
  private final int flags;
  private final int[] cv = new int[8];
  private byte[] cvs = new byte[0];

  /**
   * Creates a hasher of subtrees with these key words (not copied, never modified) and mode
   * flags.
   */
  public SubtreeHasher(LaneCompressor lanes, int[] key, int flags) {
    this.lanes = lanes;
    this.key = key;
    this.flags = flags;
  }

  /**
   * Writes the chaining values of the {@code chunks} full chunks at {@code in[off .. off + 1024
   * * chunks)}, whose first has the index {@code counter}, to {@code out[outOff .. outOff + 32 *
   * chunks)}, as for chunks that are not the root.
   */
  public void chunkCvs(byte[] in, int off, int chunks, long counter, byte[] out, int outOff) {
    int width = lanes.lanes();
    for (int i = 0; i < chunks; i += width) {
      lanes.compress(
          in, off + i * Compressor.CHUNK_LEN, Compressor.CHUNK_LEN,
          Compressor.CHUNK_LEN / Compressor.BLOCK_LEN, Math.min(width, chunks - i), key,
          counter + i, true, flags, Compressor.CHUNK_START, Compressor.CHUNK_END, out,
          outOff + i * Compressor.CV_LEN);
    }
  }

  /**
   * Writes the chaining value of the subtree of {@code chunks} full chunks at {@code in[off ..
   * off + 1024 * chunks)}, whose first chunk has the index {@code counter}, to {@code out[outOff
   * .. outOff + 32)}.
   *
   * @param chunks a power of two, at most {@link #MAX_CHUNKS}, that divides {@code counter}
   */
  public void subtreeCv(byte[] in, int off, int chunks, long counter, byte[] out, int outOff) {
    if (chunks == 1) {
      System.arraycopy(key, 0, cv, 0, 8);
      Compressor.compress(
          cv, 0, in, off, Compressor.CHUNK_LEN / Compressor.BLOCK_LEN, Compressor.BLOCK_LEN,
          counter, flags, Compressor.CHUNK_START, Compressor.CHUNK_END, null);
      Compressor.writeCv(cv, 0, out, outOff);
      return;
    }
    if (cvs.length < chunks * Compressor.CV_LEN) {
      cvs = new byte[chunks * Compressor.CV_LEN];
    }
    chunkCvs(in, off, chunks, counter, cvs, 0);
    int width = lanes.lanes();
    for (int nodes = chunks >>> 1; nodes >= 1; nodes >>>= 1) {
      for (int i = 0; i < nodes; i += width) {
        lanes.compress(
            cvs, i * Compressor.BLOCK_LEN, Compressor.BLOCK_LEN, 1, Math.min(width, nodes - i),
            key, 0, false, flags | Compressor.PARENT, 0, 0, cvs, i * Compressor.CV_LEN);
      }
    }
    System.arraycopy(cvs, 0, out, outOff, Compressor.CV_LEN);
  }
}
