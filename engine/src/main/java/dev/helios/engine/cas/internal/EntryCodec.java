package dev.helios.engine.cas.internal;

import com.github.luben.zstd.Zstd;
import dev.helios.engine.cas.CacheCodec;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jspecify.annotations.Nullable;

/**
 * Compresses and decompresses L1 cache entries with one {@link CacheCodec} at one level.
 * Thread-safe: the LZ4 compressors and decompressors are stateless, Zstandard's one-shot calls
 * allocate their own contexts.
 */
final class EntryCodec {
  /*
   * An entry is worth compressing only if it saves at least an eighth of its size: below that,
   * the memory saved does not pay for decompressing on every hit, and random or already
   * compressed data (images, archives, packed Git objects) is kept as it is. Entries under
   * MIN_COMPRESSIBLE bytes are not tried at all.
   */

  static final int MIN_COMPRESSIBLE = 64;

  private final CacheCodec codec;
  private final int level;
  private final @Nullable LZ4Compressor lz4;
  private final @Nullable LZ4SafeDecompressor lz4Decompressor;

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
  }

  CacheCodec codec() {
    return codec;
  }

  /** Returns the compressed form of {@code raw}, or null if it is not worth compressing. */
  byte @Nullable [] compress(byte[] raw) {
    if (codec == CacheCodec.NONE || raw.length < MIN_COMPRESSIBLE) {
      return null;
    }
    byte[] packed = codec == CacheCodec.ZSTD ? Zstd.compress(raw, level) : lz4().compress(raw);
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
      raw = Zstd.decompress(packed, rawLength);
      if (raw.length != rawLength) {
        throw new IllegalStateException("cache entry decompressed to " + raw.length + " bytes, not " + rawLength);
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
}
