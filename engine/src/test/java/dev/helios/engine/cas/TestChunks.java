package dev.helios.engine.cas;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test content. */
public final class TestChunks {
  private TestChunks() {}

  private static final String[] WORDS = {
    "public", "final", "class", "return", "static", "void", "int", "long", "byte[]", "if", "else",
    "for", "while", "new", "this", "null", "throws", "IOException", "private", "import", "=", "==",
    "{", "}", "(", ")", ";", "hash", "chunk", "store", "data", "length", "offset", "key", "value"
  };

  /** Returns {@code length} random bytes drawn from {@code random} (incompressible). */
  public static byte[] random(Random random, int length) {
    byte[] data = new byte[length];
    random.nextBytes(data);
    return data;
  }

  /** Returns {@code length} bytes of source-like text drawn from {@code random} (compressible). */
  public static byte[] text(Random random, int length) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      text.append(WORDS[random.nextInt(WORDS.length)]);
      text.append(random.nextInt(8) == 0 ? '\n' : ' ');
    }
    return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
  }
}
