package dev.helios.benchmarks.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one workload measured: its parameters, every side, and notes that say plainly where a
 * comparison is not like with like or where Helios did worse.
 *
 * @param name the workload's name ({@code workspace-commit}, {@code push}, ...)
 * @param title a heading
 * @param description what was done, for the report's method section
 * @param operations how many operations one repetition performs on each side (commits,
 *     pushes, checkouts, repositories, clones), for per-operation figures
 * @param parameters the inputs (files, commits, forks, ...), in display order
 * @param sides git sides first, then Helios sides
 * @param notes plain-language remarks for the report
 */
public record WorkloadResult(
    String name,
    String title,
    String description,
    int operations,
    Map<String, Object> parameters,
    List<Side> sides,
    List<String> notes) {
  public WorkloadResult {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    sides = List.copyOf(sides);
    notes = List.copyOf(notes);
  }

  /** The side named {@code key}, or null. */
  public Side side(String key) {
    return sides.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
  }
}
