package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.util.Environment;

/**
 * The programs a comparison runs: stock {@code git}, the JVM that runs Helios sides (this JVM's
 * own java and class path). Immutable.
 */
public final class Tools {
  /** What a workload's notes say about the native library of the Helios child JVMs. */
  public static final String NATIVE_LIBRARY_NOTE =
      "The Helios child JVMs load RocksDB's native library from a directory, as ./helios"
          + " does on Linux x86-64 and an installed package would. Loaded from its jar instead,"
          + " RocksJava copies the 15 MB library into the temporary directory at every JVM"
          + " start: 15 MB more written per child JVM.";

  /*
   * Without a library on java.library.path, RocksJava copies its native library (about 15 MB)
   * out of its jar into java.io.tmpdir at every JVM start and deletes it at exit. A server pays
   * that once; a child JVM per commit loop, per CI job or per migration would pay it every
   * time, and those writes would swamp the figures the workloads are about. The copy is made
   * once per comparison, unmeasured.
   */

  private final String gitVersion;
  private final String java;
  private final String classPath;
  private final Path nativeLibraries;

  private Tools(String gitVersion, String java, String classPath, Path nativeLibraries) {
    this.gitVersion = gitVersion;
    this.java = java;
    this.classPath = classPath;
    this.nativeLibraries = nativeLibraries;
  }

  /**
   * Finds git and this JVM, and copies RocksDB's native library into {@code nativeLibraries}
   * (created if missing) for the Helios child JVMs.
   *
   * @throws IOException if git is not installed or the library cannot be copied
   */
  public static Tools detect(Path nativeLibraries) throws IOException, InterruptedException {
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
        System.getProperty("java.class.path"),
        copyNativeLibrary(nativeLibraries));
  }

  private static Path copyNativeLibrary(Path dir) throws IOException {
    String file = Environment.getJniLibraryFileName("rocksdb");
    Files.createDirectories(dir);
    try (InputStream in = Environment.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException("RocksDB's native library " + file + " is not on the class path");
      }
      Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir.toAbsolutePath();
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
   * {@code ./helios} gives long-running commands (the Vector API), no perf-data file, and
   * RocksDB's native library from its directory.
   */
  public List<String> jvm(String mainClass, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(java);
    argv.add("-XX:-UsePerfData");
    argv.add("-Djava.library.path=" + nativeLibraries);
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
