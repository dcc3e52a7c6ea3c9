package dev.helios.engine.errors;

import dev.helios.engine.hash.Hash;

/**
 * A chunked file's manifest cannot be used: its bytes do not decode, it contradicts the
 * manifest that refers to it, or a chunk it lists has another length than it says. The bytes
 * were verified against their hash, so the manifest was written wrong or something that is not a
 * manifest was opened as one.
 */
public final class CorruptManifestException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Hash manifest;

  /** Creates the error for the manifest chunk {@code manifest}; {@code reason} says what is wrong. */
  public CorruptManifestException(Hash manifest, String reason) {
    super("corrupt manifest " + manifest.toHex() + ": " + reason);
    this.manifest = manifest;
  }

  /** The hash of the manifest chunk at fault. */
  public Hash manifest() {
    return manifest;
  }
}
