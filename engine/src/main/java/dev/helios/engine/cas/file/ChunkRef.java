package dev.helios.engine.cas.file;

import dev.helios.engine.hash.Hash;
import java.util.Objects;

/**
 * A data chunk of a chunked file: its hash, where it starts in the file and its length.
 *
 * @param hash the chunk's address in the store
 * @param offset the position in the file of the chunk's first byte; {@code >= 0}
 * @param length the number of bytes; {@code >= 0}, and 0 only for the one chunk of an empty file
 * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
 */
public record ChunkRef(Hash hash, long offset, int length) {
  /** Checks the fields; see the record's contract. */
  public ChunkRef {
    Objects.requireNonNull(hash, "hash");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0: " + length);
    }
  }

  /** The position in the file just past the chunk's last byte. */
  public long end() {
    return offset + length;
  }
}
