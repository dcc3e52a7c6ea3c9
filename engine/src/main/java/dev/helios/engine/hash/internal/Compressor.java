package dev.helios.engine.hash.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The BLAKE3 compression function, scalar. Stateless and thread-safe.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class Compressor {
  /*
   * The compression function of the BLAKE3 paper (Aumasson, Neves, O'Connor, Wilcox-O'Hearn,
   * 2020, section 2.2): a 16-word state of 8 chaining-value words, 4 IV words, the 64-bit
   * counter, the block length and the flags, mixed by 7 rounds of 8 quarter-rounds G over a
   * 16-word message block. The output chaining value is the xor of the two halves of the state.
   *
   * Speed comes from keeping everything in locals. The 16 state words, the 8 chaining-value
   * words and the 16 message words are plain ints that C2 assigns to registers (spilling
   * some: 40 values do not fit 14 usable registers, but spills hit L1 and stay cheap). The
   * seven rounds are written out and the message permutation between rounds is resolved in
   * the text: round r reads the words at sigma^r(i), so no permutation runs at all. Each G
   * takes four lines of two statements, so the rounds read as a table; this is why compress()
   * is longer than the usual method limit (and C2 compiles it whole: 5 KB of bytecode, under
   * the 8 KB above which HotSpot refuses to compile a method). Message words come from a little-endian
   * int view VarHandle, which C2 turns into one 32-bit load each. The first step of G is
   * written (a + m) + b rather than a + (b + m): b is the last value the previous G computed,
   * so adding it last takes one add off the critical path (15% faster measured on JDK 17).
   *
   * compress() chains through several consecutive blocks of one chunk without leaving the
   * method, so hashing a 1 KiB chunk is one call, the chaining value never touches memory
   * between blocks and the call is free of allocation.
   */

  /** Flag bits of the BLAKE3 domain separation. */
  public static final int CHUNK_START = 1;

  public static final int CHUNK_END = 1 << 1;
  public static final int PARENT = 1 << 2;
  public static final int ROOT = 1 << 3;
  public static final int KEYED_HASH = 1 << 4;
  public static final int DERIVE_KEY_CONTEXT = 1 << 5;
  public static final int DERIVE_KEY_MATERIAL = 1 << 6;

  /** Bytes in a block, the unit of compression. */
  public static final int BLOCK_LEN = 64;

  /** Bytes in a chunk, the leaf of the tree. */
  public static final int CHUNK_LEN = 1024;

  /** Bytes in a chaining value. */
  public static final int CV_LEN = 32;

  /** The IV words (those of SHA-256), the key of the unkeyed modes. */
  public static final int IV0 = 0x6A09E667;
  public static final int IV1 = 0xBB67AE85;
  public static final int IV2 = 0x3C6EF372;
  public static final int IV3 = 0xA54FF53A;
  public static final int IV4 = 0x510E527F;
  public static final int IV5 = 0x9B05688C;
  public static final int IV6 = 0x1F83D9AB;
  public static final int IV7 = 0x5BE0CD19;

  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Compressor() {}

  /** Returns a fresh copy of the IV, the key words of the unkeyed modes. */
  public static int[] iv() {
    return new int[] {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
  }

  /** Reads the little-endian int at {@code in[off .. off + 4)}. */
  public static int readInt(byte[] in, int off) {
    return (int) LE_INT.get(in, off);
  }

  /** Writes {@code value} little-endian at {@code out[off .. off + 4)}. */
  public static void writeInt(byte[] out, int off, int value) {
    LE_INT.set(out, off, value);
  }

  /** Writes the 8 words {@code cv[cvOff .. cvOff + 8)} as 32 little-endian bytes. */
  public static void writeCv(int[] cv, int cvOff, byte[] out, int off) {
    // Written out, not as a loop: HotSpot 17's C2 sometimes miscompiled the loop of
    // byte-array-view stores once inlined into a hot caller (about one hash in 10^4 came out
    // wrong, until recompiled); straight-line stores are not vectorized and come out right.
    LE_INT.set(out, off, cv[cvOff]);
    LE_INT.set(out, off + 4, cv[cvOff + 1]);
    LE_INT.set(out, off + 8, cv[cvOff + 2]);
    LE_INT.set(out, off + 12, cv[cvOff + 3]);
    LE_INT.set(out, off + 16, cv[cvOff + 4]);
    LE_INT.set(out, off + 20, cv[cvOff + 5]);
    LE_INT.set(out, off + 24, cv[cvOff + 6]);
    LE_INT.set(out, off + 28, cv[cvOff + 7]);
  }

  /**
   * Compresses {@code blocks} consecutive blocks starting at {@code in[off]}, chaining through
   * {@code cv[cvOff .. cvOff + 8)}, which holds the input chaining value on entry and the
   * output chaining value on return.
   *
   * <p>Every block is 64 bytes long and has the counter {@code counter}; the last one declares
   * {@code lastLen} bytes (1..64, 0 only for the empty input), bytes beyond which must be zero.
   * Block {@code i} has the flags {@code flags}, plus {@code firstFlags} if it is the first and
   * {@code lastFlags} if it is the last. If {@code wide} is not null, the 64-byte extended
   * output of the last block goes to {@code wide[0 .. 64)} as well.
   */
  public static void compress(
      int[] cv,
      int cvOff,
      byte[] in,
      int off,
      int blocks,
      int lastLen,
      long counter,
      int flags,
      int firstFlags,
      int lastFlags,
      byte[] wide) {
    int h0 = cv[cvOff];
    int h1 = cv[cvOff + 1];
    int h2 = cv[cvOff + 2];
    int h3 = cv[cvOff + 3];
    int h4 = cv[cvOff + 4];
    int h5 = cv[cvOff + 5];
    int h6 = cv[cvOff + 6];
    int h7 = cv[cvOff + 7];
    int counterLow = (int) counter;
    int counterHigh = (int) (counter >>> 32);
    int blockFlags = flags | firstFlags;
    int blockLen = BLOCK_LEN;
    for (int b = 0; b < blocks; b++, off += BLOCK_LEN) {
      if (b == blocks - 1) {
        blockFlags |= lastFlags;
        blockLen = lastLen;
      }
      int m0 = (int) LE_INT.get(in, off);
      int m1 = (int) LE_INT.get(in, off + 4);
      int m2 = (int) LE_INT.get(in, off + 8);
      int m3 = (int) LE_INT.get(in, off + 12);
      int m4 = (int) LE_INT.get(in, off + 16);
      int m5 = (int) LE_INT.get(in, off + 20);
      int m6 = (int) LE_INT.get(in, off + 24);
      int m7 = (int) LE_INT.get(in, off + 28);
      int m8 = (int) LE_INT.get(in, off + 32);
      int m9 = (int) LE_INT.get(in, off + 36);
      int m10 = (int) LE_INT.get(in, off + 40);
      int m11 = (int) LE_INT.get(in, off + 44);
      int m12 = (int) LE_INT.get(in, off + 48);
      int m13 = (int) LE_INT.get(in, off + 52);
      int m14 = (int) LE_INT.get(in, off + 56);
      int m15 = (int) LE_INT.get(in, off + 60);
      int v0 = h0;
      int v1 = h1;
      int v2 = h2;
      int v3 = h3;
      int v4 = h4;
      int v5 = h5;
      int v6 = h6;
      int v7 = h7;
      int v8 = IV0;
      int v9 = IV1;
      int v10 = IV2;
      int v11 = IV3;
      int v12 = counterLow;
      int v13 = counterHigh;
      int v14 = blockLen;
      int v15 = blockFlags;
      // Round 1.
      v0 = v0 + m0 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m1 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m2 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m3 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m4 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m5 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m6 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m7 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m8 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m9 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m10 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m11 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m12 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m13 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m14 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m15 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 2.
      v0 = v0 + m2 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m6 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m3 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m10 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m7 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m0 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m4 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m13 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m1 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m11 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m12 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m5 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m9 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m14 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m15 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m8 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 3.
      v0 = v0 + m3 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m4 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m10 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m12 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m13 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m2 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m7 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m14 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m6 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m5 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m9 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m0 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m11 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m15 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m8 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m1 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 4.
      v0 = v0 + m10 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m7 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m12 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m9 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m14 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m3 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m13 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m15 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m4 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m0 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m11 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m2 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m5 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m8 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m1 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m6 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 5.
      v0 = v0 + m12 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m13 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m9 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m11 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m15 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m10 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m14 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m8 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m7 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m2 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m5 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m3 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m0 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m1 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m6 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m4 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 6.
      v0 = v0 + m9 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m14 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m11 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m5 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m8 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m12 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m15 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m1 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m13 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m3 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m0 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m10 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m2 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m6 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m4 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m7 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      // Round 7.
      v0 = v0 + m11 + v4; v12 = Integer.rotateRight(v12 ^ v0, 16);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
      v0 = v0 + m15 + v4; v12 = Integer.rotateRight(v12 ^ v0, 8);
      v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
      v1 = v1 + m5 + v5; v13 = Integer.rotateRight(v13 ^ v1, 16);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
      v1 = v1 + m0 + v5; v13 = Integer.rotateRight(v13 ^ v1, 8);
      v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
      v2 = v2 + m1 + v6; v14 = Integer.rotateRight(v14 ^ v2, 16);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
      v2 = v2 + m9 + v6; v14 = Integer.rotateRight(v14 ^ v2, 8);
      v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
      v3 = v3 + m8 + v7; v15 = Integer.rotateRight(v15 ^ v3, 16);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
      v3 = v3 + m6 + v7; v15 = Integer.rotateRight(v15 ^ v3, 8);
      v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
      v0 = v0 + m14 + v5; v15 = Integer.rotateRight(v15 ^ v0, 16);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
      v0 = v0 + m10 + v5; v15 = Integer.rotateRight(v15 ^ v0, 8);
      v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
      v1 = v1 + m2 + v6; v12 = Integer.rotateRight(v12 ^ v1, 16);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
      v1 = v1 + m12 + v6; v12 = Integer.rotateRight(v12 ^ v1, 8);
      v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
      v2 = v2 + m3 + v7; v13 = Integer.rotateRight(v13 ^ v2, 16);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
      v2 = v2 + m4 + v7; v13 = Integer.rotateRight(v13 ^ v2, 8);
      v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
      v3 = v3 + m7 + v4; v14 = Integer.rotateRight(v14 ^ v3, 16);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
      v3 = v3 + m13 + v4; v14 = Integer.rotateRight(v14 ^ v3, 8);
      v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
      if (wide != null && b == blocks - 1) {
        LE_INT.set(wide, 32, v8 ^ h0);
        LE_INT.set(wide, 36, v9 ^ h1);
        LE_INT.set(wide, 40, v10 ^ h2);
        LE_INT.set(wide, 44, v11 ^ h3);
        LE_INT.set(wide, 48, v12 ^ h4);
        LE_INT.set(wide, 52, v13 ^ h5);
        LE_INT.set(wide, 56, v14 ^ h6);
        LE_INT.set(wide, 60, v15 ^ h7);
      }
      h0 = v0 ^ v8;
      h1 = v1 ^ v9;
      h2 = v2 ^ v10;
      h3 = v3 ^ v11;
      h4 = v4 ^ v12;
      h5 = v5 ^ v13;
      h6 = v6 ^ v14;
      h7 = v7 ^ v15;
      blockFlags = flags;
    }
    cv[cvOff] = h0;
    cv[cvOff + 1] = h1;
    cv[cvOff + 2] = h2;
    cv[cvOff + 3] = h3;
    cv[cvOff + 4] = h4;
    cv[cvOff + 5] = h5;
    cv[cvOff + 6] = h6;
    cv[cvOff + 7] = h7;
    if (wide != null) {
      writeCv(cv, cvOff, wide, 0);
    }
  }
}
