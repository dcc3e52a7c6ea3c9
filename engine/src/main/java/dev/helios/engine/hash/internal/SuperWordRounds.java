package dev.helios.engine.hash.internal;

/**
 * The seven rounds of the compression function over the lanes of {@link
 * SuperWordLaneCompressor}, as loops that C2 vectorizes. Stateless; thread-safe.
 */
final class SuperWordRounds {
  /*
   * Each loop is one G over lanes [0, n): it reads four state words and two message words of
   * each lane and writes the four state words back. Every index is a constant offset plus the
   * loop variable, which is what C2's SuperWord pass needs to prove the loads and stores
   * independent and pack them into vector instructions (integer adds, xors and rotates all
   * vectorize on x86 and AArch64). Offsets computed at run time defeat that proof: the same
   * loops with a variable lane count L ran 6x slower.
   *
   * The loops are written out, one method per round, rather than calling a helper with the
   * offsets as arguments: that runs as fast only while C2 inlines the helper, which it stops
   * doing once the helper's own compiled code grows past InlineSmallCode. A method per round
   * keeps each one small enough for both compilers.
   */

  /** Lanes; the stride of the scratch array layout. */
  static final int L = 256;

  private static final int M0 = 0 * L;
  private static final int M1 = 1 * L;
  private static final int M2 = 2 * L;
  private static final int M3 = 3 * L;
  private static final int M4 = 4 * L;
  private static final int M5 = 5 * L;
  private static final int M6 = 6 * L;
  private static final int M7 = 7 * L;
  private static final int M8 = 8 * L;
  private static final int M9 = 9 * L;
  private static final int M10 = 10 * L;
  private static final int M11 = 11 * L;
  private static final int M12 = 12 * L;
  private static final int M13 = 13 * L;
  private static final int M14 = 14 * L;
  private static final int M15 = 15 * L;
  private static final int V0 = 16 * L;
  private static final int V1 = 17 * L;
  private static final int V2 = 18 * L;
  private static final int V3 = 19 * L;
  private static final int V4 = 20 * L;
  private static final int V5 = 21 * L;
  private static final int V6 = 22 * L;
  private static final int V7 = 23 * L;
  private static final int V8 = 24 * L;
  private static final int V9 = 25 * L;
  private static final int V10 = 26 * L;
  private static final int V11 = 27 * L;
  private static final int V12 = 28 * L;
  private static final int V13 = 29 * L;
  private static final int V14 = 30 * L;
  private static final int V15 = 31 * L;

  private SuperWordRounds() {}

  /** Round 1, message words 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15. */
  static void round1(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M0 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M1 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M2 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M3 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M4 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M5 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M6 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M7 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M8 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M9 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M10 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M11 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M12 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M13 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M14 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M15 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 2, message words 2 6 3 10 7 0 4 13 1 11 12 5 9 14 15 8. */
  static void round2(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M2 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M6 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M3 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M10 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M7 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M0 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M4 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M13 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M1 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M11 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M12 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M5 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M9 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M14 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M15 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M8 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 3, message words 3 4 10 12 13 2 7 14 6 5 9 0 11 15 8 1. */
  static void round3(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M3 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M4 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M10 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M12 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M13 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M2 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M7 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M14 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M6 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M5 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M9 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M0 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M11 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M15 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M8 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M1 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 4, message words 10 7 12 9 14 3 13 15 4 0 11 2 5 8 1 6. */
  static void round4(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M10 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M7 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M12 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M9 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M14 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M3 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M13 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M15 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M4 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M0 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M11 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M2 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M5 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M8 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M1 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M6 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 5, message words 12 13 9 11 15 10 14 8 7 2 5 3 0 1 6 4. */
  static void round5(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M12 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M13 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M9 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M11 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M15 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M10 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M14 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M8 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M7 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M2 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M5 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M3 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M0 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M1 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M6 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M4 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 6, message words 9 14 11 5 8 12 15 1 13 3 0 10 2 6 4 7. */
  static void round6(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M9 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M14 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M11 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M5 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M8 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M12 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M15 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M1 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M13 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M3 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M0 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M10 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M2 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M6 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M4 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M7 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }

  /** Round 7, message words 11 15 5 0 1 9 8 6 14 10 2 12 3 4 7 13. */
  static void round7(int[] s, int n) {
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M11 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M15 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V12 + l] = d; s[V8 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M5 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M0 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V13 + l] = d; s[V9 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M1 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M9 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V14 + l] = d; s[V10 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M8 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M6 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V15 + l] = d; s[V11 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V0 + l] + s[M14 + l] + s[V5 + l];
      int d = Integer.rotateRight(s[V15 + l] ^ a, 16);
      int c = s[V10 + l] + d;
      int b = Integer.rotateRight(s[V5 + l] ^ c, 12);
      a += s[M10 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V0 + l] = a; s[V15 + l] = d; s[V10 + l] = c; s[V5 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V1 + l] + s[M2 + l] + s[V6 + l];
      int d = Integer.rotateRight(s[V12 + l] ^ a, 16);
      int c = s[V11 + l] + d;
      int b = Integer.rotateRight(s[V6 + l] ^ c, 12);
      a += s[M12 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V1 + l] = a; s[V12 + l] = d; s[V11 + l] = c; s[V6 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V2 + l] + s[M3 + l] + s[V7 + l];
      int d = Integer.rotateRight(s[V13 + l] ^ a, 16);
      int c = s[V8 + l] + d;
      int b = Integer.rotateRight(s[V7 + l] ^ c, 12);
      a += s[M4 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V2 + l] = a; s[V13 + l] = d; s[V8 + l] = c; s[V7 + l] = Integer.rotateRight(b ^ c, 7);
    }
    for (int l = 0; l < n; l++) {
      int a = s[V3 + l] + s[M7 + l] + s[V4 + l];
      int d = Integer.rotateRight(s[V14 + l] ^ a, 16);
      int c = s[V9 + l] + d;
      int b = Integer.rotateRight(s[V4 + l] ^ c, 12);
      a += s[M13 + l] + b;
      d = Integer.rotateRight(d ^ a, 8);
      c += d;
      s[V3 + l] = a; s[V14 + l] = d; s[V9 + l] = c; s[V4 + l] = Integer.rotateRight(b ^ c, 7);
    }
  }
}
