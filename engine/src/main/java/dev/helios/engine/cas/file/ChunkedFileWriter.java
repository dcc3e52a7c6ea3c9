package dev.helios.engine.cas.file;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a file into a {@link ChunkStore} as content-defined chunks and returns its {@link
 * ChunkedFile} handle. Not thread-safe: write a file from one thread.
 *
 * <p>Use: write the bytes, call {@link #finish()} for the handle, close. {@link #close()} without
 * {@link #finish()} abandons the file. Memory stays bounded whatever the file's size: one
 * maximum-size chunk of buffer, a {@link ChunkBatch} of at most about {@code batchBytes} (plus
 * one chunk), and a few manifest nodes.
 *
 * <p>Chunks reach the store in batches of about {@code batchBytes}, in order, and the root
 * manifest in the last one: once {@link #finish()} returns, everything the handle refers to is
 * stored with the store's durability. A writer abandoned or failed half-way may leave chunks no
 * file refers to; garbage collection removes them.
 *
 * <p>Writing bytes throws {@link IllegalStateException} once the writer is finished, closed or
 * failed (a store write threw).
 */
public final class ChunkedFileWriter extends OutputStream {
  /*
   * Each byte is handled three times: scanned by the chunker (~1.8 GB/s), hashed into its
   * chunk's address by ChunkBatch.add, and hashed into the file's content hash. The content
   * hasher only starts when a second chunk appears: a one-chunk file -- most source files --
   * has content hash == chunk hash and is hashed once.
   *
   * A chunk that lies wholly inside one write() call is copied once, straight into its own
   * array; only chunks that straddle calls go through the buffer.
   *
   * Read-back (read(position, ...)): the writer keeps the start offset and hash of every data
   * chunk cut so far (a few bytes per ~64 KiB chunk). A chunk is served from the pending batch
   * while it is there, from the store once the batch is written, and the bytes not yet cut
   * from the buffer. So memory stays bounded as before.
   */

  /** Default for how many bytes of new chunks are written to the store at a time: 8 MiB. */
  public static final int DEFAULT_BATCH_BYTES = 8 << 20;

  private enum State {
    OPEN,
    FINISHED,
    CLOSED,
    FAILED
  }

  private final ChunkStore store;
  private final Chunker.Scanner scanner;
  private final int batchBytes;
  private final byte[] buffer;
  private final ManifestTree tree = new ManifestTree(this::addNode);
  private final byte[] oneByte = new byte[1];

  private int buffered;
  private long size;
  private long chunkCount;
  private ChunkBatch batch = new ChunkBatch();
  private @Nullable Hash firstHash;
  private byte @Nullable [] firstChunk;
  private Blake3.@Nullable Hasher contentHasher;
  private State state = State.OPEN;
  private long[] chunkStarts = new long[16];
  private Hash[] chunkHashes = new Hash[16];
  private long cutBytes;
  private byte @Nullable [] lastRead;
  private int lastReadIndex = -1;

  private ChunkedFileWriter(ChunkStore store, Chunker chunker, int batchBytes) {
    this.store = Objects.requireNonNull(store, "store");
    this.scanner = chunker.newScanner();
    if (batchBytes < 1) {
      throw new IllegalArgumentException("batchBytes must be >= 1: " + batchBytes);
    }
    this.batchBytes = batchBytes;
    this.buffer = new byte[chunker.config().maxSize()];
  }

  /** Returns a writer into {@code store} with the default chunker and batch size. */
  public static ChunkedFileWriter create(ChunkStore store) {
    return new ChunkedFileWriter(store, Chunker.defaults(), DEFAULT_BATCH_BYTES);
  }

  /**
   * Returns a writer into {@code store} that cuts with {@code chunker} and writes a batch to the
   * store whenever {@code batchBytes} bytes of chunks are pending.
   *
   * @throws IllegalArgumentException if {@code batchBytes < 1}
   */
  public static ChunkedFileWriter create(ChunkStore store, Chunker chunker, int batchBytes) {
    return new ChunkedFileWriter(store, Objects.requireNonNull(chunker, "chunker"), batchBytes);
  }

  /**
   * Stores {@code data} as a file with the default chunker and returns its handle.
   *
   * @throws IOException if the store cannot be written
   */
  public static ChunkedFile write(ChunkStore store, byte[] data) throws IOException {
    try (ChunkedFileWriter writer = create(store)) {
      writer.write(data);
      return writer.finish();
    }
  }

  /**
   * Stores everything {@code in} holds, to its end, with the default chunker and returns the
   * handle. Does not close {@code in}.
   *
   * @throws IOException if {@code in} cannot be read or the store cannot be written
   */
  public static ChunkedFile write(ChunkStore store, InputStream in) throws IOException {
    try (ChunkedFileWriter writer = create(store)) {
      writer.transferFrom(in);
      return writer.finish();
    }
  }

  /** Number of bytes written so far. */
  public long size() {
    return size;
  }

  /**
   * Copies bytes already written, from {@code position}, into {@code dst[offset ..]}: {@code
   * min(length, size() - position)} of them. For writers that read back what they wrote, such as
   * a pack parser resolving deltas. Does not move the write position.
   *
   * @return the number of bytes copied, or -1 if {@code position >= size()} and {@code length >
   *     0}
   * @throws IllegalArgumentException if {@code position} is negative
   * @throws IndexOutOfBoundsException if the range is not inside {@code dst}
   * @throws dev.helios.engine.errors.MissingChunkException if a written chunk is no longer in the
   *     store
   * @throws IOException if the store cannot be read
   * @throws IllegalStateException if the writer is finished, closed or failed
   */
  public int read(long position, byte[] dst, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, dst.length);
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + position);
    }
    checkOpen();
    if (length == 0) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int total = 0;
    while (total < length && position < size) {
      int n;
      if (position >= cutBytes) {
        int from = (int) (position - cutBytes);
        n = Math.min(length - total, buffered - from);
        System.arraycopy(buffer, from, dst, offset + total, n);
      } else {
        int index = chunkIndex(position);
        byte[] chunk = chunkBytes(index);
        int from = (int) (position - chunkStarts[index]);
        n = Math.min(length - total, chunk.length - from);
        System.arraycopy(chunk, from, dst, offset + total, n);
      }
      total += n;
      position += n;
    }
    return total;
  }

  private int chunkIndex(long position) {
    int index = Arrays.binarySearch(chunkStarts, 0, (int) chunkCount, position);
    return index >= 0 ? index : -index - 2;
  }

  private byte[] chunkBytes(int index) throws IOException {
    byte[] cached = lastRead;
    if (index == lastReadIndex && cached != null) {
      return cached;
    }
    Hash hash = chunkHashes[index];
    byte[] bytes = batch.chunks().get(hash);
    if (bytes == null && index == 0 && firstChunk != null) {
      bytes = firstChunk;
    }
    if (bytes == null) {
      bytes = store.read(hash);
    }
    lastRead = bytes;
    lastReadIndex = index;
    return bytes;
  }

  @Override
  public void write(int b) throws IOException {
    oneByte[0] = (byte) b;
    write(oneByte, 0, 1);
  }

  /**
   * Appends {@code data[offset .. offset + length)} to the file.
   *
   * @throws IOException if a batch of chunks cannot be written to the store
   * @throws IllegalStateException if the writer is finished, closed or failed
   */
  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, data.length);
    checkOpen();
    size += length;
    while (length > 0) {
      int n = scanner.scan(data, offset, length);
      if (n < 0) {
        System.arraycopy(data, offset, buffer, buffered, length);
        buffered += length;
        return;
      }
      byte[] chunk;
      if (buffered == 0) {
        chunk = Arrays.copyOfRange(data, offset, offset + n);
      } else {
        chunk = Arrays.copyOf(buffer, buffered + n);
        System.arraycopy(data, offset, chunk, buffered, n);
        buffered = 0;
      }
      addChunk(chunk);
      offset += n;
      length -= n;
    }
  }

  /**
   * Appends everything {@code in} holds, to its end. Does not close {@code in}.
   *
   * @return the number of bytes appended
   * @throws IOException if {@code in} cannot be read or the store cannot be written
   */
  public long transferFrom(InputStream in) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(chunk)) >= 0) {
      write(chunk, 0, n);
      total += n;
    }
    return total;
  }

  /**
   * Stores the last chunk and the manifest, writes the pending batch and returns the file's
   * handle. The writer accepts no more bytes afterwards.
   *
   * @throws IOException if the store cannot be written
   * @throws IllegalStateException if the writer is already finished, closed or failed
   */
  public ChunkedFile finish() throws IOException {
    checkOpen();
    try {
      if (buffered > 0 || size == 0) {
        addChunk(Arrays.copyOf(buffer, buffered));
        buffered = 0;
      }
      ChunkedFile file;
      if (chunkCount == 1) {
        Hash hash = Objects.requireNonNull(firstHash);
        file = new ChunkedFile(hash, size, hash);
      } else {
        Hash contentHash = Objects.requireNonNull(contentHasher).finish();
        file = new ChunkedFile(tree.finish(contentHash), size, contentHash);
      }
      flush(true);
      state = State.FINISHED;
      return file;
    } finally {
      if (state == State.OPEN) {
        state = State.FAILED;
      }
    }
  }

  /**
   * Closes the writer. Without a prior {@link #finish()} the file is abandoned: chunks already
   * written stay in the store until garbage collection. Idempotent.
   */
  @Override
  public void close() {
    if (state != State.FINISHED) {
      batch = new ChunkBatch();
      firstChunk = null;
    }
    if (state != State.FAILED) {
      state = State.CLOSED;
    }
  }

  private void addChunk(byte[] chunk) throws IOException {
    Hash hash = batch.add(chunk);
    int index = (int) chunkCount;
    if (index == chunkStarts.length) {
      chunkStarts = Arrays.copyOf(chunkStarts, index * 2);
      chunkHashes = Arrays.copyOf(chunkHashes, index * 2);
    }
    chunkStarts[index] = cutBytes;
    chunkHashes[index] = hash;
    cutBytes += chunk.length;
    chunkCount++;
    if (chunkCount == 1) {
      firstHash = hash;
      firstChunk = chunk;
    } else {
      Blake3.Hasher hasher = contentHasher;
      if (hasher == null) {
        // A second chunk: the file needs a manifest, and its first chunk a place in it.
        byte[] first = Objects.requireNonNull(firstChunk);
        hasher = Blake3.newHasher().update(first);
        contentHasher = hasher;
        tree.add(Objects.requireNonNull(firstHash), first.length);
        firstChunk = null;
      }
      hasher.update(chunk);
      tree.add(hash, chunk.length);
    }
    flush(false);
  }

  private Hash addNode(byte[] node) {
    return batch.add(node);
  }

  private void flush(boolean last) throws IOException {
    if (batch.isEmpty() || (!last && batch.bytes() < batchBytes)) {
      return;
    }
    ChunkBatch full = batch;
    batch = new ChunkBatch();
    try {
      store.write(full);
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("chunked file writer is " + state.name().toLowerCase(Locale.ROOT));
    }
  }
}
