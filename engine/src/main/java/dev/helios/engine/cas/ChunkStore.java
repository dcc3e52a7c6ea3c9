package dev.helios.engine.cas;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Immutable chunks of bytes addressed by their BLAKE3 hash: the storage SPI under everything
 * Helios keeps. Implementations are thread-safe: any number of threads may read and write at
 * once.
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>{@code put} is idempotent: storing the same bytes twice stores them once.
 *   <li>Every read verifies that the bytes hash to the key before returning them; a mismatch is a
 *       {@link dev.helios.engine.errors.CorruptChunkException} naming the hash, never wrong bytes.
 *   <li>A {@link ChunkBatch} is written all-or-nothing, with the store's {@link SyncPolicy}. Once
 *       {@link #write} returns, the batch survives the death of the process (and, with {@link
 *       SyncPolicy#FSYNC}, of the machine).
 *   <li>Callers must not modify an array after handing it to the store, nor modify arrays the
 *       store returns when they may be shared (see {@link #get}).
 * </ul>
 */
public interface ChunkStore extends AutoCloseable {

  /**
   * Stores {@code data} and returns its hash. Idempotent.
   *
   * @throws IOException if the store cannot be written
   */
  Hash put(byte[] data) throws IOException;

  /**
   * Writes every chunk of {@code batch} atomically: after a crash either all of them are
   * readable or none that were new.
   *
   * @throws IOException if the store cannot be written; then none of the batch was written
   */
  void write(ChunkBatch batch) throws IOException;

  /**
   * Returns the bytes stored under {@code hash}, verified, or empty if there are none. The
   * returned array belongs to the caller.
   *
   * @throws dev.helios.engine.errors.CorruptChunkException if the stored bytes do not match
   * @throws IOException if the store cannot be read
   */
  Optional<byte[]> get(Hash hash) throws IOException;

  /**
   * Returns the bytes stored under {@code hash}, verified.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if there are none
   * @throws dev.helios.engine.errors.CorruptChunkException if the stored bytes do not match
   * @throws IOException if the store cannot be read
   */
  default byte[] read(Hash hash) throws IOException {
    Optional<byte[]> bytes = get(hash);
    if (bytes.isEmpty()) {
      throw new dev.helios.engine.errors.MissingChunkException(hash, toString());
    }
    return bytes.get();
  }

  /**
   * Returns whether a chunk is stored under {@code hash}, without reading or verifying it.
   *
   * @throws IOException if the store cannot be read
   */
  boolean contains(Hash hash) throws IOException;

  /**
   * Returns the stored length of the chunk under {@code hash} (uncompressed), or -1 if absent.
   *
   * @throws IOException if the store cannot be read
   */
  long sizeOf(Hash hash) throws IOException;

  /**
   * Calls {@code action} with the hash of every stored chunk, in unsigned hash order, for
   * garbage collection and verification. Chunks written concurrently may or may not be seen.
   *
   * @throws IOException if the store cannot be read
   */
  void forEachHash(Consumer<Hash> action) throws IOException;

  /**
   * Deletes the given chunks (absent ones are ignored), atomically. Only garbage collection
   * calls this, after proving no structure refers to them.
   *
   * @throws IOException if the store cannot be written
   */
  void delete(Collection<Hash> hashes) throws IOException;

  /** Returns counters and sizes; cheap, may be approximate for on-disk stores. */
  Stats stats();

  /** Releases resources; idempotent. Reads and writes after close throw {@link IllegalStateException}. */
  @Override
  void close() throws IOException;

  /**
   * A snapshot of a store's counters.
   *
   * @param chunks number of chunks stored (approximate for on-disk stores)
   * @param logicalBytes sum of the uncompressed lengths of stored chunks (approximate)
   * @param storedBytes bytes the store occupies (on disk or in memory), or -1 if unknown
   */
  record Stats(long chunks, long logicalBytes, long storedBytes) {}
}
