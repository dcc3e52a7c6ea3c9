package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;

/** The fleet whose yearly cost the report estimates. */
public record Fleet(String description) {
  /** The built-in example fleet. */
  public static Fleet defaults() {
    throw new UnsupportedOperationException("fleet is not built yet");
  }

  /**
   * Reads a fleet file.
   *
   * @throws IOException with one line naming the file and what is wrong in it
   */
  public static Fleet load(Path file) throws IOException {
    throw new UnsupportedOperationException("fleet is not built yet");
  }
}
