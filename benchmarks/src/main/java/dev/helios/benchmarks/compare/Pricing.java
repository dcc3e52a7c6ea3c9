package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;

/** Unit prices for the cost lines, with their date and source. */
public record Pricing(String provider, String asOf, String source) {
  /** The built-in list prices. */
  public static Pricing defaults() {
    throw new UnsupportedOperationException("pricing is not built yet");
  }

  /**
   * Reads a pricing file.
   *
   * @throws IOException with one line naming the file and what is wrong in it
   */
  public static Pricing load(Path file) throws IOException {
    throw new UnsupportedOperationException("pricing is not built yet");
  }
}
