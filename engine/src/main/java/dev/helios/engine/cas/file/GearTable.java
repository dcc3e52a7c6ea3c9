package dev.helios.engine.cas.file;

/** The 256 random 64-bit values of the gear hash, derived from {@link Chunker#GEAR_SEED}. */
final class GearTable {
  /*
   * The table is generated with SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
   * number generators", OOPSLA 2014): a Weyl sequence with increment 0x9e3779b97f4a7c15 fed
   * through a 64-bit finalizer. Any good generator would do; this one is a few lines, has no
   * dependency and is easy to re-implement bit for bit in another language, which matters
   * because the table is part of the on-disk format: every chunk boundary depends on it.
   */

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private GearTable() {}

  /** Returns a new table of 256 values generated from {@code seed}. */
  static long[] generate(long seed) {
    long[] table = new long[256];
    long state = seed;
    for (int i = 0; i < table.length; i++) {
      state += GOLDEN_GAMMA;
      table[i] = mix(state);
    }
    return table;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
