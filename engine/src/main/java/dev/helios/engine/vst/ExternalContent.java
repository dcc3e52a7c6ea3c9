package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.io.InputStream;

/**
 * A place outside the chunk store where file content lives, such as a blob in a Git pack.
 * Registered with {@link Workspaces#registerContentSource}; the content index then maps a
 * content hash to this source's name and a locator it understands, so that the same bytes are
 * not stored twice. Implementations must be thread-safe.
 */
public interface ExternalContent {
  /** The source's name, stored in index entries (1 to 64 ASCII characters, e.g. {@code git}). */
  String name();

  /**
   * Opens the content that {@code locator} names, which must be {@code size} bytes whose BLAKE3
   * is {@code hash}. The caller closes the stream; {@link Workspaces} verifies what it reads.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if the content is no longer there
   * @throws IOException if it cannot be read
   */
  InputStream open(byte[] locator, Hash hash, long size) throws IOException;
}
