package dev.helios.engine.vst.internal;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.cas.file.ChunkedFileWriter;
import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.ExternalContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where file content lives. Content up to {@link #INLINE_MAX} bytes written by workspaces is one
 * chunk whose hash is the content's BLAKE3; larger content is a chunked file (FastCDC chunks and
 * a manifest). Content held elsewhere — a blob in a Git pack — stays there, and the content
 * index says where. Thread-safe.
 */
public final class ContentStore {
  /*
   * The content index, `vst/content/<hex of the content's BLAKE3>`, says where content that is
   * not one chunk lives:
   *   MANIFEST (1) + 32-byte manifest address: a chunked file in the chunk store;
   *   EXTERNAL (2) + name length (1) + source name + locator: an ExternalContent source.
   * A node's address depends only on the content's hash and size, never on where the bytes are,
   * so the index can change (content written by a workspace after it came from a pack) without
   * touching a node. Reads check the chunk first, then the index.
   */

  /** Content up to this size is stored as one chunk. */
  public static final int INLINE_MAX = 1 << 20;

  static final String INDEX_PREFIX = "vst/content/";
  private static final int MANIFEST = 1;
  private static final int EXTERNAL = 2;

  private final ChunkStore chunks;
  private final KeyValueStore meta;
  private final Map<String, ExternalContent> sources = new ConcurrentHashMap<>();

  public ContentStore(ChunkStore chunks, KeyValueStore meta) {
    this.chunks = chunks;
    this.meta = meta;
  }

  /** Makes content indexed under {@code source.name()} readable; replaces one of that name. */
  public void register(ExternalContent source) {
    String name = source.name();
    if (name.isEmpty() || name.length() > 64 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
      throw new IllegalArgumentException("a content source needs a short ASCII name: " + name);
    }
    sources.put(name, source);
  }

  /**
   * Adds to {@code index} the entry saying that the content {@code hash} is held by the source
   * {@code sourceName} under {@code locator}.
   */
  public static void indexExternal(KvBatch index, Hash hash, String sourceName, byte[] locator) {
    byte[] name = sourceName.getBytes(StandardCharsets.US_ASCII);
    byte[] value = new byte[2 + name.length + locator.length];
    value[0] = EXTERNAL;
    value[1] = (byte) name.length;
    System.arraycopy(name, 0, value, 2, name.length);
    System.arraycopy(locator, 0, value, 2 + name.length, locator.length);
    index.put(indexKey(hash), value);
  }

  /** The locator of content held by source {@code sourceName}, or empty. */
  public Optional<byte[]> externalLocator(Hash hash, String sourceName) throws IOException {
    Optional<byte[]> entry = meta.get(indexKey(hash));
    if (entry.isEmpty() || entry.get().length < 2 || entry.get()[0] != EXTERNAL) {
      return Optional.empty();
    }
    byte[] value = entry.get();
    int nameLength = value[1] & 0xff;
    if (!new String(value, 2, nameLength, StandardCharsets.US_ASCII).equals(sourceName)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(value, 2 + nameLength, value.length));
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
        byte[] value = new byte[1 + Hash.LENGTH];
        value[0] = MANIFEST;
        file.address().copyTo(value, 1);
        index.put(indexKey(hash), value);
      }
    }
  }

  /**
   * Reads the whole content, verified.
   *
   * @throws MissingChunkException if it is not stored
   * @throws IOException if it cannot be read or fails verification
   */
  public byte[] read(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX) {
      Optional<byte[]> chunk = chunks.get(hash);
      if (chunk.isPresent()) {
        return chunk.get();
      }
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("content " + hash + " of " + size + " bytes is too large to read whole");
    }
    byte[] data;
    try (InputStream in = open(hash, size)) {
      data = in.readAllBytes();
    }
    return data;
  }

  /** Opens the content as a stream; the caller closes it. */
  public InputStream open(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX) {
      Optional<byte[]> chunk = chunks.get(hash);
      if (chunk.isPresent()) {
        return new ByteArrayInputStream(chunk.get());
      }
    }
    byte[] entry =
        meta.get(indexKey(hash)).orElseThrow(() -> new MissingChunkException(hash, "file content"));
    Hash manifest = manifestOf(entry);
    if (manifest != null) {
      ChunkedFileReader reader = ChunkedFileReader.openManifest(chunks, manifest);
      if (!reader.file().contentHash().equals(hash) || reader.size() != size) {
        throw new CorruptChunkException(hash, reader.file().contentHash(), "content index");
      }
      return reader.newInputStream();
    }
    int nameLength = entry[1] & 0xff;
    String name = new String(entry, 2, nameLength, StandardCharsets.US_ASCII);
    ExternalContent source = sources.get(name);
    if (source == null) {
      throw new StoreException(
          "content " + hash + " is held by '" + name + "', which is not open in this process");
    }
    byte[] locator = Arrays.copyOfRange(entry, 2 + nameLength, entry.length);
    if (size > INLINE_MAX) {
      return source.open(locator, hash, size);
    }
    // Small external content is verified whole, as chunks are.
    byte[] data;
    try (InputStream in = source.open(locator, hash, size)) {
      data = in.readAllBytes();
    }
    Hash actual = Blake3.hash(data);
    if (!actual.equals(hash) || data.length != size) {
      throw new CorruptChunkException(hash, actual, "content from " + name);
    }
    return new ByteArrayInputStream(data);
  }

  /** Whether the content can be read: a chunk, a manifest, or a registered external source. */
  public boolean exists(Hash hash, long size) throws IOException {
    if (size <= INLINE_MAX && chunks.contains(hash)) {
      return true;
    }
    Optional<byte[]> entry = meta.get(indexKey(hash));
    if (entry.isEmpty()) {
      return false;
    }
    Hash manifest = manifestOf(entry.get());
    if (manifest != null) {
      return chunks.contains(manifest);
    }
    int nameLength = entry.get()[1] & 0xff;
    return sources.containsKey(new String(entry.get(), 2, nameLength, StandardCharsets.US_ASCII));
  }

  /**
   * Calls {@code action} with every chunk the content is made of (for garbage collection);
   * external content has none.
   */
  public void forEachChunk(Hash hash, long size, Consumer<Hash> action) throws IOException {
    if (size <= INLINE_MAX) {
      action.accept(hash);
      return;
    }
    Optional<byte[]> entry = meta.get(indexKey(hash));
    if (entry.isEmpty()) {
      return;
    }
    Hash manifest = manifestOf(entry.get());
    if (manifest != null) {
      action.accept(manifest);
      if (chunks.contains(manifest)) {
        ChunkedFileReader.openManifest(chunks, manifest).forEachReferencedChunk(action);
      }
    }
  }

  private static @Nullable Hash manifestOf(byte[] entry) {
    if (entry.length == 1 + Hash.LENGTH && entry[0] == MANIFEST) {
      return Hash.fromBytes(entry, 1);
    }
    return null;
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
