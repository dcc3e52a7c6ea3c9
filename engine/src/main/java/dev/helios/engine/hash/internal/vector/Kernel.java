package dev.helios.engine.hash.internal.vector;

import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/** One round of the compression function in every vector lane. Stateless; thread-safe. */
final class Kernel {
  /*
   * The round of Compressor with each int replaced by an IntVector; see VectorLaneCompressor
   * for the scratch layout and the reasons behind the shape of this class.
   */

  /** 256-bit vectors where the CPU has them (8 lanes), else 128-bit ones (4 lanes). */
  private static final VectorSpecies<Integer> SPECIES =
      IntVector.SPECIES_PREFERRED.length() >= 8 ? IntVector.SPECIES_256 : IntVector.SPECIES_128;

  /** Lanes of the species. */
  static final int LANES = SPECIES.length();

  private static final int[][] SCHEDULE = VectorLaneCompressor.schedule(LANES);

  private Kernel() {}

  /**
   * Runs round {@code r} (0 to 6) on the state saved in {@code scratch}, with the message
   * words there, as the layout of {@link VectorLaneCompressor} says.
   */
  static void round(int[] scratch, int r) {
    int[] schedule = SCHEDULE[r];
    IntVector m0 = IntVector.fromArray(SPECIES, scratch, schedule[0]);
    IntVector m1 = IntVector.fromArray(SPECIES, scratch, schedule[1]);
    IntVector m2 = IntVector.fromArray(SPECIES, scratch, schedule[2]);
    IntVector m3 = IntVector.fromArray(SPECIES, scratch, schedule[3]);
    IntVector m4 = IntVector.fromArray(SPECIES, scratch, schedule[4]);
    IntVector m5 = IntVector.fromArray(SPECIES, scratch, schedule[5]);
    IntVector m6 = IntVector.fromArray(SPECIES, scratch, schedule[6]);
    IntVector m7 = IntVector.fromArray(SPECIES, scratch, schedule[7]);
    IntVector m8 = IntVector.fromArray(SPECIES, scratch, schedule[8]);
    IntVector m9 = IntVector.fromArray(SPECIES, scratch, schedule[9]);
    IntVector m10 = IntVector.fromArray(SPECIES, scratch, schedule[10]);
    IntVector m11 = IntVector.fromArray(SPECIES, scratch, schedule[11]);
    IntVector m12 = IntVector.fromArray(SPECIES, scratch, schedule[12]);
    IntVector m13 = IntVector.fromArray(SPECIES, scratch, schedule[13]);
    IntVector m14 = IntVector.fromArray(SPECIES, scratch, schedule[14]);
    IntVector m15 = IntVector.fromArray(SPECIES, scratch, schedule[15]);
    IntVector v0 = IntVector.fromArray(SPECIES, scratch, 26 * LANES);
    IntVector v1 = IntVector.fromArray(SPECIES, scratch, 27 * LANES);
    IntVector v2 = IntVector.fromArray(SPECIES, scratch, 28 * LANES);
    IntVector v3 = IntVector.fromArray(SPECIES, scratch, 29 * LANES);
    IntVector v4 = IntVector.fromArray(SPECIES, scratch, 30 * LANES);
    IntVector v5 = IntVector.fromArray(SPECIES, scratch, 31 * LANES);
    IntVector v6 = IntVector.fromArray(SPECIES, scratch, 32 * LANES);
    IntVector v7 = IntVector.fromArray(SPECIES, scratch, 33 * LANES);
    IntVector v8 = IntVector.fromArray(SPECIES, scratch, 34 * LANES);
    IntVector v9 = IntVector.fromArray(SPECIES, scratch, 35 * LANES);
    IntVector v10 = IntVector.fromArray(SPECIES, scratch, 36 * LANES);
    IntVector v11 = IntVector.fromArray(SPECIES, scratch, 37 * LANES);
    IntVector v12 = IntVector.fromArray(SPECIES, scratch, 38 * LANES);
    IntVector v13 = IntVector.fromArray(SPECIES, scratch, 39 * LANES);
    IntVector v14 = IntVector.fromArray(SPECIES, scratch, 40 * LANES);
    IntVector v15 = IntVector.fromArray(SPECIES, scratch, 41 * LANES);
    v0 = v0.add(m0).add(v4); v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16);
    v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8).lanewise(ROR, 12);
    v0 = v0.add(m1).add(v4); v12 = v12.lanewise(XOR, v0).lanewise(ROR, 8);
    v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8).lanewise(ROR, 7);
    v1 = v1.add(m2).add(v5); v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16);
    v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9).lanewise(ROR, 12);
    v1 = v1.add(m3).add(v5); v13 = v13.lanewise(XOR, v1).lanewise(ROR, 8);
    v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9).lanewise(ROR, 7);
    v2 = v2.add(m4).add(v6); v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16);
    v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10).lanewise(ROR, 12);
    v2 = v2.add(m5).add(v6); v14 = v14.lanewise(XOR, v2).lanewise(ROR, 8);
    v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10).lanewise(ROR, 7);
    v3 = v3.add(m6).add(v7); v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16);
    v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11).lanewise(ROR, 12);
    v3 = v3.add(m7).add(v7); v15 = v15.lanewise(XOR, v3).lanewise(ROR, 8);
    v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11).lanewise(ROR, 7);
    v0 = v0.add(m8).add(v5); v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16);
    v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10).lanewise(ROR, 12);
    v0 = v0.add(m9).add(v5); v15 = v15.lanewise(XOR, v0).lanewise(ROR, 8);
    v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10).lanewise(ROR, 7);
    v1 = v1.add(m10).add(v6); v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16);
    v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11).lanewise(ROR, 12);
    v1 = v1.add(m11).add(v6); v12 = v12.lanewise(XOR, v1).lanewise(ROR, 8);
    v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11).lanewise(ROR, 7);
    v2 = v2.add(m12).add(v7); v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16);
    v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8).lanewise(ROR, 12);
    v2 = v2.add(m13).add(v7); v13 = v13.lanewise(XOR, v2).lanewise(ROR, 8);
    v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8).lanewise(ROR, 7);
    v3 = v3.add(m14).add(v4); v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16);
    v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9).lanewise(ROR, 12);
    v3 = v3.add(m15).add(v4); v14 = v14.lanewise(XOR, v3).lanewise(ROR, 8);
    v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9).lanewise(ROR, 7);
    v0.intoArray(scratch, 26 * LANES);
    v1.intoArray(scratch, 27 * LANES);
    v2.intoArray(scratch, 28 * LANES);
    v3.intoArray(scratch, 29 * LANES);
    v4.intoArray(scratch, 30 * LANES);
    v5.intoArray(scratch, 31 * LANES);
    v6.intoArray(scratch, 32 * LANES);
    v7.intoArray(scratch, 33 * LANES);
    v8.intoArray(scratch, 34 * LANES);
    v9.intoArray(scratch, 35 * LANES);
    v10.intoArray(scratch, 36 * LANES);
    v11.intoArray(scratch, 37 * LANES);
    v12.intoArray(scratch, 38 * LANES);
    v13.intoArray(scratch, 39 * LANES);
    v14.intoArray(scratch, 40 * LANES);
    v15.intoArray(scratch, 41 * LANES);
  }
}
