package dev.helios.benchmarks.hash;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast is our BLAKE3 against the two Java implementations we could have used (commons-codec
 * and BouncyCastle), and against the JDK's SHA-1 and SHA-256 ({@link JdkDigestBenchmark}, same
 * sizes)? Ours comes in four variants, one per code path: Vector API lanes (the JVM started with
 * {@code --add-modules jdk.incubator.vector}), auto-vectorized loops (started without: what any
 * JVM gets), the scalar function alone, and {@link Blake3#hashParallel} on a pool of {@code
 * availableProcessors()} threads. Scores are hashes per second; multiply by {@code size} for
 * bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Blake3Benchmark {
  @Param({"64", "4096", "1048576"})
  int size;

  byte[] input;
  byte[] out;
  Blake3Digest bouncyCastle;
  ExecutorService pool;

  @Setup
  public void setUp() {
    input = new byte[size];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < size; i++) {
      input[i] = (byte) random.nextInt(256);
    }
    out = new byte[32];
    bouncyCastle = new Blake3Digest(256);
    pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  }

  @TearDown
  public void tearDown() {
    pool.shutdownNow();
  }

  /** Ours, whole chunks in Vector API lanes. */
  @Benchmark
  public Hash helios() {
    return Blake3.hash(input);
  }

  /** Ours on a JVM without the vector module: auto-vectorized loops for whole chunks. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dhelios.blake3.lanes=auto")
  public Hash heliosLoops() {
    return Blake3.hash(input);
  }

  /** Ours with the scalar compression function only. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Dhelios.blake3.lanes=scalar")
  public Hash heliosScalar() {
    return Blake3.hash(input);
  }

  /** Ours, split over the calling thread and a pool. */
  @Benchmark
  public Hash heliosParallel() {
    return Blake3.hashParallel(input, 0, input.length, pool);
  }

  @Benchmark
  public byte[] commonsCodec() {
    return org.apache.commons.codec.digest.Blake3.hash(input);
  }

  /** BouncyCastle's digest, reused across calls (its cheapest use). */
  @Benchmark
  public byte[] bouncyCastle() {
    bouncyCastle.update(input, 0, input.length);
    bouncyCastle.doFinal(out, 0);
    return out;
  }
}
