package dev.helios.engine.hash.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the fastest {@link LaneCompressor} the runtime supports. Thread-safe.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class LaneCompressors {
  /*
   * Three kinds, fastest first:
   *
   *  - vector: the incubating Vector API (internal.vector), 8 lanes of 256 bits. It links
   *    against jdk.incubator.vector, which a JVM resolves only when started with --add-modules
   *    jdk.incubator.vector, so it is named by string and constructed through a method handle
   *    looked up once, and only if the boot layer has the module. Best from 2 lanes on.
   *  - loops: SuperWordLaneCompressor, plain loops that C2 auto-vectorizes; any JVM. As fast
   *    as vector on 128 chunks and more, slower below, scalar below 16.
   *  - scalar: Compressor, one lane at a time.
   *
   * -Dhelios.blake3.lanes=loops|scalar forces a kind; the default, auto, takes the fastest
   * available. The vector and loops kinds come wrapped in a WarmingLaneCompressor, which keeps
   * to the scalar function until C2 has compiled their kernels.
   */

  private static final String VECTOR_CLASS =
      "dev.helios.engine.hash.internal.vector.VectorLaneCompressor";

  private static final Probe PROBE = probe();

  // One per kind, as C2's compiled code is one per process.
  private static final WarmingLaneCompressor.Warmth VECTOR_WARMTH =
      new WarmingLaneCompressor.Warmth(4);
  private static final WarmingLaneCompressor.Warmth LOOPS_WARMTH =
      new WarmingLaneCompressor.Warmth(32);

  private LaneCompressors() {}

  /** Returns a new compressor of the chosen kind, for use by one thread. */
  public static LaneCompressor create() {
    return switch (PROBE.kind()) {
      case VECTOR -> new WarmingLaneCompressor(newVector(PROBE.vector()), VECTOR_WARMTH);
      case LOOPS -> new WarmingLaneCompressor(new SuperWordLaneCompressor(), LOOPS_WARMTH);
      case SCALAR -> new ScalarLaneCompressor();
    };
  }

  /** Returns a new vector compressor, or empty if the runtime has no usable vector support. */
  public static Optional<LaneCompressor> createVector() {
    return PROBE.vector() == null ? Optional.empty() : Optional.of(newVector(PROBE.vector()));
  }

  /** Returns a new compressor of auto-vectorized loops, for use by one thread. */
  public static LaneCompressor createLoops() {
    return new SuperWordLaneCompressor();
  }

  /** Returns a new scalar compressor, for use by one thread. */
  public static LaneCompressor createScalar() {
    return new ScalarLaneCompressor();
  }

  /**
   * Describes the kind {@link #create()} returns, e.g. {@code "vector, 8 lanes"}, with the
   * reason when it is not the vector kind, and whether its kernels are compiled yet.
   */
  public static String describe() {
    return switch (PROBE.kind()) {
      case VECTOR -> PROBE.description() + ", " + VECTOR_WARMTH;
      case LOOPS -> PROBE.description() + ", " + LOOPS_WARMTH;
      case SCALAR -> PROBE.description();
    };
  }

  private static LaneCompressor newVector(MethodHandle constructor) {
    try {
      return (LaneCompressor) constructor.invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create " + VECTOR_CLASS, e);
    }
  }

  private enum Kind {
    VECTOR,
    LOOPS,
    SCALAR
  }

  /** What the runtime offers: the vector constructor (null if none), the kind to use, why. */
  private record Probe(MethodHandle vector, Kind kind, String description) {}

  private static Probe probe() {
    String wanted = System.getProperty("helios.blake3.lanes", "auto").toLowerCase(Locale.ROOT);
    MethodHandle vector = null;
    String vectorDetail;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      vectorDetail = "start the JVM with --add-modules jdk.incubator.vector for vector lanes";
    } else {
      try {
        Class<?> type = Class.forName(VECTOR_CLASS);
        MethodHandle constructor =
            MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class));
        // Constructing one probes the species; it throws if vectors are too narrow to help.
        LaneCompressor probe = (LaneCompressor) constructor.invoke();
        vector = constructor;
        vectorDetail = "vector, " + probe.lanes() + " lanes";
      } catch (Throwable e) {
        // Deliberately not rethrown: without usable vector support the other kinds, which are
        // always correct, take over; the reason is kept for describe().
        vectorDetail = "no vector lanes: " + e;
      }
    }
    return switch (wanted) {
      case "scalar" -> new Probe(vector, Kind.SCALAR, "scalar (-Dhelios.blake3.lanes=scalar)");
      case "loops" -> new Probe(vector, Kind.LOOPS, "loops (-Dhelios.blake3.lanes=loops)");
      default ->
          vector != null
              ? new Probe(vector, Kind.VECTOR, vectorDetail)
              : new Probe(null, Kind.LOOPS, "loops (" + vectorDetail + ")");
    };
  }
}
