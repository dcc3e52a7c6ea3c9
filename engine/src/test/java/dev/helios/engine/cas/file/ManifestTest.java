package dev.helios.engine.cas.file;

import dev.helios.engine.errors.CorruptManifestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.hash.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final Hash ADDRESS = hash(0xaa);

  @Test
  void encode_rootWithTwoEntries_matchesFormatVersion1Bytes() {
    byte[] bytes = Manifest.encode(0, hash(0x11), List.of(hash(0x22), hash(0x33)), new long[] {300, 5});

    String expected =
        "4843464d" + "01" + "00" + "01" // magic "HCFM", version 1, level 0, flags root
            + "b102" // size 305 as LEB128
            + "11".repeat(32) // content hash
            + "02" // two entries
            + "22".repeat(32) + "ac02" // 300
            + "33".repeat(32) + "05";
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
  }

  @Test
  void decode_encodedRoot_returnsSameEntries() throws Exception {
    List<Hash> hashes = List.of(hash(1), hash(2), hash(3));
    byte[] bytes = Manifest.encode(2, hash(9), hashes, new long[] {10, 1L << 40, 7});

    Manifest manifest = Manifest.decode(ADDRESS, bytes);

    assertThat(manifest.level()).isEqualTo(2);
    assertThat(manifest.isRoot()).isTrue();
    assertThat(manifest.contentHash()).isEqualTo(hash(9));
    assertThat(manifest.count()).isEqualTo(3);
    assertThat(manifest.hash(1)).isEqualTo(hash(2));
    assertThat(manifest.start(2)).isEqualTo(10 + (1L << 40));
    assertThat(manifest.length(2)).isEqualTo(7);
    assertThat(manifest.size()).isEqualTo(17 + (1L << 40));
  }

  @Test
  void decode_nonRoot_hasNoContentHash() throws Exception {
    byte[] bytes = Manifest.encode(0, null, List.of(hash(1)), new long[] {64});

    Manifest manifest = Manifest.decode(ADDRESS, bytes);

    assertThat(manifest.isRoot()).isFalse();
    assertThat(manifest.contentHash()).isNull();
  }

  @Test
  void indexOf_positionsAtAndInsideEntries_returnsHoldingEntry() throws Exception {
    Manifest manifest =
        Manifest.decode(ADDRESS, Manifest.encode(0, null, List.of(hash(1), hash(2), hash(3)), new long[] {10, 20, 30}));

    assertThat(manifest.indexOf(0)).isZero();
    assertThat(manifest.indexOf(9)).isZero();
    assertThat(manifest.indexOf(10)).isEqualTo(1);
    assertThat(manifest.indexOf(29)).isEqualTo(1);
    assertThat(manifest.indexOf(30)).isEqualTo(2);
    assertThat(manifest.indexOf(59)).isEqualTo(2);
  }

  @Test
  void encode_maxFanoutOfLargestEntries_fitsTheDefaultMaximumChunk() {
    List<Hash> hashes = new ArrayList<>();
    long[] lengths = new long[Manifest.MAX_FANOUT];
    for (int i = 0; i < Manifest.MAX_FANOUT; i++) {
      hashes.add(hash(i));
      lengths[i] = Long.MAX_VALUE / Manifest.MAX_FANOUT;
    }

    byte[] bytes = Manifest.encode(Manifest.MAX_LEVEL, hash(0), hashes, lengths);

    assertThat(bytes.length).isLessThanOrEqualTo(Chunker.Config.DEFAULT.maxSize());
  }

  @Test
  void encode_rootWithOneEntry_throwsIllegalArgument() {
    assertThatThrownBy(() -> Manifest.encode(0, hash(1), List.of(hash(2)), new long[] {5}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_badMagic_throwsCorruptManifestNamingAddress() {
    byte[] bytes = valid();
    bytes[0] = 'X';

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes))
        .isInstanceOf(CorruptManifestException.class)
        .hasMessageContaining(ADDRESS.toHex())
        .hasMessageContaining("magic");
  }

  @Test
  void decode_unknownVersion_throwsCorruptManifest() {
    byte[] bytes = valid();
    bytes[4] = 2;

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes))
        .isInstanceOf(CorruptManifestException.class)
        .hasMessageContaining("unsupported manifest version 2");
  }

  @Test
  void decode_levelAboveMax_throwsCorruptManifest() {
    byte[] bytes = valid();
    bytes[5] = (byte) (Manifest.MAX_LEVEL + 1);

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("level");
  }

  @Test
  void decode_unknownFlag_throwsCorruptManifest() {
    byte[] bytes = valid();
    bytes[6] = 3;

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("flags");
  }

  @Test
  void decode_everyTruncation_throwsCorruptManifest() {
    byte[] bytes = valid();

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> Manifest.decode(ADDRESS, truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(CorruptManifestException.class);
    }
  }

  @Test
  void decode_trailingByte_throwsCorruptManifest() {
    byte[] bytes = Arrays.copyOf(valid(), valid().length + 1);

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("trailing");
  }

  @Test
  void decode_nonMinimalVarint_throwsCorruptManifest() {
    // size 5 written as two bytes: 0x85 0x00
    byte[] bytes = concat(hex("4843464d010000" + "8500" + "01"), hash(1).toBytes(), hex("05"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("minimally");
  }

  @Test
  void decode_varintOverflowingALong_throwsCorruptManifest() {
    byte[] bytes = hex("4843464d010000" + "ffffffffffffffffff01");

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("longer than");
  }

  @Test
  void decode_zeroEntries_throwsCorruptManifest() {
    byte[] bytes = hex("4843464d010000" + "00" + "00");

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("entry count 0");
  }

  @Test
  void decode_rootWithOneEntry_throwsCorruptManifest() {
    byte[] bytes = concat(hex("4843464d010001" + "05"), hash(1).toBytes(), hex("01"), hash(2).toBytes(), hex("05"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("entry count 1");
  }

  @Test
  void decode_entryCountAboveMaxFanout_throwsCorruptManifest() {
    byte[] bytes = hex("4843464d010000" + "05" + "8120"); // 4097 entries

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("4097");
  }

  @Test
  void decode_zeroLengthEntry_throwsCorruptManifest() {
    byte[] bytes = concat(hex("4843464d010000" + "00" + "01"), hash(1).toBytes(), hex("00"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("length 0");
  }

  @Test
  void decode_dataChunkLongerThan16MiB_throwsCorruptManifest() {
    byte[] bytes = concat(hex("4843464d010000" + "8180808001" + "01"), hash(1).toBytes(), hex("8180808001"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("length 268435457");
  }

  @Test
  void decode_entriesNotAddingUpToSize_throwsCorruptManifest() {
    byte[] bytes = concat(hex("4843464d010000" + "0a" + "02"), hash(1).toBytes(), hex("03"), hash(2).toBytes(), hex("04"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("cover 7 bytes");
  }

  @Test
  void decode_entriesPassingSize_throwsCorruptManifest() {
    byte[] bytes = concat(hex("4843464d010000" + "05" + "02"), hash(1).toBytes(), hex("03"), hash(2).toBytes(), hex("04"));

    assertThatThrownBy(() -> Manifest.decode(ADDRESS, bytes)).isInstanceOf(CorruptManifestException.class).hasMessageContaining("pass the node size");
  }

  static Hash hash(int seed) {
    byte[] bytes = new byte[Hash.LENGTH];
    new SplittableRandom(seed).nextBytes(bytes);
    if (seed >= 0 && seed < 256) {
      Arrays.fill(bytes, (byte) seed);
    }
    return Hash.fromBytes(bytes);
  }

  static byte[] valid() {
    return Manifest.encode(1, hash(7), List.of(hash(1), hash(2)), new long[] {1000, 2000});
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
