package dev.helios.compat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one run of the {@code git} binary produced: its arguments, exit code and raw output.
 * Immutable.
 *
 * @param command the command line, for failure messages
 * @param exitCode the process exit code
 * @param stdoutBytes everything written to standard output
 * @param stderrBytes everything written to standard error
 */
record GitResult(List<String> command, int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {
  GitResult {
    command = List.copyOf(command);
  }

  /** Standard output decoded as UTF-8. */
  String stdout() {
    return new String(stdoutBytes, StandardCharsets.UTF_8);
  }

  /** Standard error decoded as UTF-8. */
  String stderr() {
    return new String(stderrBytes, StandardCharsets.UTF_8);
  }

  /** Standard output split into lines, without the line terminators; empty output gives none. */
  List<String> lines() {
    return stdout().lines().toList();
  }

  boolean succeeded() {
    return exitCode == 0;
  }

  /** The command, exit code, stdout and stderr, for assertion messages. */
  String describe() {
    return "$ git "
        + String.join(" ", command)
        + "\nexit code: "
        + exitCode
        + "\n--- stdout ---\n"
        + abbreviate(stdout())
        + "\n--- stderr ---\n"
        + abbreviate(stderr());
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String abbreviate(String text) {
    int max = 8_000;
    return text.length() <= max
        ? text
        : text.substring(0, max / 2) + "\n[...]\n" + text.substring(text.length() - max / 2);
  }
}
