package dev.helios.engine.hash.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Chooses the fastest {@link LaneCompressor} the runtime supports. Thread-safe.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class LaneCompressors {
  /*
   * The vector implementation links against jdk.incubator.vector, which a JVM resolves only
   * when started with --add-modules jdk.incubator.vector. It is therefore named by string and
   * constructed through a method handle looked up once: if the module is absent, the lookup
   * fails with a LinkageError here, once, and every hasher uses the scalar path, which never
   * touches the vector class. Setting -Dhelios.blake3.vector=false forces the scalar path.
   */

  private static final String VECTOR_CLASS =
      "dev.helios.engine.hash.internal.vector.VectorLaneCompressor";

  private static final MethodHandle VECTOR = findVector();

  private LaneCompressors() {}

  /** Returns a new compressor of the best kind available, for use by one thread. */
  public static LaneCompressor create() {
    if (VECTOR != null) {
      try {
        return (LaneCompressor) VECTOR.invoke();
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create " + VECTOR_CLASS, e);
      }
    }
    return new ScalarLaneCompressor();
  }

  /** Returns a new vector compressor, or empty if the runtime has no usable vector support. */
  public static Optional<LaneCompressor> createVector() {
    if (VECTOR == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((LaneCompressor) VECTOR.invoke());
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create " + VECTOR_CLASS, e);
    }
  }

  /** Returns a new scalar compressor, for use by one thread. */
  public static LaneCompressor createScalar() {
    return new ScalarLaneCompressor();
  }

  /** Returns whether {@link #create()} returns vector compressors. */
  public static boolean vectorized() {
    return VECTOR != null;
  }

  private static MethodHandle findVector() {
    if (!Boolean.parseBoolean(System.getProperty("helios.blake3.vector", "true"))) {
      return null;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> type = Class.forName(VECTOR_CLASS);
      MethodHandle constructor =
          MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class));
      // Constructing one probes the species; it throws if vectors are too narrow to help.
      constructor.invoke();
      return constructor;
    } catch (Throwable e) {
      // Deliberately ignored: no usable vector support means the scalar path, which is correct.
      return null;
    }
  }
}
