package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs a comparison runs: stock {@code git}, the JVM that runs Helios sides (this JVM's
 * own java and class path). Immutable.
 */
public final class Tools {
  private final String gitVersion;
  private final String java;
  private final String classPath;

  private Tools(String gitVersion, String java, String classPath) {
    this.gitVersion = gitVersion;
    this.java = java;
    this.classPath = classPath;
  }

  /**
   * Finds git and this JVM.
   *
   * @throws IOException if git is not installed
   */
  public static Tools detect() throws IOException, InterruptedException {
    String version;
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IOException(version);
      }
    } catch (IOException e) {
      throw new IOException("git is not installed (or not on PATH); compare-git runs stock git", e);
    }
    return new Tools(
        version.replaceFirst("^git version ", ""),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"));
  }

  /** {@code git --version} without its prefix, e.g. {@code 2.39.5}. */
  public String gitVersion() {
    return gitVersion;
  }

  /** The version of the JVM the Helios sides run on. */
  public String javaVersion() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  /**
   * The argv of a child JVM running {@code mainClass ARGS} on this class path: the JVM options
   * {@code ./helios} gives long-running commands (the Vector API) and no perf-data file.
   */
  public List<String> jvm(String mainClass, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.add("-XX:-UsePerfData");
    argv.add("--add-modules");
    argv.add("jdk.incubator.vector");
    argv.add("-cp");
    argv.add(classPath);
    argv.add(mainClass);
    argv.addAll(args);
    return argv;
  }

  /** The argv of a Helios side: {@link HeliosSide} {@code OP ARGS} in a child JVM. */
  public List<String> heliosSide(String op, String... args) {
    List<String> all = new ArrayList<>();
    all.add(op);
    all.addAll(List.of(args));
    return jvm(HeliosSide.class.getName(), all);
  }
}
