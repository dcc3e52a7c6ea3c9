package dev.helios.engine.cas.internal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.helios.engine.cas.CacheCodec;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jspecify.annotations.Nullable;

/**
 * Compresses and decompresses L1 cache entries with one {@link CacheCodec} at one level.
 * Thread-safe: the LZ4 compressors and decompressors are stateless, and Zstandard contexts are
 * lent to one thread at a time from a pool. {@link #close()} frees the pooled native contexts.
 */
final class EntryCodec implements AutoCloseable {
  /*
   * An entry is worth compressing only if it saves at least an eighth of its size: below that,
   * the memory saved does not pay for decompressing on every hit, and random or already
   * compressed data (images, archives, packed Git objects) is kept as it is. Entries under
   * MIN_COMPRESSIBLE bytes are not tried at all.
   *
   * Zstandard's one-shot Zstd.compress/decompress create and free a native context per call,
   * which made a 4 KiB hit cost ~16 µs; pooled, it costs ~4-6 µs. The pool keeps
   * at most POOL_LIMIT idle contexts; a burst of more threads creates extra ones and closes
   * them after use.
   */

  private static final int POOL_LIMIT = 2 * Runtime.getRuntime().availableProcessors();

  static final int MIN_COMPRESSIBLE = 64;

  private final CacheCodec codec;
  private final int level;
  private final @Nullable LZ4Compressor lz4;
  private final @Nullable LZ4SafeDecompressor lz4Decompressor;
  private final Pool<ZstdCompressCtx> zstdCompressors;
  private final Pool<ZstdDecompressCtx> zstdDecompressors;

  EntryCodec(CacheCodec codec, int level) {
    this.codec = codec;
    this.level = level;
    LZ4Factory factory = LZ4Factory.fastestInstance();
    switch (codec) {
      case LZ4 -> {
        lz4 = factory.fastCompressor();
        lz4Decompressor = factory.safeDecompressor();
      }
      case LZ4_HC -> {
        lz4 = factory.highCompressor(level);
        lz4Decompressor = factory.safeDecompressor();
      }
      default -> {
        lz4 = null;
        lz4Decompressor = null;
      }
    }
    zstdCompressors = new Pool<>(() -> new ZstdCompressCtx().setLevel(level));
    zstdDecompressors = new Pool<>(ZstdDecompressCtx::new);
  }

  CacheCodec codec() {
    return codec;
  }

  /** Returns the compressed form of {@code raw}, or null if it is not worth compressing. */
  byte @Nullable [] compress(byte[] raw) {
    if (codec == CacheCodec.NONE || raw.length < MIN_COMPRESSIBLE) {
      return null;
    }
    byte[] packed = codec == CacheCodec.ZSTD ? zstdCompress(raw) : lz4().compress(raw);
    return packed.length > raw.length - raw.length / 8 ? null : packed;
  }

  /**
   * Returns the {@code rawLength} bytes that {@code packed} decompresses to.
   *
   * @throws IllegalStateException if {@code packed} does not decompress to exactly that length
   */
  byte[] decompress(byte[] packed, int rawLength) {
    byte[] raw;
    if (codec == CacheCodec.ZSTD) {
      raw = new byte[rawLength];
      ZstdDecompressCtx ctx = zstdDecompressors.take();
      int n;
      try {
        n = ctx.decompressByteArray(raw, 0, rawLength, packed, 0, packed.length);
      } finally {
        zstdDecompressors.give(ctx);
      }
      if (n != rawLength) {
        throw new IllegalStateException("cache entry decompressed to " + n + " bytes, not " + rawLength);
      }
    } else {
      raw = new byte[rawLength];
      int n = lz4Decompressor().decompress(packed, 0, packed.length, raw, 0, rawLength);
      if (n != rawLength) {
        throw new IllegalStateException("cache entry decompressed to " + n + " bytes, not " + rawLength);
      }
    }
    return raw;
  }

  /** Frees the pooled Zstandard contexts; the codec must not be used afterwards. */
  @Override
  public void close() {
    zstdCompressors.close();
    zstdDecompressors.close();
  }

  private byte[] zstdCompress(byte[] raw) {
    ZstdCompressCtx ctx = zstdCompressors.take();
    try {
      return ctx.compress(raw);
    } finally {
      zstdCompressors.give(ctx);
    }
  }

  private LZ4Compressor lz4() {
    if (lz4 == null) {
      throw new IllegalStateException("no LZ4 compressor for " + codec);
    }
    return lz4;
  }

  private LZ4SafeDecompressor lz4Decompressor() {
    if (lz4Decompressor == null) {
      throw new IllegalStateException("no LZ4 decompressor for " + codec);
    }
    return lz4Decompressor;
  }

  /** Idle native contexts, lent to one thread at a time. Thread-safe. */
  private static final class Pool<T extends AutoCloseable> {
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Supplier<T> factory;
    private volatile boolean closed;

    Pool(Supplier<T> factory) {
      this.factory = factory;
    }

    T take() {
      T ctx = idle.poll();
      if (ctx == null) {
        return factory.get();
      }
      idleCount.decrementAndGet();
      return ctx;
    }

    void give(T ctx) {
      if (!closed && idleCount.incrementAndGet() <= POOL_LIMIT) {
        idle.offer(ctx);
        if (!closed) {
          return;
        }
        // Closed meanwhile: fall through and drain, which closes ctx too.
        close();
        return;
      }
      idleCount.decrementAndGet();
      closeQuietly(ctx);
    }

    void close() {
      closed = true;
      for (T ctx; (ctx = idle.poll()) != null; ) {
        idleCount.decrementAndGet();
        closeQuietly(ctx);
      }
    }

    private static void closeQuietly(AutoCloseable ctx) {
      try {
        ctx.close();
      } catch (Exception e) {
        // Ignored on purpose: freeing a native context does not fail in practice, and there is
        // nothing a cache read could do about it.
      }
    }
  }
}
