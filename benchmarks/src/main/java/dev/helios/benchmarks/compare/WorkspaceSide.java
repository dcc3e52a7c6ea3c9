package dev.helios.benchmarks.compare;

import java.util.List;

/** Helios side operations run in a child JVM by {@link HeliosSide}. */
final class WorkspaceSide {
  private WorkspaceSide() {}

  /** Runs operation {@code op} with {@code args}. */
  static void run(String op, List<String> args) throws Exception {
    throw new UnsupportedOperationException(op + " is not built yet");
  }
}
