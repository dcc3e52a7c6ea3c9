package dev.helios.benchmarks.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured quantity of one side of a workload, with its value in each repetition.
 *
 * @param key stable name in the JSON ({@code write_bytes}, {@code wall_ms}, ...)
 * @param unit {@code bytes}, {@code ms}, {@code calls} or {@code files}
 * @param values one value per repetition, in run order
 */
public record Figure(String key, String unit, List<Double> values) {
  public Figure {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one value: " + key);
    }
  }

  /** The median (the mean of the middle two for an even count). */
  public double median() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The smallest value. */
  public double min() {
    return Collections.min(values);
  }

  /** The largest value. */
  public double max() {
    return Collections.max(values);
  }
}
