package dev.helios.cli;

import java.io.PrintWriter;

/**
 * Progress lines for long work: shown on a terminal (rewritten in place on standard error),
 * silent when output is piped or redirected. Confined to the thread of the running command.
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final boolean enabled;
  private int lastLength;

  private Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Progress on {@code err} when the process has a terminal; silent otherwise. */
  static Progress forTerminal(PrintWriter err) {
    return new Progress(err, System.console() != null);
  }

  /** Replaces the current progress line with {@code line}. */
  void update(String line) {
    if (!enabled) {
      return;
    }
    String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
    err.print("\r" + padded);
    err.flush();
    lastLength = line.length();
  }

  /** Clears the progress line. */
  @Override
  public void close() {
    if (enabled && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }
}
