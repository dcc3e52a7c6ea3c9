package dev.helios.engine.cas.internal;

import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;

/** Checks that bytes hash to the key they were stored under. Stateless. */
final class Verifier {
  private Verifier() {}

  /**
   * Returns {@code data} if it hashes to {@code expected}.
   *
   * @throws CorruptChunkException naming {@code expected} and {@code where} otherwise
   */
  static byte[] verified(Hash expected, byte[] data, Object where) throws CorruptChunkException {
    Hash actual = Blake3.hash(data);
    if (!actual.equals(expected)) {
      throw new CorruptChunkException(expected, actual, String.valueOf(where));
    }
    return data;
  }
}
