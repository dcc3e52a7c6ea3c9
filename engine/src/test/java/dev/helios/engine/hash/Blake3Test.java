package dev.helios.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The contract of the {@link Blake3} facade beyond the digest values. */
class Blake3Test {

  @Test
  void hash_abc_isTheKnownDigest() {
    Hash hash = Blake3.hash("abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(hash.toHex())
        .isEqualTo("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
  }

  @Test
  void finish_thenUpdate_continuesTheSameInput() {
    byte[] input = Blake3PropertyTest.random(5000, 7);
    Blake3.Hasher hasher = Blake3.newHasher().update(input, 0, 3000);

    Hash early = hasher.finish();
    Hash late = hasher.update(input, 3000, 2000).finish();

    assertThat(early).isEqualTo(Blake3.hash(input, 0, 3000));
    assertThat(late).isEqualTo(Blake3.hash(input));
  }

  @Test
  void reset_afterUpdates_startsAgainInTheSameMode() {
    byte[] key = new byte[32];
    key[0] = 1;
    Blake3.Hasher hasher = Blake3.newKeyedHasher(key).update(new byte[4000]);

    hasher.reset();
    hasher.update(new byte[] {1, 2, 3});

    assertThat(hasher.finish())
        .isEqualTo(Blake3.newKeyedHasher(key).update(new byte[] {1, 2, 3}).finish());
  }

  @Test
  void finishXof_prefix_isFinish() {
    Blake3.Hasher hasher = Blake3.newHasher().update(new byte[2049]);
    byte[] out = new byte[1000];

    hasher.finishXof(out, 0, out.length);

    assertThat(Hash.fromBytes(out, 0)).isEqualTo(hasher.finish());
  }

  @Test
  void finishXof_atOffset_writesOnlyTheRange() {
    Blake3.Hasher hasher = Blake3.newHasher().update(new byte[] {42});
    byte[] whole = new byte[100];
    hasher.finishXof(whole, 0, 100);
    byte[] out = new byte[120];

    hasher.finishXof(out, 10, 100);

    assertThat(out).startsWith(new byte[10]).endsWith(new byte[10]);
    assertThat(java.util.Arrays.copyOfRange(out, 10, 110)).isEqualTo(whole);
  }

  @Test
  void newKeyedHasher_shortKey_throws() {
    assertThatThrownBy(() -> Blake3.newKeyedHasher(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31");
  }

  @Test
  void update_rangeOutsideArray_throws() {
    Blake3.Hasher hasher = Blake3.newHasher();

    assertThatThrownBy(() -> hasher.update(new byte[10], 5, 6))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void hash_rangeOutsideArray_throws() {
    assertThatThrownBy(() -> Blake3.hash(new byte[10], -1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void updateByteBuffer_heapDirectAndReadOnly_hashTheRemainingBytes() {
    byte[] input = Blake3PropertyTest.random(40_000, 11);
    Hash expected = Blake3.hash(input, 100, 39_000);
    ByteBuffer heap = ByteBuffer.wrap(input).position(100).limit(39_100);
    ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input);
    direct.position(100).limit(39_100);
    ByteBuffer readOnly = ByteBuffer.wrap(input).asReadOnlyBuffer().position(100).limit(39_100);

    Hash fromHeap = Blake3.newHasher().update(heap).finish();
    Hash fromDirect = Blake3.newHasher().update(direct).finish();
    Hash fromReadOnly = Blake3.newHasher().update(readOnly).finish();

    assertThat(fromHeap).isEqualTo(expected);
    assertThat(fromDirect).isEqualTo(expected);
    assertThat(fromReadOnly).isEqualTo(expected);
    assertThat(heap.position()).isEqualTo(39_100);
    assertThat(direct.hasRemaining()).isFalse();
  }
}
