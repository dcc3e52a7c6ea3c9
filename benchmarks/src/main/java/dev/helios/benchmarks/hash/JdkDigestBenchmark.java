package dev.helios.benchmarks.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** How fast are the JDK's SHA-1 and SHA-256 here? The baseline for the BLAKE3 figures. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdkDigestBenchmark {
  @Param({"64", "4096", "1048576"})
  int size;

  @Param({"SHA-1", "SHA-256"})
  String algorithm;

  byte[] input;
  MessageDigest digest;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    input = new byte[size];
    new Random(42).nextBytes(input);
    digest = MessageDigest.getInstance(algorithm);
  }

  @Benchmark
  public byte[] digest() {
    return digest.digest(input);
  }
}
