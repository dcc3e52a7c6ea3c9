package dev.helios.engine.cas.file;

import dev.helios.engine.hash.Hash;
import java.util.Objects;

/**
 * A file stored in a {@link dev.helios.engine.cas.ChunkStore} as content-defined chunks: the
 * handle that {@link ChunkedFileWriter} returns and {@link ChunkedFileReader} opens. Immutable and
 * thread-safe.
 *
 * <p>Two hashes describe a file, and they are different things:
 *
 * <ul>
 *   <li>{@link #contentHash()} is the BLAKE3 of the raw bytes, exactly {@code Blake3.hash(bytes)}:
 *       what a VST file node names, and what anyone can recompute from the content alone.
 *   <li>{@link #address()} is where the file is found in the store: the hash of its only chunk
 *       when the file is a single chunk (then it equals the content hash), otherwise the hash of
 *       the root of its manifest tree, which lists the chunks and records the content hash.
 * </ul>
 *
 * <p>Whether the address is a chunk of content or a manifest is never guessed from the bytes
 * stored under it (content may look like a manifest): it is the handle that says so, through
 * {@link #isSingleChunk()}. Code that persists a file reference keeps all three fields, or keeps
 * a manifest address apart from single-chunk addresses and re-opens it with {@link
 * ChunkedFileReader#openManifest}.
 *
 * @param address the hash of the single chunk, or of the root manifest
 * @param size the file's length in bytes; {@code >= 0}
 * @param contentHash the BLAKE3 of the file's bytes
 * @throws IllegalArgumentException if {@code size} is negative, or is above {@link
 *     Chunker#MAX_SIZE_LIMIT} for a single-chunk file
 */
public record ChunkedFile(Hash address, long size, Hash contentHash) {
  /** Checks the fields; see the record's contract. */
  public ChunkedFile {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(contentHash, "contentHash");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + size);
    }
    if (address.equals(contentHash) && size > Chunker.MAX_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "a single-chunk file holds at most " + Chunker.MAX_SIZE_LIMIT + " bytes: " + size);
    }
  }

  /**
   * Returns the handle of a file stored as the one chunk {@code contentHash} of {@code size}
   * bytes, e.g. from a VST file node.
   */
  public static ChunkedFile singleChunk(Hash contentHash, long size) {
    return new ChunkedFile(contentHash, size, contentHash);
  }

  /** Whether the file is one chunk, stored under its content hash, with no manifest. */
  public boolean isSingleChunk() {
    return address.equals(contentHash);
  }
}
