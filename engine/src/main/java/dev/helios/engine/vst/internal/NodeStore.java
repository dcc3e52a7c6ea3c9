package dev.helios.engine.vst.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.errors.CorruptNodeException;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Snapshot;
import java.io.IOException;
import java.util.Objects;

/** Reads VST nodes from the chunk store, checking what decoding alone cannot. Thread-safe. */
public final class NodeStore implements NodeSource {
  // The empty directory is never read: a new workspace refers to it before anything is stored.
  private static final Hash EMPTY = NodeCodec.address(NodeCodec.encode(LeafDir.empty()));

  private final ChunkStore chunks;

  public NodeStore(ChunkStore chunks) {
    this.chunks = Objects.requireNonNull(chunks, "chunks");
  }

  /** The chunk store the nodes are in. */
  public ChunkStore chunks() {
    return chunks;
  }

  @Override
  public Dir loadDir(Hash address, int depth) throws IOException {
    if (address.equals(EMPTY)) {
      return LeafDir.empty();
    }
    byte[] bytes =
        chunks.get(address).orElseThrow(() -> new MissingChunkException(address, "directory node"));
    Dir dir = NodeCodec.decodeDir(address, bytes);
    if (dir instanceof ShardDir shard) {
      if (shard.depth != depth) {
        throw new CorruptNodeException(
            address, "a shard of depth " + shard.depth + " where depth " + depth + " belongs");
      }
    } else if (dir.count() > Dir.MAX_LEAF && depth < Dir.MAX_DEPTH) {
      throw new CorruptNodeException(
          address, "a directory node of " + dir.count() + " entries that should be sharded");
    }
    return dir;
  }

  /**
   * Reads the annotation {@code id}.
   *
   * @throws MissingChunkException if there is no such node
   * @throws CorruptNodeException if the node is not a valid annotation
   */
  public dev.helios.engine.vst.Annotation annotation(Hash id) throws IOException {
    byte[] bytes = chunks.get(id).orElseThrow(() -> new MissingChunkException(id, "annotation"));
    return NodeCodec.decodeAnnotation(id, bytes);
  }

  /** The address of the empty directory. */
  public static Hash emptyDirectory() {
    return EMPTY;
  }

  /**
   * Reads the snapshot {@code id}.
   *
   * @throws MissingChunkException if there is no such node
   * @throws CorruptNodeException if the node is not a valid snapshot
   * @throws IOException if the store cannot be read
   */
  public Snapshot snapshot(Hash id) throws IOException {
    byte[] bytes = chunks.get(id).orElseThrow(() -> new MissingChunkException(id, "snapshot"));
    return NodeCodec.decodeSnapshot(id, bytes);
  }
}
