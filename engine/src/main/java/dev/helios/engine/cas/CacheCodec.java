package dev.helios.engine.cas;

/**
 * How the L1 chunk cache compresses its entries. Each codec has a range of levels; higher levels
 * compress better and more slowly when an entry is admitted, and decompress at about the same
 * speed.
 *
 * <p>Measured on the JDK's own sources, chunks up to 64 KiB, 2-core reference machine: LZ4
 * 2.6:1; LZ4 HC level 3 3.2:1 at about 150 MB/s admission with LZ4's decompression speed (a 4 KiB
 * chunk in about 0.6 µs); Zstandard level 3 3.9:1 but about 4× slower to decompress. See
 * {@code CasCompressionBenchmark} in the benchmarks module.
 */
public enum CacheCodec {
  /** Entries are kept as they are. */
  NONE(0, 0, 0),
  /** LZ4, fast mode: the cheapest admission, ~2.6:1 on source code. */
  LZ4(0, 0, 0),
  /** LZ4 high-compression mode (levels 1–17): same decompressor as LZ4, better ratio. */
  LZ4_HC(1, 17, 3),
  /** Zstandard (levels -7–19): the best ratio, slowest hits. */
  ZSTD(-7, 19, 3);

  private final int minLevel;
  private final int maxLevel;
  private final int defaultLevel;

  CacheCodec(int minLevel, int maxLevel, int defaultLevel) {
    this.minLevel = minLevel;
    this.maxLevel = maxLevel;
    this.defaultLevel = defaultLevel;
  }

  /** The lowest level this codec accepts (0 for codecs without levels). */
  public int minLevel() {
    return minLevel;
  }

  /** The highest level this codec accepts (0 for codecs without levels). */
  public int maxLevel() {
    return maxLevel;
  }

  /** The level used when none is given. */
  public int defaultLevel() {
    return defaultLevel;
  }
}
