package dev.helios.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official BLAKE3 test vectors ({@code shared/testdata/blake3/test_vectors.json}, from the
 * reference repository): every input length, in all three modes, over the full 131-byte
 * extended output and its 32-byte prefix.
 */
class Blake3TestVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern CASE =
      Pattern.compile(
          "\\{\\s*\"input_len\":\\s*(\\d+),\\s*\"hash\":\\s*\"([0-9a-f]+)\","
              + "\\s*\"keyed_hash\":\\s*\"([0-9a-f]+)\","
              + "\\s*\"derive_key\":\\s*\"([0-9a-f]+)\"\\s*}");
  private static final Vectors VECTORS = load();

  record Case(int inputLen, String hash, String keyedHash, String deriveKey) {
    byte[] input() {
      byte[] input = new byte[inputLen];
      for (int i = 0; i < inputLen; i++) {
        input[i] = (byte) (i % 251);
      }
      return input;
    }

    @Override
    public String toString() {
      return "input_len=" + inputLen;
    }
  }

  record Vectors(byte[] key, String context, List<Case> cases) {}

  static List<Case> cases() {
    return VECTORS.cases();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void hash_officialInput_matchesVector(Case c) {
    byte[] input = c.input();

    Hash hash = Blake3.hash(input);
    byte[] xof = xof(Blake3.newHasher().update(input), c.hash().length() / 2);

    assertThat(HEX.formatHex(xof)).isEqualTo(c.hash());
    assertThat(hash.toHex()).isEqualTo(c.hash().substring(0, 64));
    assertThat(Blake3.newHasher().update(input).finish()).isEqualTo(hash);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void keyedHasher_officialInput_matchesVector(Case c) {
    byte[] input = c.input();
    int length = c.keyedHash().length() / 2;

    byte[] xof = xof(Blake3.newKeyedHasher(VECTORS.key()).update(input), length);
    Hash hash = Blake3.newKeyedHasher(VECTORS.key()).update(input).finish();

    assertThat(HEX.formatHex(xof)).isEqualTo(c.keyedHash());
    assertThat(hash.toHex()).isEqualTo(c.keyedHash().substring(0, 64));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void deriveKeyHasher_officialInput_matchesVector(Case c) {
    byte[] input = c.input();

    byte[] xof =
        xof(Blake3.newDeriveKeyHasher(VECTORS.context()).update(input), c.deriveKey().length() / 2);
    Hash hash = Blake3.newDeriveKeyHasher(VECTORS.context()).update(input).finish();

    assertThat(HEX.formatHex(xof)).isEqualTo(c.deriveKey());
    assertThat(hash.toHex()).isEqualTo(c.deriveKey().substring(0, 64));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void update_officialInputInPieces_matchesVector(Case c) {
    byte[] input = c.input();

    for (int piece : new int[] {1, 7, 63, 64, 65, 1023, 1024, 1025, 4097}) {
      if (piece == 1 && input.length > 8192) {
        continue; // a byte at a time over 100 KiB only slows the suite down
      }
      Blake3.Hasher hasher = Blake3.newHasher();
      for (int at = 0; at < input.length; at += piece) {
        hasher.update(input, at, Math.min(piece, input.length - at));
      }

      assertThat(HEX.formatHex(xof(hasher, c.hash().length() / 2)))
          .as("pieces of %d bytes", piece)
          .isEqualTo(c.hash());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void hash_officialInputAtOffset_matchesVector(Case c) {
    byte[] input = c.input();
    byte[] padded = new byte[input.length + 13];
    System.arraycopy(input, 0, padded, 7, input.length);

    Hash hash = Blake3.hash(padded, 7, input.length);

    assertThat(hash.toHex()).isEqualTo(c.hash().substring(0, 64));
  }

  private static byte[] xof(Blake3.Hasher hasher, int length) {
    byte[] out = new byte[length];
    hasher.finishXof(out, 0, length);
    return out;
  }

  private static Vectors load() {
    String dir = System.getProperty("helios.testdata");
    Path path =
        dir == null
            ? Path.of("<system property helios.testdata is not set>", "blake3", "test_vectors.json")
            : Path.of(dir, "blake3", "test_vectors.json");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "BLAKE3 test vectors not found at "
              + path.toAbsolutePath()
              + " (from -Dhelios.testdata)");
    }
    String json;
    try {
      json = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    List<Case> cases = new ArrayList<>();
    Matcher m = CASE.matcher(json);
    while (m.find()) {
      cases.add(new Case(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4)));
    }
    if (cases.size() < 30) {
      throw new IllegalStateException(path + " holds " + cases.size() + " cases; expected 35");
    }
    return new Vectors(
        field(json, "key", path).getBytes(StandardCharsets.US_ASCII),
        field(json, "context_string", path),
        List.copyOf(cases));
  }

  private static String field(String json, String name, Path path) {
    Matcher m = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException(path + " has no field " + name);
    }
    return m.group(1);
  }
}
