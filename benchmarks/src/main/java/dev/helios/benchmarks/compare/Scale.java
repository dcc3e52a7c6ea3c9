package dev.helios.benchmarks.compare;

import java.util.Locale;

/**
 * How big the workloads are. {@code small} finishes in under two minutes on a 2-core machine
 * and is what the tests run; {@code medium} gives the figures README.md quotes; {@code large}
 * is for a machine with time to spare.
 */
public enum Scale {
  SMALL,
  MEDIUM,
  LARGE;

  /** The value for this scale. */
  public int pick(int small, int medium, int large) {
    return switch (this) {
      case SMALL -> small;
      case MEDIUM -> medium;
      case LARGE -> large;
    };
  }

  /** The lower-case name used on the command line and in the JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code small}, {@code medium} or {@code large}.
   *
   * @throws IllegalArgumentException with the allowed names otherwise
   */
  public static Scale parse(String text) {
    for (Scale s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scale '" + text + "'; choose small, medium or large");
  }
}
