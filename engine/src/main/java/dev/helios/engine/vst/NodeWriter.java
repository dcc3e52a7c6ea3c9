package dev.helios.engine.vst;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.internal.Dir;
import dev.helios.engine.vst.internal.DirRef;
import dev.helios.engine.vst.internal.Directories;
import dev.helios.engine.vst.internal.Entry;
import dev.helios.engine.vst.internal.LeafDir;
import dev.helios.engine.vst.internal.NodeCodec;
import dev.helios.engine.vst.internal.ShardDir;
import dev.helios.engine.vst.internal.NodeStore;
import java.util.List;
import java.util.Objects;

/**
 * Builds VST nodes from values, for code that makes trees without a workspace (the twins of
 * Git objects): each method encodes the node(s), adds them to a batch and returns the address.
 * Writing the batch is the caller's (see {@link dev.helios.engine.Storage#commit}). Stateless.
 */
public final class NodeWriter {
  private NodeWriter() {}

  /**
   * Adds the directory of {@code entries} — sorted by name ({@link VstPaths#compareNames}),
   * names unique — to {@code batch}: one node, or the nodes of its canonical sharded form when
   * it is large. Subdirectory entries name nodes already stored or added. Returns the address.
   *
   * @throws IllegalArgumentException if the entries are not sorted and unique
   */
  public static Hash directory(List<DirEntry> entries, ChunkBatch batch) {
    Entry[] sorted = new Entry[entries.size()];
    for (int i = 0; i < sorted.length; i++) {
      DirEntry e = entries.get(i);
      if (i > 0 && VstPaths.compareNames(entries.get(i - 1).name(), e.name()) >= 0) {
        throw new IllegalArgumentException(
            "entries out of order or repeated at '" + e.name() + "'");
      }
      sorted[i] =
          e.kind() == EntryKind.DIRECTORY
              ? Entry.directory(e.name(), DirRef.stored(e.hash(), 0))
              : Entry.leaf(e.name(), e.kind(), e.hash(), e.size());
    }
    return add(DirRef.of(Directories.build(sorted), 0), batch);
  }

  /** Adds the snapshot node of {@code draft} to {@code batch} and returns its id. */
  public static Hash snapshot(Snapshot.Draft draft, ChunkBatch batch) {
    byte[] encoded = NodeCodec.encodeSnapshot(Objects.requireNonNull(draft, "draft"));
    return batch.add(NodeCodec.address(encoded), encoded);
  }

  /** Adds an annotation node to {@code batch} and returns its address. */
  public static Hash annotation(
      Annotation.TargetKind kind, Hash target, long targetSize, byte[] raw, ChunkBatch batch) {
    byte[] encoded = NodeCodec.encodeAnnotation(kind, target, targetSize, raw);
    return batch.add(NodeCodec.address(encoded), encoded);
  }

  /** The address of the empty directory (which is never stored: every reader knows it). */
  public static Hash emptyDirectory() {
    return NodeStore.emptyDirectory();
  }

  // Encodes the in-memory nodes below `ref`, children first.
  private static Hash add(DirRef ref, ChunkBatch batch) {
    if (ref.isStored()) {
      return Objects.requireNonNull(ref.knownAddress());
    }
    Dir dir = Objects.requireNonNull(ref.loaded());
    if (dir instanceof ShardDir shard) {
      for (DirRef child : shard.children()) {
        add(child, batch);
      }
    } else {
      for (Entry e : ((LeafDir) dir).entries()) {
        if (e.dir() != null) {
          add(e.dir(), batch);
        }
      }
    }
    byte[] encoded = NodeCodec.encode(dir);
    Hash address = NodeCodec.address(encoded);
    ref.setAddress(address);
    return batch.add(address, encoded);
  }
}
