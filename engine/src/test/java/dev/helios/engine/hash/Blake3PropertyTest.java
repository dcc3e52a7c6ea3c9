package dev.helios.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Our BLAKE3 against the independent implementation in commons-codec, on random inputs cut at
 * random points, in all three modes and at random output lengths. Lengths reach past 32 chunks,
 * so that subtrees, lane groups and the chunk state all take part.
 */
class Blake3PropertyTest {

  @Property(tries = 150, seed = "20200109")
  void hash_randomInput_matchesCommonsCodec(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 50_000) int length) {
    byte[] input = random(length, seed);

    Hash hash = Blake3.hash(input);

    assertThat(hash.toBytes()).isEqualTo(org.apache.commons.codec.digest.Blake3.hash(input));
  }

  @Property(tries = 120, seed = "1024")
  void update_randomSplitPoints_matchesCommonsCodec(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 50_000) int length,
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 50_000) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 300) int outLength) {
    byte[] input = random(length, seed);

    Blake3.Hasher hasher = Blake3.newHasher();
    feed(hasher, input, cuts);
    byte[] ours = new byte[outLength];
    hasher.finishXof(ours, 0, outLength);

    byte[] theirs = new byte[outLength];
    org.apache.commons.codec.digest.Blake3.initHash().update(input).doFinalize(theirs);
    assertThat(ours).isEqualTo(theirs);
  }

  @Property(tries = 100, seed = "32")
  void keyedHasher_randomInput_matchesCommonsCodec(
      @ForAll long seed,
      @ForAll @Size(32) byte[] key,
      @ForAll @IntRange(min = 0, max = 40_000) int length,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40_000) Integer> cuts) {
    byte[] input = random(length, seed);

    Blake3.Hasher hasher = Blake3.newKeyedHasher(key);
    feed(hasher, input, cuts);

    byte[] theirs = new byte[32];
    org.apache.commons.codec.digest.Blake3.initKeyedHash(key).update(input).doFinalize(theirs);
    assertThat(hasher.finish().toBytes()).isEqualTo(theirs);
  }

  @Property(tries = 100, seed = "2019")
  void deriveKeyHasher_randomInput_matchesCommonsCodec(
      @ForAll long seed,
      @ForAll @StringLength(max = 100) String context,
      @ForAll @IntRange(min = 0, max = 40_000) int length,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40_000) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 200) int outLength) {
    byte[] input = random(length, seed);

    Blake3.Hasher hasher = Blake3.newDeriveKeyHasher(context);
    feed(hasher, input, cuts);
    byte[] ours = new byte[outLength];
    hasher.finishXof(ours, 0, outLength);

    byte[] theirs = new byte[outLength];
    org.apache.commons.codec.digest.Blake3.initKeyDerivationFunction(
            context.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .update(input)
        .doFinalize(theirs);
    assertThat(ours).isEqualTo(theirs);
  }

  /** Feeds {@code input} cut at the given points (taken modulo its length, in order). */
  private static void feed(Blake3.Hasher hasher, byte[] input, List<Integer> cuts) {
    List<Integer> points =
        cuts.stream().map(c -> c % (input.length + 1)).sorted().toList();
    int at = 0;
    for (int cut : points) {
      hasher.update(input, at, cut - at);
      at = cut;
    }
    hasher.update(input, at, input.length - at);
  }

  static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i += 8) {
      long word = random.nextLong();
      for (int j = i; j < Math.min(i + 8, length); j++) {
        bytes[j] = (byte) word;
        word >>>= 8;
      }
    }
    return bytes;
  }
}
