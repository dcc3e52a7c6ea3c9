package dev.helios.engine.errors;

import dev.helios.engine.hash.Hash;

/** A chunk that a structure refers to is not in the store. */
public final class MissingChunkException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Hash hash;

  /** Creates the error for {@code hash}, missing from {@code where}. */
  public MissingChunkException(Hash hash, String where) {
    super("missing chunk " + hash.toHex() + " in " + where);
    this.hash = hash;
  }

  /** The hash that was not found. */
  public Hash hash() {
    return hash;
  }
}
