package dev.helios.engine.errors;

import dev.helios.engine.hash.Hash;

/** The bytes stored under a hash do not hash to it: storage corruption, never returned as data. */
public final class CorruptChunkException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Hash expected;

  /** Creates the error for the chunk {@code expected} whose stored bytes hash to {@code actual}. */
  public CorruptChunkException(Hash expected, Hash actual, String where) {
    super("corrupt chunk " + expected.toHex() + " in " + where + ": its bytes hash to " + actual.toHex());
    this.expected = expected;
  }

  /** The hash the chunk was asked for under. */
  public Hash expected() {
    return expected;
  }
}
