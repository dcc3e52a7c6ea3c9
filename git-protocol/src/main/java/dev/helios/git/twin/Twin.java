package dev.helios.git.twin;

import dev.helios.engine.hash.Hash;
import java.util.Objects;

/**
 * The BLAKE3 twin of one Git object.
 *
 * @param kind the Git object's type
 * @param address for a blob the BLAKE3 of its content; for a tree the address of its directory
 *     node; for a commit its snapshot's id; for an annotated tag its annotation node's address
 * @param size the blob's length in bytes; 0 for the other kinds
 * @param rawKept whether the Git object's exact bytes are kept beside the twin because the twin
 *     alone cannot reproduce them (odd modes, unsorted or duplicate entries, names that are not
 *     Unicode, commits whose header is not UTF-8)
 */
public record Twin(Kind kind, Hash address, long size, boolean rawKept) {
  /** The Git object types. */
  public enum Kind {
    BLOB,
    TREE,
    COMMIT,
    TAG
  }

  public Twin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
  }
}
