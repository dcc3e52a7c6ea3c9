package dev.helios.engine.kv;

import dev.helios.engine.SyncPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open the on-disk key-value database of a data directory: where it lives, how hard
 * writes are pushed to disk, and how much memory and compression it uses. Immutable and
 * thread-safe; build one with {@link #builder(Path)}.
 *
 * @param directory the database directory; created (with parents) if missing
 * @param syncPolicy how acknowledged writes are made durable
 * @param blockCacheBytes bytes of the block cache shared by all column families
 * @param writeBufferBytes bytes of each column family's memtable before it is flushed
 * @param compression how table files are compressed
 * @param blobFiles whether large values go to separate blob files (RocksDB BlobDB)
 * @param minBlobBytes the smallest value that goes to a blob file when {@code blobFiles} is on
 */
public record StorageOptions(
    Path directory,
    SyncPolicy syncPolicy,
    long blockCacheBytes,
    long writeBufferBytes,
    Compression compression,
    boolean blobFiles,
    int minBlobBytes) {

  /** Default block cache: 64 MiB. */
  public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;

  /** Default memtable size: 64 MiB. */
  public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;

  /** Default threshold for blob files: 4 KiB. */
  public static final int DEFAULT_MIN_BLOB_BYTES = 4096;

  /** Validates every setting; the builder checks the same rules as each setter is called. */
  public StorageOptions {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(syncPolicy, "syncPolicy");
    Objects.requireNonNull(compression, "compression");
    Builder.checkBlockCache(blockCacheBytes);
    Builder.checkWriteBuffer(writeBufferBytes);
    Builder.checkMinBlob(minBlobBytes);
  }

  /** Returns a builder for a database in {@code directory}, with every other setting defaulted. */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** Returns the options for {@code directory} with every other setting at its default. */
  public static StorageOptions defaults(Path directory) {
    return builder(directory).build();
  }

  /** How table (SST) files are compressed by the storage engine. */
  public enum Compression {
    /** No compression. */
    NONE,
    /** LZ4 at every level: fastest reads, ~2.5:1 on source code. */
    LZ4,
    /** Zstandard at every level: smallest files, slower reads. */
    ZSTD,
    /**
     * LZ4 on the upper levels, Zstandard on the bottommost level, where most data settles and
     * is rewritten least: the usual RocksDB recommendation and the default.
     */
    LZ4_ZSTD_BOTTOMMOST
  }

  /** Builds {@link StorageOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private Path directory;
    private SyncPolicy syncPolicy = SyncPolicy.WAL;
    private long blockCacheBytes = DEFAULT_BLOCK_CACHE_BYTES;
    private long writeBufferBytes = DEFAULT_WRITE_BUFFER_BYTES;
    private Compression compression = Compression.LZ4_ZSTD_BOTTOMMOST;
    private boolean blobFiles;
    private int minBlobBytes = DEFAULT_MIN_BLOB_BYTES;

    private Builder(Path directory) {
      directory(directory);
    }

    /**
     * Sets the database directory.
     *
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory must not be null");
      return this;
    }

    /**
     * Sets the sync policy (default {@link SyncPolicy#WAL}).
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder syncPolicy(SyncPolicy policy) {
      this.syncPolicy = Objects.requireNonNull(policy, "syncPolicy must not be null");
      return this;
    }

    /**
     * Sets the size of the shared block cache in bytes (default 64 MiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1 MiB
     */
    public Builder blockCacheBytes(long bytes) {
      checkBlockCache(bytes);
      this.blockCacheBytes = bytes;
      return this;
    }

    /**
     * Sets the memtable size per column family in bytes (default 64 MiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1 MiB or above 1 GiB
     */
    public Builder writeBufferBytes(long bytes) {
      checkWriteBuffer(bytes);
      this.writeBufferBytes = bytes;
      return this;
    }

    /**
     * Sets the compression of table files (default {@link Compression#LZ4_ZSTD_BOTTOMMOST}).
     *
     * @throws NullPointerException if {@code compression} is null
     */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression must not be null");
      return this;
    }

    /** Sets whether large values are kept in blob files (default off; see the store's notes). */
    public Builder blobFiles(boolean enabled) {
      this.blobFiles = enabled;
      return this;
    }

    /**
     * Sets the smallest value kept in a blob file when blob files are on (default 4 KiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder minBlobBytes(int bytes) {
      checkMinBlob(bytes);
      this.minBlobBytes = bytes;
      return this;
    }

    /** Returns the options. */
    public StorageOptions build() {
      return new StorageOptions(
          directory,
          syncPolicy,
          blockCacheBytes,
          writeBufferBytes,
          compression,
          blobFiles,
          minBlobBytes);
    }

    static void checkBlockCache(long bytes) {
      if (bytes < 1L << 20) {
        throw new IllegalArgumentException("blockCacheBytes must be >= 1 MiB: " + bytes);
      }
    }

    static void checkWriteBuffer(long bytes) {
      if (bytes < 1L << 20 || bytes > 1L << 30) {
        throw new IllegalArgumentException(
            "writeBufferBytes must be between 1 MiB and 1 GiB: " + bytes);
      }
    }

    static void checkMinBlob(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("minBlobBytes must be >= 0: " + bytes);
      }
    }
  }
}
