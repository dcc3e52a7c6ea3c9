package dev.helios.engine.cas.file;

import dev.helios.engine.errors.CorruptManifestException;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link ChunkedFile} from a {@link ChunkStore} at any position. Thread-safe: any number
 * of threads may read at once (the streams and channels it returns are not, each belongs to one
 * thread). Holds no resource; the store stays the caller's to close.
 *
 * <p>Every chunk comes from the store verified against its hash. A chunk the file needs but the
 * store lacks is a {@link MissingChunkException} naming the chunk, the file and the offset; a
 * manifest that does not decode, or disagrees with the handle or with the chunks it lists, is a
 * {@link CorruptManifestException}.
 */
public final class ChunkedFileReader {
  /*
   * A position is found by descending the manifest tree from the root, by binary search over
   * each node's entry offsets. The reader keeps, per level, the last node it decoded (with its
   * absolute start) and the last data chunk it read, so sequential reads hit the store once per
   * chunk and decode each manifest node once. Caches are single immutable objects behind
   * volatile references: concurrent readers may race to replace one and fetch a chunk twice,
   * but never see a half-updated entry.
   */

  private final ChunkStore store;
  private final ChunkedFile file;
  private final @Nullable Manifest root;
  private final AtomicReferenceArray<@Nullable CachedNode> nodes;
  private volatile @Nullable LoadedChunk lastChunk;

  private ChunkedFileReader(ChunkStore store, ChunkedFile file, @Nullable Manifest root) {
    this.store = store;
    this.file = file;
    this.root = root;
    this.nodes = new AtomicReferenceArray<>(root == null ? 0 : root.level());
  }

  /**
   * Opens {@code file}; for a manifest-backed file, reads and checks its root manifest now.
   *
   * @throws MissingChunkException if the root manifest is not in the store
   * @throws CorruptManifestException if the root manifest is invalid or disagrees with the
   *     handle's size or content hash
   * @throws IOException if the store cannot be read
   */
  public static ChunkedFileReader open(ChunkStore store, ChunkedFile file) throws IOException {
    Objects.requireNonNull(store, "store");
    if (file.isSingleChunk()) {
      return new ChunkedFileReader(store, file, null);
    }
    Manifest root = loadRoot(store, file.address());
    if (root.size() != file.size() || !file.contentHash().equals(root.contentHash())) {
      throw new CorruptManifestException(
          file.address(),
          "root describes " + root.size() + " bytes with content " + root.contentHash()
              + ", the file handle " + file.size() + " bytes with content " + file.contentHash());
    }
    return new ChunkedFileReader(store, file, root);
  }

  /**
   * Opens the file whose root manifest is stored under {@code manifest}; its size and content
   * hash come from the manifest.
   *
   * @throws MissingChunkException if there is no chunk {@code manifest} in the store
   * @throws CorruptManifestException if that chunk is not the root manifest of a file
   * @throws IOException if the store cannot be read
   */
  public static ChunkedFileReader openManifest(ChunkStore store, Hash manifest) throws IOException {
    Manifest root = loadRoot(Objects.requireNonNull(store, "store"), manifest);
    Hash contentHash = Objects.requireNonNull(root.contentHash());
    return new ChunkedFileReader(store, new ChunkedFile(manifest, root.size(), contentHash), root);
  }

  /** The handle of the file being read. */
  public ChunkedFile file() {
    return file;
  }

  /** The file's length in bytes. */
  public long size() {
    return file.size();
  }

  /**
   * Copies the file's bytes from {@code position} into {@code dst[offset ..]}: {@code
   * min(length, size() - position)} of them, fetching as many chunks as that spans.
   *
   * @return the number of bytes copied, or -1 if {@code position >= size()} and {@code length >
   *     0}
   * @throws IllegalArgumentException if {@code position} is negative
   * @throws IndexOutOfBoundsException if the range is not inside {@code dst}
   * @throws MissingChunkException if a chunk of the range is not in the store
   * @throws CorruptManifestException if a manifest on the way is invalid
   * @throws IOException if the store cannot be read
   */
  public int read(long position, byte[] dst, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, dst.length);
    checkPosition(position);
    if (length == 0) {
      return 0;
    }
    if (position >= file.size()) {
      return -1;
    }
    int total = 0;
    while (total < length && position < file.size()) {
      LoadedChunk chunk = load(position);
      int from = (int) (position - chunk.ref().offset());
      int n = Math.min(length - total, chunk.bytes().length - from);
      System.arraycopy(chunk.bytes(), from, dst, offset + total, n);
      total += n;
      position += n;
    }
    return total;
  }

  /**
   * Copies exactly {@code length} bytes from {@code position} into {@code dst[offset ..]}.
   *
   * @throws EOFException if the file ends before {@code position + length}
   * @throws IllegalArgumentException if {@code position} is negative
   * @throws IndexOutOfBoundsException if the range is not inside {@code dst}
   * @throws IOException as {@link #read(long, byte[], int, int)}
   */
  public void readFully(long position, byte[] dst, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, dst.length);
    checkPosition(position);
    if (length > file.size() - position) {
      throw new EOFException(
          "chunked file " + file.address().toHex() + " has " + file.size() + " bytes, cannot read "
              + length + " at " + position);
    }
    read(position, dst, offset, length);
  }

  /**
   * Returns the whole file in a new array.
   *
   * @throws IllegalStateException if the file is larger than an array can be
   * @throws IOException as {@link #read(long, byte[], int, int)}
   */
  public byte[] readAllBytes() throws IOException {
    if (file.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "chunked file " + file.address().toHex() + " of " + file.size() + " bytes does not fit an array");
    }
    byte[] bytes = new byte[(int) file.size()];
    read(0, bytes, 0, bytes.length);
    return bytes;
  }

  /** Returns a stream of the file's bytes from the start. The stream is not thread-safe. */
  public InputStream newInputStream() {
    return new ChunkedFileInputStream(this, 0);
  }

  /**
   * Returns a stream of the file's bytes from {@code position} (at the end if past it). The
   * stream is not thread-safe.
   *
   * @throws IllegalArgumentException if {@code position} is negative
   */
  public InputStream newInputStream(long position) {
    checkPosition(position);
    return new ChunkedFileInputStream(this, position);
  }

  /**
   * Returns a read-only channel over the file at position 0: writes and truncation throw {@link
   * java.nio.channels.NonWritableChannelException}. The channel is not thread-safe.
   */
  public SeekableByteChannel newChannel() {
    return new ChunkedFileChannel(this);
  }

  /**
   * Returns the data chunk holding the byte at {@code position}.
   *
   * @throws IllegalArgumentException if {@code position} is not in {@code [0, size())}
   * @throws IOException as {@link #read(long, byte[], int, int)}, for the manifests on the way
   */
  public ChunkRef chunkAt(long position) throws IOException {
    if (position < 0 || position >= file.size()) {
      throw new IllegalArgumentException(
          "position must be in [0, " + file.size() + "): " + position);
    }
    return locate(position);
  }

  /**
   * Calls {@code action} with every data chunk of the file, in order. An empty file has one
   * chunk of length 0.
   *
   * @throws IOException as {@link #read(long, byte[], int, int)}, for the manifests
   */
  public void forEachChunk(Consumer<ChunkRef> action) throws IOException {
    walk(hash -> {}, action);
  }

  /**
   * Calls {@code action} with the hash of every chunk the file needs: its manifests (root first,
   * depth-first) and its data chunks (repeated if the file repeats them). For garbage collection
   * and verification.
   *
   * @throws IOException as {@link #read(long, byte[], int, int)}, for the manifests
   */
  public void forEachReferencedChunk(Consumer<Hash> action) throws IOException {
    walk(action, ref -> action.accept(ref.hash()));
  }

  /**
   * Reads the whole file and checks that its bytes hash to {@link ChunkedFile#contentHash()}.
   *
   * @throws CorruptManifestException if they do not: the manifest lists the wrong chunks
   * @throws IOException as {@link #read(long, byte[], int, int)}
   */
  public void verifyContent() throws IOException {
    Blake3.Hasher hasher = Blake3.newHasher();
    long position = 0;
    while (position < file.size()) {
      LoadedChunk chunk = load(position);
      hasher.update(chunk.bytes());
      position = chunk.ref().end();
    }
    Hash actual = hasher.finish();
    if (!actual.equals(file.contentHash())) {
      throw new CorruptManifestException(
          file.address(),
          "the file's chunks hash to " + actual.toHex() + ", not its content hash "
              + file.contentHash().toHex());
    }
  }

  @Override
  public String toString() {
    return "ChunkedFileReader[" + file.address().toHex() + ", " + file.size() + " bytes]";
  }

  /** The chunk last loaded, if any; for streams. */
  @Nullable LoadedChunk cachedChunk() {
    return lastChunk;
  }

  /** Returns the data chunk holding {@code position} in {@code [0, size())}, with its bytes. */
  LoadedChunk load(long position) throws IOException {
    LoadedChunk cached = lastChunk;
    if (cached != null && position >= cached.ref().offset() && position < cached.ref().end()) {
      return cached;
    }
    ChunkRef ref = locate(position);
    byte[] bytes = fetch(store, ref.hash(), this::describe, ref.offset());
    if (bytes.length != ref.length()) {
      String why = "chunk " + ref.hash().toHex() + " at offset " + ref.offset() + " has "
          + bytes.length + " bytes, the file lists " + ref.length();
      throw file.isSingleChunk()
          ? new StoreException("chunked file " + file.address().toHex() + ": " + why)
          : new CorruptManifestException(file.address(), why);
    }
    LoadedChunk chunk = new LoadedChunk(ref, bytes);
    lastChunk = chunk;
    return chunk;
  }

  private ChunkRef locate(long position) throws IOException {
    Manifest node = root;
    if (node == null) {
      return new ChunkRef(file.address(), 0, (int) file.size());
    }
    long base = 0;
    while (true) {
      int i = node.indexOf(position - base);
      Hash hash = node.hash(i);
      long start = base + node.start(i);
      if (node.level() == 0) {
        return new ChunkRef(hash, start, (int) node.length(i));
      }
      int childLevel = node.level() - 1;
      CachedNode cached = nodes.get(childLevel);
      if (cached == null || cached.start() != start || !cached.hash().equals(hash)) {
        Manifest child = loadChild(node, i, start);
        cached = new CachedNode(hash, start, child);
        nodes.set(childLevel, cached);
      }
      node = cached.node();
      base = start;
    }
  }

  private Manifest loadChild(Manifest parent, int index, long start) throws IOException {
    Hash hash = parent.hash(index);
    Manifest child = Manifest.decode(hash, fetch(store, hash, this::describe, start));
    if (child.level() != parent.level() - 1 || child.isRoot() || child.size() != parent.length(index)) {
      throw new CorruptManifestException(
          file.address(),
          "entry " + index + " at offset " + start + " is manifest " + hash.toHex() + " of level "
              + child.level() + (child.isRoot() ? " (a root)" : "") + " over " + child.size()
              + " bytes, expected a level " + (parent.level() - 1) + " node over "
              + parent.length(index) + " bytes");
    }
    return child;
  }

  private void walk(Consumer<Hash> manifests, Consumer<ChunkRef> chunks) throws IOException {
    Manifest node = root;
    if (node == null) {
      chunks.accept(new ChunkRef(file.address(), 0, (int) file.size()));
      return;
    }
    manifests.accept(file.address());
    walk(node, 0, manifests, chunks);
  }

  private void walk(Manifest node, long base, Consumer<Hash> manifests, Consumer<ChunkRef> chunks)
      throws IOException {
    for (int i = 0; i < node.count(); i++) {
      long start = base + node.start(i);
      if (node.level() == 0) {
        chunks.accept(new ChunkRef(node.hash(i), start, (int) node.length(i)));
      } else {
        manifests.accept(node.hash(i));
        walk(loadChild(node, i, start), start, manifests, chunks);
      }
    }
  }

  private String describe(long offset) {
    return "chunked file " + file.address().toHex() + " at offset " + offset + " (" + store + ")";
  }

  private static Manifest loadRoot(ChunkStore store, Hash address) throws IOException {
    byte[] bytes = fetch(store, address, offset -> "chunked file " + address.toHex() + " (" + store + ")", 0);
    Manifest root = Manifest.decode(address, bytes);
    if (!root.isRoot()) {
      throw new CorruptManifestException(address, "a level " + root.level() + " node, not the root of a file");
    }
    return root;
  }

  private static byte[] fetch(ChunkStore store, Hash hash, Where where, long offset) throws IOException {
    Optional<byte[]> bytes = store.get(hash);
    if (bytes.isEmpty()) {
      throw new MissingChunkException(hash, where.describe(offset));
    }
    return bytes.get();
  }

  private static void checkPosition(long position) {
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + position);
    }
  }

  @FunctionalInterface
  private interface Where {
    String describe(long offset);
  }

  /** A data chunk and its bytes, verified and of the listed length. */
  record LoadedChunk(ChunkRef ref, byte[] bytes) {}

  private record CachedNode(Hash hash, long start, Manifest node) {}
}
