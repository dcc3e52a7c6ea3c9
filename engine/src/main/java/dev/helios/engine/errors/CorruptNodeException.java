package dev.helios.engine.errors;

import dev.helios.engine.hash.Hash;
import org.jspecify.annotations.Nullable;

/** A node of the Virtual State Tree could not be decoded: its bytes are not a valid node. */
public final class CorruptNodeException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Hash node;

  /** Creates an error for the node at {@code node} (null when the address is not known). */
  public CorruptNodeException(@Nullable Hash node, String reason) {
    super((node == null ? "malformed node" : "malformed node " + node) + ": " + reason);
    this.node = node;
  }

  /** The address of the malformed node, or null when it was decoded without one. */
  public @Nullable Hash node() {
    return node;
  }
}
