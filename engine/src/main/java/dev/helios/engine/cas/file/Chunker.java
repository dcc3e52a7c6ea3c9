package dev.helios.engine.cas.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a byte stream into content-defined chunks (FastCDC), so that equal runs of bytes in
 * different inputs are cut into equal chunks and stored once. Immutable and thread-safe; the
 * cutting state lives in a {@link Scanner}, one per stream.
 *
 * <p>Every chunk is between {@link Config#minSize()} and {@link Config#maxSize()} bytes long,
 * except the last chunk of a stream, which may be shorter (but is never empty). The boundaries
 * depend only on the bytes and the {@link Config}: never on how the input is split into reads.
 */
public final class Chunker {
  /*
   * FastCDC, after Xia et al., "FastCDC: a Fast and Efficient Content-Defined Chunking Approach
   * for Data Deduplication", USENIX ATC 2016.
   *
   * Gear hash. For every byte b the fingerprint is updated as fp = (fp << 1) + GEAR[b]. A
   * term added k bytes ago has been shifted left k times, so after 64 bytes it has left the
   * 64-bit word: fp is a rolling hash of the last 64 bytes, with one shift, one add and one
   * table load per byte, which is what makes the loop fast.
   *
   * Cut-point skipping. No cut is allowed before minSize bytes, so the first minSize - 64
   * bytes of a chunk are not hashed at all. Hashing starts exactly 64 bytes before the first
   * allowed cut, so that at every tested position fp is a function of the 64-byte window alone
   * (no stale state from the previous chunk): a boundary candidate is a property of the bytes
   * around it, which is what lets chunking resynchronise shortly after an edit. (This is why
   * minSize must be at least 64.)
   *
   * Normalized chunking (level 2). With bits = floor(log2(targetSize)), positions before the
   * target are tested against a mask of bits + 2 one-bits (a cut is 4x less likely), positions
   * from the target on against bits - 2 one-bits (4x more likely). This pulls chunk sizes
   * toward the target and away from the min and max. At maxSize the chunk is cut regardless.
   * The masks are the top bits of fp, because the top bits depend on the whole 64-byte window
   * (bit k of fp depends only on the last k + 1 bytes).
   *
   * A chunk of length L ends after the byte at chunk position L - 1, the byte that made the
   * test succeed; lengths therefore run from minSize to maxSize inclusive.
   *
   * FORMAT: the gear table (from GEAR_SEED), the mask rule above and the three sizes decide
   * every boundary, so they are part of what is stored: changing any of them leaves old data
   * readable (manifests list chunk lengths explicitly) but stops new data deduplicating
   * against it. Bump FORMAT_VERSION for any change to the algorithm or the seed.
   */

  /** Version of the chunking algorithm and gear table; changes whenever any boundary would. */
  public static final int FORMAT_VERSION = 1;

  /** Seed of the gear table (SplitMix64); the ASCII bytes of {@code "HELIOSCD"}. */
  public static final long GEAR_SEED = 0x48454c494f534344L;

  /** The smallest allowed {@link Config#minSize()}: the width of the gear hash window. */
  public static final int MIN_SIZE_LIMIT = 64;

  /** The largest allowed {@link Config#maxSize()}: 16 MiB. */
  public static final int MAX_SIZE_LIMIT = 16 << 20;

  private static final long[] GEAR = GearTable.generate(GEAR_SEED);

  private static final int NORMALIZATION_LEVEL = 2;

  private final Config config;
  private final long maskSmall;
  private final long maskLarge;

  private Chunker(Config config) {
    this.config = config;
    int bits = 31 - Integer.numberOfLeadingZeros(config.targetSize());
    this.maskSmall = topBits(bits + NORMALIZATION_LEVEL);
    this.maskLarge = topBits(bits - NORMALIZATION_LEVEL);
  }

  /** Returns a chunker with the given sizes. */
  public static Chunker create(Config config) {
    return new Chunker(Objects.requireNonNull(config, "config"));
  }

  /** Returns a chunker with {@link Config#DEFAULT} sizes (16 KiB, 64 KiB, 256 KiB). */
  public static Chunker defaults() {
    return new Chunker(Config.DEFAULT);
  }

  /** The sizes this chunker cuts with. */
  public Config config() {
    return config;
  }

  /** Returns a new scanner positioned at the start of a stream. */
  public Scanner newScanner() {
    return new Scanner();
  }

  /**
   * Returns the end offsets of the chunks of {@code data}, relative to the start of the array, in
   * increasing order; the last is {@code data.length}. An empty array has no chunks.
   */
  public int[] cutPoints(byte[] data) {
    Scanner scanner = newScanner();
    int[] cuts = new int[16];
    int count = 0;
    int offset = 0;
    while (offset < data.length) {
      int n = scanner.scan(data, offset, data.length - offset);
      offset = n < 0 ? data.length : offset + n;
      if (count == cuts.length) {
        cuts = Arrays.copyOf(cuts, count * 2);
      }
      cuts[count++] = offset;
    }
    return Arrays.copyOf(cuts, count);
  }

  /**
   * Reads {@code in} to its end and hands every chunk, in order, to {@code sink}. Does not close
   * {@code in}. The array passed to the sink is reused: it is valid only during the call.
   *
   * @return the number of bytes read
   * @throws IOException if {@code in} or {@code sink} throws
   */
  public long split(InputStream in, Sink sink) throws IOException {
    byte[] buffer = new byte[Math.max(config.maxSize(), 64 * 1024)];
    Scanner scanner = newScanner();
    long total = 0;
    int start = 0; // start of the current chunk in buffer
    int scanned = start; // bytes before this have been fed to the scanner
    int filled = 0;
    while (true) {
      if (scanned == filled) {
        if (filled == buffer.length) {
          // The current chunk is shorter than maxSize, so it fits after moving it to the front.
          System.arraycopy(buffer, start, buffer, 0, filled - start);
          filled -= start;
          scanned = filled;
          start = 0;
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          break;
        }
        filled += n;
        total += n;
      }
      int cut = scanner.scan(buffer, scanned, filled - scanned);
      if (cut < 0) {
        scanned = filled;
      } else {
        scanned += cut;
        sink.accept(buffer, start, scanned - start);
        start = scanned;
      }
    }
    if (filled > start) {
      sink.accept(buffer, start, filled - start);
    }
    return total;
  }

  @Override
  public String toString() {
    return "Chunker(min " + config.minSize() + ", target " + config.targetSize() + ", max "
        + config.maxSize() + ", format " + FORMAT_VERSION + ")";
  }

  private static long topBits(int n) {
    return -1L << (64 - n);
  }

  /** Receives the chunks of {@link #split}. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Accepts the chunk {@code buffer[offset .. offset + length)}; {@code length > 0}. The array is
     * reused after the call returns.
     *
     * @throws IOException to abort the split
     */
    void accept(byte[] buffer, int offset, int length) throws IOException;
  }

  /**
   * The three sizes of content-defined chunking, in bytes.
   *
   * @param minSize no chunk but the last of a stream is shorter; at least {@value
   *     #MIN_SIZE_LIMIT}
   * @param targetSize the size chunks cluster around; decides the cut masks (only its highest
   *     one-bit counts, so any two targets in {@code [2^k, 2^(k+1))} cut alike)
   * @param maxSize no chunk is longer; at most {@value #MAX_SIZE_LIMIT}
   * @throws IllegalArgumentException unless {@code 64 <= minSize < targetSize < maxSize <= 16 MiB}
   */
  public record Config(int minSize, int targetSize, int maxSize) {
    /** 16 KiB, 64 KiB, 256 KiB: the sizes the store uses. */
    public static final Config DEFAULT = new Config(16 * 1024, 64 * 1024, 256 * 1024);

    /** Checks the sizes; see the record's contract. */
    public Config {
      if (minSize < MIN_SIZE_LIMIT) {
        throw new IllegalArgumentException("minSize must be >= " + MIN_SIZE_LIMIT + ": " + minSize);
      }
      if (targetSize <= minSize) {
        throw new IllegalArgumentException(
            "targetSize must be > minSize (" + minSize + "): " + targetSize);
      }
      if (maxSize <= targetSize) {
        throw new IllegalArgumentException(
            "maxSize must be > targetSize (" + targetSize + "): " + maxSize);
      }
      if (maxSize > MAX_SIZE_LIMIT) {
        throw new IllegalArgumentException("maxSize must be <= " + MAX_SIZE_LIMIT + ": " + maxSize);
      }
    }
  }

  /**
   * Finds the boundaries of one stream fed in pieces of any size. Not thread-safe: confine a
   * scanner to one thread.
   */
  public final class Scanner {
    private int position;
    private long fingerprint;

    private Scanner() {}

    /** The chunker this scanner cuts for. */
    public Chunker chunker() {
      return Chunker.this;
    }

    /** Number of bytes of the current chunk seen so far (0 at a boundary). */
    public int position() {
      return position;
    }

    /** Forgets the current chunk: the next byte scanned starts a stream. */
    public void reset() {
      position = 0;
      fingerprint = 0;
    }

    /**
     * Continues the current chunk with {@code data[offset .. offset + length)}.
     *
     * <p>Returns {@code n} in {@code [1, length]} if the current chunk ends after {@code data[offset
     * + n - 1]}; the scanner then starts the next chunk, and the caller feeds the remaining
     * bytes in another call. Returns -1 if all {@code length} bytes belong to the current chunk
     * (always for {@code length == 0}). The end of the stream always ends a chunk; the caller
     * knows where that is.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public int scan(byte[] data, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, data.length);
      final int min = config.minSize();
      final int end = offset + length;
      // Indices in data are long here: chunkStart + maxSize can pass Integer.MAX_VALUE.
      final long chunkStart = (long) offset - position;
      int i = offset;

      // Skip what cannot hold a cut and is outside the window of the first test.
      i = (int) Math.max(i, Math.min(chunkStart + min - Long.SIZE, end));

      // Warm up the window: hash without testing, up to the first position that may end a chunk.
      long fp = fingerprint;
      int stop = (int) Math.min(chunkStart + min - 1, end);
      for (; i < stop; i++) {
        fp = (fp << 1) + GEAR[data[i] & 0xff];
      }

      // Lengths [minSize, targetSize): the stricter mask.
      final long small = maskSmall;
      stop = (int) Math.min(chunkStart + config.targetSize() - 1, end);
      for (; i < stop; i++) {
        fp = (fp << 1) + GEAR[data[i] & 0xff];
        if ((fp & small) == 0) {
          return cut(i + 1 - offset);
        }
      }

      // Lengths [targetSize, maxSize): the looser mask.
      final long large = maskLarge;
      stop = (int) Math.min(chunkStart + config.maxSize() - 1, end);
      for (; i < stop; i++) {
        fp = (fp << 1) + GEAR[data[i] & 0xff];
        if ((fp & large) == 0) {
          return cut(i + 1 - offset);
        }
      }

      if (i < end) {
        // i is at chunk position maxSize - 1: the chunk ends here whatever the bytes.
        return cut(i + 1 - offset);
      }
      position = (int) (end - chunkStart);
      fingerprint = fp;
      return -1;
    }

    private int cut(int consumed) {
      position = 0;
      fingerprint = 0;
      return consumed;
    }
  }
}
