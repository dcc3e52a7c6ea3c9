package dev.helios.engine.vst.internal;

import dev.helios.engine.hash.Hash;
import java.io.IOException;

/** Where stored directory nodes are read from. */
@FunctionalInterface
public interface NodeSource {
  /**
   * Reads and decodes the directory node at {@code address}, which must be at shard depth
   * {@code depth}.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if no such node is stored
   * @throws dev.helios.engine.errors.CorruptNodeException if it is malformed or not a directory
   *     node fit for that depth
   * @throws IOException if the store cannot be read
   */
  Dir loadDir(Hash address, int depth) throws IOException;
}
