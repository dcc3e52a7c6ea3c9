package dev.helios.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Checks once per test JVM that the stock {@code git} binary is available and logs its version.
 * Thread-safe.
 */
final class GitPrerequisite {
  /*
   * git is a stated prerequisite of this module (README, STYLE section 7): when it is missing
   * every test fails with the one line below instead of being skipped, so a CI machine without
   * git can never report a green compatibility suite.
   */

  private static String version;
  private static AssertionError failure;

  private GitPrerequisite() {}

  /**
   * Returns the output of {@code git --version}, logging it on the first call.
   *
   * @throws AssertionError with one clear line when git cannot be run
   */
  static synchronized String check() {
    if (version != null) {
      return version;
    }
    if (failure != null) {
      throw failure;
    }
    try {
      Process process =
          new ProcessBuilder(GitCli.EXECUTABLE, "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        failure =
            new AssertionError("'" + GitCli.EXECUTABLE + " --version' failed: " + output.strip());
        throw failure;
      }
      version = output.strip();
      System.out.println(
          "compat-tests: running against " + version + " (" + GitCli.EXECUTABLE + ")");
      return version;
    } catch (IOException e) {
      failure = new AssertionError(missingMessage(e));
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running git --version", e);
    }
  }

  /** The one line a test fails with when {@code git} cannot be started. */
  static String missingMessage(IOException cause) {
    return "compat-tests require the stock git command, but '"
        + GitCli.EXECUTABLE
        + "' cannot be run ("
        + cause.getMessage()
        + "); install git (e.g. apt-get install git) and put it on PATH";
  }
}
