package dev.helios.engine.hash;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte BLAKE3 digest: the address of every value in Helios. Immutable and thread-safe.
 *
 * <p>Ordering is unsigned lexicographic over the bytes, which is also the order of the hex form
 * and the order in which RocksDB keeps keys.
 */
public final class Hash implements Comparable<Hash> {
  /** Length of a digest in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private final int hashCode;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
    // The bytes are uniformly distributed already: the first four make a good hash code.
    this.hashCode =
        (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  /**
   * Returns the hash with these 32 bytes (copied).
   *
   * @throws IllegalArgumentException if {@code bytes.length != 32}
   */
  public static Hash fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /**
   * Returns the hash held in {@code bytes[offset .. offset + 32)} (copied).
   *
   * @throws IllegalArgumentException if fewer than 32 bytes follow {@code offset}
   */
  public static Hash fromBytes(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < LENGTH) {
      throw new IllegalArgumentException(
          "a hash needs 32 bytes at offset " + offset + " of an array of " + bytes.length);
    }
    return new Hash(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
  }

  /** Wraps an array the caller hands over and never touches again; for hashers in this package. */
  static Hash wrap(byte[] owned) {
    return new Hash(owned);
  }

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not exactly 64 hex digits
   */
  public static Hash fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a hash is 64 hex digits, got " + hex.length() + ": '" + hex + "'");
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex hash: '" + hex + "'", e);
    }
  }

  /** Returns a copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, LENGTH);
  }

  /** Writes the 32 bytes at the buffer's position and advances it. */
  public void writeTo(ByteBuffer dst) {
    dst.put(bytes);
  }

  /** Returns the byte at {@code index} (0..31) as an unsigned value. */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** Returns the 64 lowercase hex digits. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Returns the first {@code n} hex digits, for logs and messages. */
  public String abbreviate(int n) {
    return toHex().substring(0, Math.min(n, 2 * LENGTH));
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && hashCode == h.hashCode && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
