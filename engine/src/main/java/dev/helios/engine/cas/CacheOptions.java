package dev.helios.engine.cas;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of the L1 chunk cache. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param maximumBytes the most memory the entries may weigh, in bytes of (compressed) payload
 *     plus a fixed per-entry overhead estimate
 * @param codec how entries are compressed
 * @param codecLevel the codec's level, within {@link CacheCodec#minLevel()}..{@link
 *     CacheCodec#maxLevel()}
 * @param admitOnWrite whether chunks written through the cache are admitted (write-through);
 *     otherwise only chunks read are
 * @param executor runs the cache's maintenance and removal notifications; the default runs them
 *     on the calling thread, so the cache starts no threads
 */
public record CacheOptions(
    long maximumBytes, CacheCodec codec, int codecLevel, boolean admitOnWrite, Executor executor) {

  /** Default maximum weight: 256 MiB. */
  public static final long DEFAULT_MAXIMUM_BYTES = 256L << 20;

  /**
   * Default codec: LZ4 HC at level 3, the only codec measured to meet both the hit latency (≤ 2
   * µs for 4 KiB) and the ratio (≥ 3:1 on source code) targets.
   */
  public static final CacheCodec DEFAULT_CODEC = CacheCodec.LZ4_HC;

  /** Validates every setting; the builder checks the same rules as each setter is called. */
  public CacheOptions {
    Builder.checkMaximumBytes(maximumBytes);
    Objects.requireNonNull(codec, "codec");
    Builder.checkLevel(codec, codecLevel);
    Objects.requireNonNull(executor, "executor");
  }

  /** Returns a builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default options. */
  public static CacheOptions defaults() {
    return builder().build();
  }

  /** Builds {@link CacheOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private long maximumBytes = DEFAULT_MAXIMUM_BYTES;
    private CacheCodec codec = DEFAULT_CODEC;
    private int codecLevel = DEFAULT_CODEC.defaultLevel();
    private boolean admitOnWrite = true;
    private Executor executor = Runnable::run;

    private Builder() {}

    /**
     * Sets the maximum weight in bytes (default 256 MiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder maximumBytes(long bytes) {
      checkMaximumBytes(bytes);
      this.maximumBytes = bytes;
      return this;
    }

    /**
     * Sets the codec at its default level.
     *
     * @throws NullPointerException if {@code codec} is null
     */
    public Builder codec(CacheCodec codec) {
      Objects.requireNonNull(codec, "codec must not be null");
      return codec(codec, codec.defaultLevel());
    }

    /**
     * Sets the codec and its level.
     *
     * @throws NullPointerException if {@code codec} is null
     * @throws IllegalArgumentException if {@code level} is outside the codec's range
     */
    public Builder codec(CacheCodec codec, int level) {
      Objects.requireNonNull(codec, "codec must not be null");
      checkLevel(codec, level);
      this.codec = codec;
      this.codecLevel = level;
      return this;
    }

    /** Sets whether written chunks are admitted (default true). */
    public Builder admitOnWrite(boolean admit) {
      this.admitOnWrite = admit;
      return this;
    }

    /**
     * Sets the executor for maintenance and removal notifications (default: the calling thread).
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor must not be null");
      return this;
    }

    /** Returns the options. */
    public CacheOptions build() {
      return new CacheOptions(maximumBytes, codec, codecLevel, admitOnWrite, executor);
    }

    static void checkMaximumBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maximumBytes must be >= 0: " + bytes);
      }
    }

    static void checkLevel(CacheCodec codec, int level) {
      if (level < codec.minLevel() || level > codec.maxLevel()) {
        throw new IllegalArgumentException(
            "codecLevel for "
                + codec
                + " must be in "
                + codec.minLevel()
                + ".."
                + codec.maxLevel()
                + ": "
                + level);
      }
    }
  }
}
