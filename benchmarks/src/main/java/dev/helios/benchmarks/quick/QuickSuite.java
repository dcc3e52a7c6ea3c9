package dev.helios.benchmarks.quick;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A short benchmark run for {@code helios benchmark --suite NAME}: seconds, not minutes, a
 * health check rather than a publishable figure (those come from the JMH classes). Implementations
 * are confined to the calling thread unless they say otherwise.
 */
public interface QuickSuite {

  /** The name users pass to {@code --suite}, e.g. {@code hash}. */
  String name();

  /**
   * Runs the suite and returns its figures as a JSON-ready tree: a map whose values are numbers,
   * strings, booleans, lists or maps of the same, in the order they should be printed. The map
   * has a {@code "suite"} entry naming the suite.
   *
   * @param progress receives one short human-readable line per step (for a terminal display)
   * @throws Exception if the suite cannot run; the message says why
   */
  Map<String, Object> run(Consumer<String> progress) throws Exception;
}
