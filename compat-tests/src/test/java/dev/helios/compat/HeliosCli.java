package dev.helios.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@code helios} command line as a child JVM, the way an operator runs it next to a
 * server. Stateless and thread-safe.
 */
final class HeliosCli {
  private HeliosCli() {}

  /**
   * Runs {@code helios args…} in {@code dir} and returns its exit code and output (as a {@link
   * GitResult}, whose command names the helios arguments).
   *
   * @throws AssertionError if it cannot be started or runs longer than five minutes
   */
  static GitResult run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(HeliosServerProcess.classpath());
    command.add("dev.helios.cli.Main");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process, false));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(
            "helios " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      List<String> shown = new ArrayList<>(List.of("(helios)"));
      shown.addAll(List.of(args));
      return new GitResult(
          shown, process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot run helios " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running helios", e);
    }
  }

  private static byte[] readAll(Process process, boolean stderr) {
    try {
      return (stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes();
    } catch (IOException e) {
      return ("<cannot read: " + e + ">").getBytes(StandardCharsets.UTF_8);
    }
  }
}
