package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.util.Environment;

/**
 * Starts the Helios sides of the workspace-commit and ci-checkout workloads with RocksDB's native
 * library loaded from a directory, as an installed package would have it. Stateless.
 */
final class WorkspaceJvm {
  /*
   * Without a library on java.library.path, RocksJava copies its native library (about 15 MB)
   * out of its jar into java.io.tmpdir at every JVM start and deletes it at exit. A server pays
   * that once; a child JVM per commit loop or per CI job would pay it every time, and those
   * 15 MB of writes would swamp the figures these workloads are about. The copy is made once,
   * unmeasured, into the workload's directory.
   */

  /** What a workload's notes say about it. */
  static final String NOTE =
      "The Helios child JVMs load RocksDB's native library from a directory, as an installed"
          + " package would. Loaded from its jar instead (as ./helios does today), RocksJava"
          + " copies the 15 MB library into the temporary directory at every JVM start: 15 MB"
          + " more written per child JVM.";

  private WorkspaceJvm() {}

  /**
   * Copies RocksDB's native library for this platform out of its jar into {@code dir} (created
   * if missing) and returns {@code dir}.
   *
   * @throws IOException if the library is not on the class path or cannot be written
   */
  static Path nativeLibrary(Path dir) throws IOException {
    String file = Environment.getJniLibraryFileName("rocksdb");
    Files.createDirectories(dir);
    try (InputStream in = Environment.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException("RocksDB's native library " + file + " is not on the class path");
      }
      Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  /**
   * The argv of a Helios side ({@link Tools#heliosSide}), with native libraries from {@code
   * libraries}.
   */
  static List<String> heliosSide(Tools tools, Path libraries, String op, String... args) {
    List<String> argv = new ArrayList<>(tools.heliosSide(op, args));
    argv.add(1, "-Djava.library.path=" + libraries.toAbsolutePath());
    return argv;
  }
}
