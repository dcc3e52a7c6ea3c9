package dev.helios.benchmarks.compare;

import java.io.IOException;

/** One comparison: the same work done by stock git and by Helios, each side measured. */
public interface Workload {
  /** The name on the command line and in the JSON: {@code workspace-commit}, {@code push}, ... */
  String name();

  /** A heading for reports. */
  String title();

  /**
   * Runs every side {@code context.repeat()} times and returns the figures.
   *
   * @throws IOException with one line saying what failed (and which log to read)
   */
  WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException;
}
