package dev.helios.engine.kv.internal;

import java.util.Arrays;
import java.util.Comparator;

/** Helpers on byte-string keys shared by the key-value stores. */
final class Keys {
  /** Orders keys as unsigned bytes, shorter first on a common prefix. */
  static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

  private Keys() {}

  /**
   * Returns the smallest key greater than every key starting with {@code prefix}, or null when
   * there is none (the prefix is empty or all 0xff).
   */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
  }
}
