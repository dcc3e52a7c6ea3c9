package dev.helios.engine.hash;

/**
 * BLAKE3 hashing: one-shot, incremental, keyed and key-derivation modes, with extendable output.
 *
 * <p>PROVISIONAL: this facade delegates to commons-codec until the project's own implementation
 * lands; the signatures are the contract.
 */
public final class Blake3 {
  private Blake3() {}

  /** Returns the 32-byte BLAKE3 hash of {@code data}. */
  public static Hash hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** Returns the 32-byte BLAKE3 hash of {@code data[offset .. offset + length)}. */
  public static Hash hash(byte[] data, int offset, int length) {
    return newHasher().update(data, offset, length).finish();
  }

  /** Returns a new incremental hasher in the default (unkeyed) mode. */
  public static Hasher newHasher() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Returns a new incremental hasher in keyed mode; {@code key} must be 32 bytes. */
  public static Hasher newKeyedHasher(byte[] key) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Returns a new incremental hasher in key-derivation mode for {@code context}. */
  public static Hasher newDeriveKeyHasher(String context) {
    throw new UnsupportedOperationException("not yet");
  }

  /** An incremental BLAKE3 state. Not thread-safe: confine an instance to one thread. */
  public interface Hasher {
    /** Absorbs {@code data[offset .. offset + length)}; returns this. */
    Hasher update(byte[] data, int offset, int length);

    /** Absorbs all of {@code data}; returns this. */
    default Hasher update(byte[] data) {
      return update(data, 0, data.length);
    }

    /** Returns the 32-byte digest of everything absorbed; the hasher may still be updated. */
    Hash finish();

    /** Writes {@code length} bytes of extended output into {@code out} at {@code offset}. */
    void finishXof(byte[] out, int offset, int length);

    /** Resets to the state right after construction (same mode and key). */
    void reset();
  }
}
