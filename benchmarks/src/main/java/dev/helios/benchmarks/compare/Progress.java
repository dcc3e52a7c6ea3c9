package dev.helios.benchmarks.compare;

import java.nio.file.Path;

/** Where a comparison reports what it is doing, for a live display. Implementations are thread-safe. */
@FunctionalInterface
public interface Progress {
  /** Says what is happening now, e.g. {@code "git: commit 12/50 (repetition 2/3)"}. */
  void step(String workload, String what);

  /** Says where this run's work directory is, once, before the first workload starts. */
  default void workDirectory(Path dir) {}

  /** A progress that ignores everything. */
  Progress NONE = (workload, what) -> {};
}
