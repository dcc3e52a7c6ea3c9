package dev.helios.engine.vst.internal;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.cas.file.ChunkedFileWriter;
import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where file content lives: content up to {@link #INLINE_MAX} bytes is one chunk whose hash is
 * the content's BLAKE3; larger content is a chunked file (FastCDC chunks and a manifest), found
 * through the content index {@code vst/content/<hex>} → manifest address. Thread-safe.
 */
public final class ContentStore {
  /** Content up to this size is stored as one chunk. */
  public static final int INLINE_MAX = 1 << 20;

  static final String INDEX_PREFIX = "vst/content/";

  private final ChunkStore chunks;
  private final KeyValueStore meta;

  public ContentStore(ChunkStore chunks, KeyValueStore meta) {
    this.chunks = chunks;
    this.meta = meta;
  }

  /**
   * Adds {@code content}, whose BLAKE3 is {@code hash}, to a commit: its chunks to {@code batch},
   * its index entry (for large content) to {@code index}.
   */
  public void addTo(ChunkBatch batch, KvBatch index, Hash hash, byte[] content) throws IOException {
    if (content.length <= INLINE_MAX) {
      batch.add(hash, content);
      return;
    }
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(new BatchingStore(batch, chunks))) {
      writer.write(content);
      ChunkedFile file = writer.finish();
      if (!file.contentHash().equals(hash)) {
        throw new IllegalStateException("content changed while it was staged: " + hash);
      }
      if (!file.isSingleChunk()) {
        index.put(indexKey(hash), file.address().toBytes());
      }
    }
  }

  /**
   * Reads the whole content.
   *
   * @throws MissingChunkException if it is not stored
   * @throws IOException if it cannot be read or fails verification
   */
  public byte[] read(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX) {
      return chunks.get(hash).orElseThrow(() -> new MissingChunkException(hash, "file content"));
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("content " + hash + " of " + size + " bytes is too large to read whole");
    }
    try (InputStream in = open(hash, size)) {
      return in.readAllBytes();
    }
  }

  /** Opens the content as a stream; the caller closes it. */
  public InputStream open(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX) {
      return new ByteArrayInputStream(read(hash, size));
    }
    ChunkedFileReader reader = ChunkedFileReader.openManifest(chunks, manifest(hash));
    if (!reader.file().contentHash().equals(hash) || reader.size() != size) {
      throw new CorruptChunkException(hash, reader.file().contentHash(), "content index");
    }
    return reader.newInputStream();
  }

  /** Whether the content is stored (for large content: its index entry and manifest). */
  public boolean exists(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX) {
      return chunks.contains(hash);
    }
    Optional<byte[]> address = meta.get(indexKey(hash));
    return address.isPresent() && chunks.contains(Hash.fromBytes(address.get()));
  }

  /** Calls {@code action} with every chunk the content is made of (for garbage collection). */
  public void forEachChunk(Hash hash, long size, Consumer<Hash> action) throws IOException {
    if (size <= INLINE_MAX) {
      action.accept(hash);
      return;
    }
    Optional<byte[]> address = meta.get(indexKey(hash));
    if (address.isEmpty()) {
      return;
    }
    Hash manifest = Hash.fromBytes(address.get());
    action.accept(manifest);
    if (chunks.contains(manifest)) {
      ChunkedFileReader.openManifest(chunks, manifest).forEachReferencedChunk(action);
    }
  }

  private Hash manifest(Hash hash) throws IOException {
    byte[] address =
        meta.get(indexKey(hash))
            .orElseThrow(() -> new MissingChunkException(hash, "file content (no index entry)"));
    return Hash.fromBytes(address);
  }

  static byte[] indexKey(Hash hash) {
    return (INDEX_PREFIX + hash.toHex()).getBytes(StandardCharsets.US_ASCII);
  }

  /** A chunk store that adds writes to a batch and reads through to the real store. */
  private static final class BatchingStore implements ChunkStore {
    private final ChunkBatch batch;
    private final ChunkStore store;

    BatchingStore(ChunkBatch batch, ChunkStore store) {
      this.batch = batch;
      this.store = store;
    }

    @Override
    public Hash put(byte[] data) {
      return batch.add(data);
    }

    @Override
    public void write(ChunkBatch more) {
      more.chunks().forEach(batch::add);
    }

    @Override
    public Optional<byte[]> get(Hash hash) throws IOException {
      byte[] pending = batch.chunks().get(hash);
      return pending != null ? Optional.of(pending.clone()) : store.get(hash);
    }

    @Override
    public boolean contains(Hash hash) throws IOException {
      return batch.chunks().containsKey(hash) || store.contains(hash);
    }

    @Override
    public long sizeOf(Hash hash) throws IOException {
      byte[] pending = batch.chunks().get(hash);
      return pending != null ? pending.length : store.sizeOf(hash);
    }

    @Override
    public void forEachHash(Consumer<Hash> action) {
      throw new UnsupportedOperationException("a commit batch cannot be listed");
    }

    @Override
    public void delete(Collection<Hash> hashes) {
      throw new UnsupportedOperationException("a commit batch cannot delete");
    }

    @Override
    public Stats stats() {
      return store.stats();
    }

    @Override
    public void close() {}
  }
}
