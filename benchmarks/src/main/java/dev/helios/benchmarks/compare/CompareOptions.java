package dev.helios.benchmarks.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code helios compare-git} was asked to do.
 *
 * @param workloads names to run, in order (see {@link Workloads#NAMES})
 * @param scale the size of the work
 * @param repeat repetitions of each side (at least 1)
 * @param repository a given input repository, or null to generate one
 * @param pricing a pricing file, or null for the built-in list prices
 * @param fleet a fleet file, or null for the built-in example fleet
 * @param workDir where the workloads run (a fresh directory under it), or null for the system
 *     temporary directory
 * @param keep keep the work directory afterwards (for reading the logs)
 */
public record CompareOptions(
    List<String> workloads,
    Scale scale,
    int repeat,
    Path repository,
    Path pricing,
    Path fleet,
    Path workDir,
    boolean keep) {
  public CompareOptions {
    workloads = List.copyOf(workloads);
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be 1 or more: " + repeat);
    }
    for (String w : workloads) {
      if (!Workloads.NAMES.contains(w)) {
        throw new IllegalArgumentException(
            "unknown workload '" + w + "'; choose " + String.join(", ", Workloads.NAMES) + " or all");
      }
    }
  }
}
