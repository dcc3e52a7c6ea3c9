package dev.helios.benchmarks.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a workload (stock git, tuned git, Helios, ...) and its figures.
 *
 * @param key stable name in the JSON: {@code git}, {@code git-tuned}, {@code git-fresh-clone},
 *     {@code helios}, {@code helios-import}, ...
 * @param label what a reader sees
 * @param helios whether this is a Helios side (compared against every git side)
 * @param method how this side ran, in one or two sentences
 * @param fsync this side's durability setting, stated as it is
 * @param figures by key, in display order
 */
public record Side(
    String key, String label, boolean helios, String method, String fsync, Map<String, Figure> figures) {
  public Side {
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** The figure named {@code key}, or null. */
  public Figure figure(String key) {
    return figures.get(key);
  }
}
