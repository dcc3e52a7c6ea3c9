package dev.helios.engine.hash.internal;

import java.util.Arrays;

/**
 * The incremental BLAKE3 state: the current chunk, the stack of subtree chaining values and
 * the mode. Not thread-safe: confine an instance to one thread.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class Blake3State {
  /*
   * The chunk state and the chaining-value stack of the BLAKE3 paper, section 5.1.2, with two
   * shortcuts that avoid copying input:
   *
   *  - Inside a chunk, whole blocks that are known not to be the chunk's last are compressed
   *    straight from the caller's array; only a trailing partial (or possibly final) block is
   *    buffered.
   *  - At a chunk boundary, all whole chunks but the last go to the SubtreeHasher, which hashes
   *    one chunk per lane. Aligned power-of-two groups of at least 16 chunks (up to
   *    SubtreeHasher.MAX_CHUNKS) become one stack entry each, their parents computed in the
   *    lanes too; fewer chunks are hashed one lane group at a time and pushed one by one.
   *
   * The last byte of input always stays in the chunk state, because only finish() knows which
   * node is the root. Stack entries are merged lazily: before pushing the entry for the
   * subtree that starts at chunk index c, the stack is merged down to popcount(c) entries
   * (one per complete subtree to the left), as the reference implementation does. Entries are
   * kept as bytes, so the two topmost entries are already a parent block.
   *
   * The stack never holds more than 55 entries (2^54 chunks of 1 KiB is 2^64 bytes); it starts
   * with room for 8 and doubles when full, so that hashing a small input allocates little.
   *
   * updateFinal() may also hand the input's last chunk to the SubtreeHasher when it is full,
   * as long as no single subtree covers the whole input. The chunk state is then empty and the
   * stack holds at least two entries; finish() takes the top entry as the rightmost child. The
   * stack was merged down to popcount(c) entries before that entry was pushed at chunk c, so
   * folding from the top builds the tree the paper prescribes: each parent's left child is
   * the largest complete subtree.
   */

  private static final int CHUNK_BLOCKS = Compressor.CHUNK_LEN / Compressor.BLOCK_LEN;
  private static final int MIN_SUBTREE_CHUNKS = 16;

  private final int[] key;
  private final int flags;

  private final int[] cv = new int[8];
  private final byte[] block = new byte[Compressor.BLOCK_LEN];
  private int blockLen;
  private int blocksCompressed;
  private long chunkCounter;

  private byte[] stack = new byte[8 * Compressor.CV_LEN];
  private int stackLen;

  // Scratch for finish(), so that it does not allocate per output block.
  private final int[] rootCv = new int[8];
  private final byte[] rootBlock = new byte[Compressor.BLOCK_LEN];
  private int rootBlockLen;
  private final byte[] wide = new byte[Compressor.BLOCK_LEN];
  private final int[] scratchCv = new int[8];

  private final LaneCompressor lanes;
  private SubtreeHasher subtrees;
  private byte[] laneCvs;

  /**
   * Creates a state with these 8 key words (copied) and mode flags ({@code 0}, {@link
   * Compressor#KEYED_HASH}, {@link Compressor#DERIVE_KEY_CONTEXT} or {@link
   * Compressor#DERIVE_KEY_MATERIAL}).
   */
  public Blake3State(int[] key, int flags) {
    this(key, flags, null);
  }

  /**
   * Creates a state like {@link #Blake3State(int[], int)} that hashes whole chunks with {@code
   * lanes}, or with {@link LaneCompressors#create()} if null. For tests.
   */
  public Blake3State(int[] key, int flags, LaneCompressor lanes) {
    this.key = key.clone();
    this.flags = flags;
    this.lanes = lanes;
    reset();
  }

  /**
   * Writes the 32-byte hash of {@code in[off .. off + len)}, at most one chunk, to {@code
   * out[outOff ..)}, without building a state.
   *
   * @param len 0 to 1024
   */
  public static void hashChunk(
      int[] key, int flags, byte[] in, int off, int len, byte[] out, int outOff) {
    int[] cv = key.clone();
    int blocks = len == 0 ? 1 : (len + Compressor.BLOCK_LEN - 1) / Compressor.BLOCK_LEN;
    int lastLen = len - (blocks - 1) * Compressor.BLOCK_LEN;
    if (blocks > 1) {
      Compressor.compress(
          cv, 0, in, off, blocks - 1, Compressor.BLOCK_LEN, 0, flags, Compressor.CHUNK_START, 0,
          null);
    }
    byte[] last = in;
    int lastOff = off + len - lastLen;
    if (lastLen < Compressor.BLOCK_LEN) {
      last = new byte[Compressor.BLOCK_LEN];
      System.arraycopy(in, lastOff, last, 0, lastLen);
      lastOff = 0;
    }
    Compressor.compress(
        cv, 0, last, lastOff, 1, lastLen, 0, flags, blocks == 1 ? Compressor.CHUNK_START : 0,
        Compressor.CHUNK_END | Compressor.ROOT, null);
    Compressor.writeCv(cv, 0, out, outOff);
  }

  /** Returns to the state right after construction. */
  public void reset() {
    System.arraycopy(key, 0, cv, 0, 8);
    blockLen = 0;
    blocksCompressed = 0;
    chunkCounter = 0;
    stackLen = 0;
  }

  /** Absorbs {@code in[off .. off + len)}; the range must be valid. */
  public void update(byte[] in, int off, int len) {
    while (len > 0) {
      if (blocksCompressed * Compressor.BLOCK_LEN + blockLen == Compressor.CHUNK_LEN) {
        // A full chunk is buffered and more input follows: it is not the root.
        Compressor.compress(
            cv, 0, block, 0, 1, Compressor.BLOCK_LEN, chunkCounter, flags, startFlag(),
            Compressor.CHUNK_END, null);
        pushChunkCv();
      }
      if (blocksCompressed == 0 && blockLen == 0 && len > Compressor.CHUNK_LEN) {
        int chunks = (len - 1) / Compressor.CHUNK_LEN;
        hashWholeChunks(in, off, chunks, false);
        off += chunks * Compressor.CHUNK_LEN;
        len -= chunks * Compressor.CHUNK_LEN;
        continue;
      }
      if (blockLen == Compressor.BLOCK_LEN) {
        // A full block is buffered, more input follows and the chunk is not full: compress it.
        Compressor.compress(
            cv, 0, block, 0, 1, Compressor.BLOCK_LEN, chunkCounter, flags, startFlag(), 0, null);
        blocksCompressed++;
        blockLen = 0;
      }
      if (blockLen == 0 && len > Compressor.BLOCK_LEN) {
        int rest = (CHUNK_BLOCKS - blocksCompressed) * Compressor.BLOCK_LEN;
        if (len > rest) {
          // The rest of the chunk is here and more input follows: finish the chunk in place.
          Compressor.compress(
              cv, 0, in, off, CHUNK_BLOCKS - blocksCompressed, Compressor.BLOCK_LEN,
              chunkCounter, flags, startFlag(), Compressor.CHUNK_END, null);
          pushChunkCv();
          off += rest;
          len -= rest;
          continue;
        }
        // Keep the block that may be the chunk's last (or the input's last) for the buffer.
        int blocks =
            Math.min((len - 1) / Compressor.BLOCK_LEN, CHUNK_BLOCKS - 1 - blocksCompressed);
        if (blocks > 0) {
          Compressor.compress(
              cv, 0, in, off, blocks, Compressor.BLOCK_LEN, chunkCounter, flags, startFlag(), 0,
              null);
          blocksCompressed += blocks;
          off += blocks * Compressor.BLOCK_LEN;
          len -= blocks * Compressor.BLOCK_LEN;
          continue;
        }
      }
      int take = Math.min(Compressor.BLOCK_LEN - blockLen, len);
      System.arraycopy(in, off, block, blockLen, take);
      blockLen += take;
      off += take;
      len -= take;
    }
  }

  /**
   * Absorbs {@code in[off .. off + len)} as the last input before {@link #finish}: like {@link
   * #update} followed by no further update, but free to hash a full last chunk in a lane with
   * the others. Updating again afterwards is allowed and still correct.
   */
  public void updateFinal(byte[] in, int off, int len) {
    if (blocksCompressed == 0 && blockLen == 0 && len > Compressor.CHUNK_LEN) {
      int chunks = len / Compressor.CHUNK_LEN;
      hashWholeChunks(in, off, chunks, chunkCounter == 0 && len % Compressor.CHUNK_LEN == 0);
      off += chunks * Compressor.CHUNK_LEN;
      len -= chunks * Compressor.CHUNK_LEN;
    }
    update(in, off, len);
  }

  /**
   * Pushes the chaining value of a complete subtree that a caller computed elsewhere (for
   * example on another thread): {@code chunks} full chunks that follow everything absorbed so
   * far, with at least one more byte of input to come.
   *
   * @throws IllegalStateException if the state is not at a chunk boundary
   */
  public void pushSubtree(byte[] cvBytes, int cvOff, long chunks) {
    if (blocksCompressed != 0 || blockLen != 0) {
      throw new IllegalStateException("not at a chunk boundary: " + blockLen + " bytes buffered");
    }
    mergeStack(chunkCounter);
    ensureStackRoom();
    System.arraycopy(cvBytes, cvOff, stack, stackLen * Compressor.CV_LEN, Compressor.CV_LEN);
    stackLen++;
    chunkCounter += chunks;
  }

  /**
   * Writes {@code len} bytes of output, from output position 0, to {@code out[off ..)}. Leaves
   * the state able to absorb more input.
   */
  public void finish(byte[] out, int off, int len) {
    int rootFlags = prepareRoot();
    for (long t = 0; len > 0; t++) {
      System.arraycopy(rootCv, 0, scratchCv, 0, 8);
      Compressor.compress(
          scratchCv, 0, rootBlock, 0, 1, rootBlockLen, t, rootFlags, 0, Compressor.ROOT, wide);
      int n = Math.min(len, Compressor.BLOCK_LEN);
      System.arraycopy(wide, 0, out, off, n);
      off += n;
      len -= n;
    }
  }

  /** Fills rootCv, rootBlock and rootBlockLen; returns the root flags except ROOT. */
  private int prepareRoot() {
    Arrays.fill(block, blockLen, Compressor.BLOCK_LEN, (byte) 0);
    int chunkFlags = flags | startFlag() | Compressor.CHUNK_END;
    if (stackLen == 0) {
      System.arraycopy(cv, 0, rootCv, 0, 8);
      System.arraycopy(block, 0, rootBlock, 0, Compressor.BLOCK_LEN);
      rootBlockLen = blockLen;
      return chunkFlags;
    }
    int below;
    if (blocksCompressed == 0 && blockLen == 0) {
      // updateFinal() left the last chunk on the stack (see the design notes).
      if (stackLen < 2) {
        throw new IllegalStateException("a lone stack entry would be the root");
      }
      below = stackLen - 1;
      System.arraycopy(
          stack, below * Compressor.CV_LEN, rootBlock, Compressor.CV_LEN, Compressor.CV_LEN);
    } else {
      mergeStack(chunkCounter);
      below = stackLen;
      System.arraycopy(cv, 0, scratchCv, 0, 8);
      Compressor.compress(
          scratchCv, 0, block, 0, 1, blockLen, chunkCounter, chunkFlags, 0, 0, null);
      Compressor.writeCv(scratchCv, 0, rootBlock, Compressor.CV_LEN);
    }
    // The rightmost chaining value is the right child of the lowest parent, then each
    // parent's chaining value the right child of the next one up.
    for (int i = below - 1; i > 0; i--) {
      System.arraycopy(stack, i * Compressor.CV_LEN, rootBlock, 0, Compressor.CV_LEN);
      System.arraycopy(key, 0, scratchCv, 0, 8);
      Compressor.compress(
          scratchCv, 0, rootBlock, 0, 1, Compressor.BLOCK_LEN, 0, flags | Compressor.PARENT, 0,
          0, null);
      Compressor.writeCv(scratchCv, 0, rootBlock, Compressor.CV_LEN);
    }
    System.arraycopy(stack, 0, rootBlock, 0, Compressor.CV_LEN);
    System.arraycopy(key, 0, rootCv, 0, 8);
    rootBlockLen = Compressor.BLOCK_LEN;
    return flags | Compressor.PARENT;
  }

  private int startFlag() {
    return blocksCompressed == 0 ? Compressor.CHUNK_START : 0;
  }

  /** Pushes the chaining value in cv as the current chunk's and starts the next chunk. */
  private void pushChunkCv() {
    mergeStack(chunkCounter);
    ensureStackRoom();
    Compressor.writeCv(cv, 0, stack, stackLen * Compressor.CV_LEN);
    stackLen++;
    chunkCounter++;
    System.arraycopy(key, 0, cv, 0, 8);
    blocksCompressed = 0;
    blockLen = 0;
  }

  /**
   * Hashes {@code chunks} whole chunks into stack entries. If {@code all}, they are the whole
   * input so far, and no entry may cover them all (it would have to be the root).
   */
  private void hashWholeChunks(byte[] in, int off, int chunks, boolean all) {
    if (subtrees == null) {
      subtrees = new SubtreeHasher(lanes != null ? lanes : LaneCompressors.create(), key, flags);
      laneCvs = new byte[MIN_SUBTREE_CHUNKS * Compressor.CV_LEN];
    }
    while (chunks > 0) {
      int n = Math.min(Integer.highestOneBit(chunks), SubtreeHasher.MAX_CHUNKS);
      while ((chunkCounter & (n - 1)) != 0) {
        n >>>= 1;
      }
      if (all && chunkCounter == 0 && n == chunks) {
        n >>>= 1;
      }
      if (n < MIN_SUBTREE_CHUNKS) {
        // Too few chunks for the parents to be worth lanes: hash the chunks up to the next
        // multiple of 16 in one go and push them one by one, merging on the stack.
        n = Math.min(chunks, MIN_SUBTREE_CHUNKS - (int) (chunkCounter & (MIN_SUBTREE_CHUNKS - 1)));
        subtrees.chunkCvs(in, off, n, chunkCounter, laneCvs, 0);
        for (int i = 0; i < n; i++) {
          mergeStack(chunkCounter);
          ensureStackRoom();
          System.arraycopy(
              laneCvs, i * Compressor.CV_LEN, stack, stackLen * Compressor.CV_LEN,
              Compressor.CV_LEN);
          stackLen++;
          chunkCounter++;
        }
      } else {
        mergeStack(chunkCounter);
        ensureStackRoom();
        subtrees.subtreeCv(in, off, n, chunkCounter, stack, stackLen * Compressor.CV_LEN);
        stackLen++;
        chunkCounter += n;
      }
      off += n * Compressor.CHUNK_LEN;
      chunks -= n;
    }
  }

  private void ensureStackRoom() {
    if (stack.length == stackLen * Compressor.CV_LEN) {
      stack = Arrays.copyOf(stack, 2 * stack.length);
    }
  }

  /** Merges the stack down to one entry per complete subtree left of chunk {@code total}. */
  private void mergeStack(long total) {
    int keep = Long.bitCount(total);
    while (stackLen > keep) {
      int at = (stackLen - 2) * Compressor.CV_LEN;
      System.arraycopy(key, 0, scratchCv, 0, 8);
      Compressor.compress(
          scratchCv, 0, stack, at, 1, Compressor.BLOCK_LEN, 0, flags | Compressor.PARENT, 0, 0,
          null);
      Compressor.writeCv(scratchCv, 0, stack, at);
      stackLen--;
    }
  }
}
