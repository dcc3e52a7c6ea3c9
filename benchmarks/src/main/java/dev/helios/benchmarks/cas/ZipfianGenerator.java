package dev.helios.benchmarks.cas;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws item indexes 0..n-1 with Zipf's law: item {@code k} (rank {@code k + 1}) has probability
 * proportional to {@code 1 / (k + 1)^s}. Seeded and deterministic; not thread-safe (one per
 * thread).
 */
public final class ZipfianGenerator {
  /*
   * Exact inverse-CDF sampling: the cumulative distribution is precomputed once (n doubles) and
   * each draw is a binary search for a uniform variate, O(log n). For the n used here (up to a
   * few hundred thousand) that is simpler and more exact than the rejection or approximation
   * schemes (YCSB's Gray et al. generator) that exist for unbounded n.
   *
   * Rank 0 is the most popular item. Callers that want popularity uncorrelated with key order
   * permute indexes themselves; content hashes are uniformly spread already.
   */

  /** YCSB's default Zipfian constant. */
  public static final double DEFAULT_EXPONENT = 0.99;

  private final double[] cdf;
  private final Random random;
  private final double exponent;

  /**
   * Creates a generator over {@code n} items with exponent {@code s} and the given seed.
   *
   * @throws IllegalArgumentException if {@code n < 1} or {@code s <= 0}
   */
  public ZipfianGenerator(int n, double s, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1: " + n);
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException("exponent must be > 0: " + s);
    }
    this.exponent = s;
    this.cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    this.random = new Random(seed);
  }

  /** The exponent s. */
  public double exponent() {
    return exponent;
  }

  /** Returns the next index in 0..n-1. */
  public int next() {
    double u = random.nextDouble();
    int i = Arrays.binarySearch(cdf, u);
    int index = i >= 0 ? i : -i - 1;
    return Math.min(index, cdf.length - 1);
  }

  /** The probability mass of the {@code k} most popular items: the ideal hit ratio of a cache holding them. */
  public double massOfTop(int k) {
    return k <= 0 ? 0 : cdf[Math.min(k, cdf.length) - 1];
  }
}
