package dev.helios.engine.cas.file;

import dev.helios.engine.errors.CorruptManifestException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.hash.Hash;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the bytes, decoding returns a manifest or throws CorruptManifestException, nothing else. */
class ManifestFuzzTest {
  private static final Hash ADDRESS = ManifestTest.hash(0xaa);

  @Property(tries = 2000, seed = "31337")
  void decode_randomBytes_onlyCorruptManifestException(@ForAll @Size(max = 400) byte[] bytes) {
    decodeOrCorrupt(bytes);
  }

  @Property(tries = 2000, seed = "1234")
  void decode_randomBytesAfterValidHeader_onlyCorruptManifestException(
      @ForAll @IntRange(min = 0, max = 2) int flags, @ForAll @Size(max = 400) byte[] tail) {
    byte[] header = {'H', 'C', 'F', 'M', 1, 0, (byte) flags};

    decodeOrCorrupt(concat(header, tail));
  }

  @Property(tries = 2000, seed = "99")
  void decode_validManifestWithBytesChanged_onlyCorruptManifestException(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 10_000) Integer> positions,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 200) int cut) {
    byte[] bytes = ManifestTest.valid();
    for (int position : positions) {
      bytes[position % bytes.length] = value;
    }

    decodeOrCorrupt(Arrays.copyOf(bytes, Math.max(0, bytes.length - cut)));
  }

  private static void decodeOrCorrupt(byte[] bytes) {
    try {
      Manifest manifest = Manifest.decode(ADDRESS, bytes);
      assertThat(manifest.size()).isEqualTo(manifest.start(manifest.count()));
      assertThat(Manifest.encode(manifest.level(), manifest.contentHash(), hashes(manifest), lengths(manifest)))
          .as("a decodable manifest re-encodes to the same bytes")
          .isEqualTo(bytes);
    } catch (CorruptManifestException e) {
      assertThat(e.manifest()).isEqualTo(ADDRESS);
      assertThat(e).hasMessageContaining(ADDRESS.toHex());
    }
  }

  private static List<Hash> hashes(Manifest manifest) {
    Hash[] hashes = new Hash[manifest.count()];
    Arrays.setAll(hashes, manifest::hash);
    return List.of(hashes);
  }

  private static long[] lengths(Manifest manifest) {
    long[] lengths = new long[manifest.count()];
    Arrays.setAll(lengths, manifest::length);
    return lengths;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
