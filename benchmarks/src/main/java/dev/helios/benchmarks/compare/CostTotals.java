package dev.helios.benchmarks.compare;

import java.util.List;

/**
 * The sum of the cost lines that describe the same setup (block storage), leaving out the
 * what-if lines.
 *
 * @param gitPerYear stock git's yearly cost
 * @param heliosPerYear Helios's yearly cost
 * @param lines how many lines were added up
 */
public record CostTotals(double gitPerYear, double heliosPerYear, int lines) {

  /** What Helios saves a year (negative when it costs more). */
  public double savingPerYear() {
    return gitPerYear - heliosPerYear;
  }

  /** Adds up the lines of {@code costs} that are not {@link CostLine#alternative()}. */
  public static CostTotals of(List<CostLine> costs) {
    double git = 0;
    double helios = 0;
    int n = 0;
    for (CostLine line : costs) {
      if (!line.alternative()) {
        git += line.gitPerYear();
        helios += line.heliosPerYear();
        n++;
      }
    }
    return new CostTotals(git, helios, n);
  }
}
