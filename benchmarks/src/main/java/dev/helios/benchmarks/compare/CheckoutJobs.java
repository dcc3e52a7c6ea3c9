package dev.helios.benchmarks.compare;

/**
 * The sum of the measured runs of one repetition's CI jobs: counters added field by field, wall
 * times added (the jobs run one after another; the unmeasured moves of the upstream between
 * them are not counted). Not thread-safe.
 */
final class CheckoutJobs {
  private ProcessCounters counters = ProcessCounters.ZERO;
  private long wallNanos;

  /** Adds one job's run. */
  void add(Meter.Run run) {
    counters = counters.plus(run.counters());
    wallNanos += run.wallNanos();
  }

  /** The jobs so far as one run. */
  Meter.Run total() {
    return new Meter.Run(counters, wallNanos, 0);
  }
}
