package dev.helios.engine.hash.internal;

import java.util.function.LongSupplier;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a lane compressor that is fast only once C2 has compiled it, and uses the scalar
 * function until then. Confined to one thread; the {@link Warmth} it reports to is shared and
 * thread-safe.
 */
final class WarmingLaneCompressor implements LaneCompressor {
  /*
   * The lane kernels need C2: until it has compiled them they run in the interpreter or in C1
   * code, several times slower than the scalar function (the Vector API allocates an object
   * per operation there). C2 gets to them after some thousand calls and then takes a while:
   * measured on JDK 17 on a busy two-core machine, about 2 s for the Vector API kernel and up
   * to 6 s for the seven auto-vectorized round methods, during which 1 MiB hashed at 60 to
   * 120 MB/s against 500 MB/s scalar.
   *
   * So every call goes to the scalar function, timed, except the probes, which go to the fast
   * compressor, timed too. The probes are what makes C2 compile the kernels; once three probes
   * in a row beat the scalar cost per lane-block by a clear margin, the kernels are compiled,
   * and from then on every call goes to them untimed. The flag is process-wide (C2's code is
   * too) and never goes back. A probe runs the kernel on the first lanes of a call only (as
   * few as show its speed; the scalar function does the rest), and one that cost r times the
   * scalar time puts the next about 4r calls later (at least PROBE_INTERVAL), so probes take
   * about a fifth of the time however slow the kernels start (the interpreted Vector API is
   * some 100 times slower than scalar), and come often again as soon as the kernels speed up.
   *
   * Calls narrower than the width at which the fast compressor shows its speed (it is no
   * faster there even when compiled) go to the scalar function untimed and never probe.
   * Timing noise can only delay the switch or, if three probes in a row lie, make it early,
   * which costs speed for a moment, never correctness: every path computes the same bytes.
   */

  static final int PROBE_INTERVAL = 16;
  private static final int MAX_PROBE_INTERVAL = 4096;

  private final LaneCompressor fast;
  private final LaneCompressor scalar;
  private final Warmth warmth;
  private final LongSupplier ticker;

  WarmingLaneCompressor(LaneCompressor fast, Warmth warmth) {
    this(fast, new ScalarLaneCompressor(), warmth, System::nanoTime);
  }

  /** For tests: a scalar compressor and a clock in nanoseconds of the caller's choosing. */
  WarmingLaneCompressor(
      LaneCompressor fast, LaneCompressor scalar, Warmth warmth, LongSupplier ticker) {
    this.fast = fast;
    this.scalar = scalar;
    this.warmth = warmth;
    this.ticker = ticker;
  }

  @Override
  public int lanes() {
    return fast.lanes();
  }

  @Override
  public void compress(
      byte[] in,
      int off,
      int stride,
      int blocks,
      int count,
      int[] key,
      long counter,
      boolean counterPerLane,
      int flags,
      int firstFlags,
      int lastFlags,
      byte[] out,
      int outOff) {
    if (warmth.warm()) {
      fast.compress(
          in, off, stride, blocks, count, key, counter, counterPerLane, flags, firstFlags,
          lastFlags, out, outOff);
      return;
    }
    if (count < warmth.minProbeLanes) {
      // Too narrow to tell the two apart, and the scalar function is as good here.
      scalar.compress(
          in, off, stride, blocks, count, key, counter, counterPerLane, flags, firstFlags,
          lastFlags, out, outOff);
      return;
    }
    if (!warmth.probeNext()) {
      long start = ticker.getAsLong();
      scalar.compress(
          in, off, stride, blocks, count, key, counter, counterPerLane, flags, firstFlags,
          lastFlags, out, outOff);
      warmth.recordScalar((ticker.getAsLong() - start) / ((double) count * blocks));
      return;
    }
    // Probe on the first lanes only, as few as show the kernel's speed, and hand the rest to
    // the scalar function: a cold kernel is slow, so a narrow probe costs less.
    int probed = Math.min(count, 2 * warmth.minProbeLanes);
    long start = ticker.getAsLong();
    fast.compress(
        in, off, stride, blocks, probed, key, counter, counterPerLane, flags, firstFlags,
        lastFlags, out, outOff);
    double probeNanos = (ticker.getAsLong() - start) / ((double) probed * blocks);
    if (probed < count) {
      scalar.compress(
          in, off + probed * stride, stride, blocks, count - probed, key,
          counterPerLane ? counter + probed : counter, counterPerLane, flags, firstFlags,
          lastFlags, out, outOff + probed * Compressor.CV_LEN);
    }
    warmth.recordProbe(probeNanos, probed / (double) count);
  }

  /**
   * Whether one kind of fast compressor is compiled yet, as measured. Thread-safe: the
   * counters tolerate lost updates, which only shift when the switch happens.
   */
  static final class Warmth {
    final int minProbeLanes;
    private final AtomicInteger sinceProbe = new AtomicInteger();
    private final AtomicInteger wins = new AtomicInteger();
    private volatile int interval = PROBE_INTERVAL;
    private volatile boolean warm;
    // Moving average of the scalar cost; a racy double is fine for a heuristic.
    private volatile double scalarNanos = Double.NaN;

    /** Creates the warmth of compressors that show their speed from {@code minProbeLanes} on. */
    Warmth(int minProbeLanes) {
      this.minProbeLanes = minProbeLanes;
    }

    boolean warm() {
      return warm;
    }

    /** Returns whether the next call (wide enough) should probe. */
    boolean probeNext() {
      if (Double.isNaN(scalarNanos) || sinceProbe.incrementAndGet() < interval) {
        return false;
      }
      sinceProbe.set(0);
      return true;
    }

    /** Records the cost per lane-block of a scalar call. */
    void recordScalar(double nanosPerLaneBlock) {
      double scalar = scalarNanos;
      scalarNanos =
          Double.isNaN(scalar) ? nanosPerLaneBlock : 0.9 * scalar + 0.1 * nanosPerLaneBlock;
    }

    /**
     * Records the cost per lane-block of a probe that covered {@code share} (0 to 1) of its
     * call's lanes, and spaces the next probe by how much it cost.
     */
    void recordProbe(double nanosPerLaneBlock, double share) {
      double ratio = nanosPerLaneBlock / scalarNanos;
      if (ratio < 0.7) {
        interval = PROBE_INTERVAL;
        if (wins.incrementAndGet() >= 3) {
          warm = true;
        }
      } else {
        wins.set(0);
        // The probe cost (ratio - 1) * share extra calls' worth; keep that to about a fifth.
        double spacing = 4 * (ratio - 1) * share;
        interval = (int) Math.max(PROBE_INTERVAL, Math.min(MAX_PROBE_INTERVAL, spacing));
      }
    }

    @Override
    public String toString() {
      return warm ? "compiled" : "not compiled yet, scalar until then";
    }
  }
}
