package dev.helios.benchmarks.cas;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileWriter;
import dev.helios.engine.cas.file.Chunker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many bytes a second does the FastCDC chunker cut on one thread (target: at least 1 GB/s),
 * and how much does storing a chunked file cost on top (two BLAKE3 passes and the batches)?
 * Inputs are 64 MiB of random bytes or of real source code (the JDK's {@code src.zip}, see
 * {@link SourceCorpus}). Scores are in MiB/s: one operation is one MiB. The average chunk size of
 * the input is printed at setup. The fork adds {@code jdk.incubator.vector} so that BLAKE3 runs
 * its vector kernel, as the server does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ChunkerBenchmark {
  private static final int MIB = 1 << 20;
  private static final int INPUT_MIB = 64;

  @Param({"random", "source"})
  String input;

  /** Piece size in which the streaming benchmark feeds the scanner. */
  @Param({"65536"})
  int readSize;

  byte[] data;
  Chunker chunker;
  ChunkStore store;

  @Setup
  public void setUp() {
    data = "random".equals(input) ? random() : source();
    chunker = Chunker.defaults();
    store = ChunkStores.inMemory();
    int chunks = chunker.cutPoints(data).length;
    System.out.printf(
        "%n%s: %d bytes, %d chunks, average %d bytes (%s)%n",
        input, data.length, chunks, data.length / chunks, chunker);
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
  }

  /** Boundaries of an in-memory array. */
  @Benchmark
  @OperationsPerInvocation(INPUT_MIB)
  public int cutPoints() {
    return chunker.cutPoints(data).length;
  }

  /** The same boundaries, fed through a scanner in pieces of {@code readSize}. */
  @Benchmark
  @OperationsPerInvocation(INPUT_MIB)
  public int scanInPieces() {
    Chunker.Scanner scanner = chunker.newScanner();
    int cuts = 0;
    for (int offset = 0; offset < data.length; offset += readSize) {
      int end = Math.min(data.length, offset + readSize);
      int at = offset;
      while (at < end) {
        int n = scanner.scan(data, at, end - at);
        if (n < 0) {
          break;
        }
        at += n;
        cuts++;
      }
    }
    return cuts;
  }

  /** A whole chunked file into an in-memory store (after the first run, every chunk is a dup). */
  @Benchmark
  @OperationsPerInvocation(INPUT_MIB)
  public ChunkedFile writeFile() throws IOException {
    return ChunkedFileWriter.write(store, data);
  }

  private static byte[] random() {
    byte[] bytes = new byte[INPUT_MIB * MIB];
    new SplittableRandom(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] source() {
    SourceCorpus corpus = SourceCorpus.load((long) INPUT_MIB * MIB);
    ByteArrayOutputStream out = new ByteArrayOutputStream(INPUT_MIB * MIB);
    for (byte[] chunk : corpus.chunks()) {
      out.writeBytes(chunk);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length < INPUT_MIB * MIB) {
      throw new IllegalStateException(
          "need " + INPUT_MIB + " MiB of source code, " + corpus.origin() + " has " + bytes.length + " bytes");
    }
    return Arrays.copyOf(bytes, INPUT_MIB * MIB);
  }
}
