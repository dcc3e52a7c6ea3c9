package dev.helios.benchmarks.cas;

import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long does an L1 hit take, per codec and chunk size (target ≤ 2 µs)? 512 source-code
 * chunks of the given size, all resident; each call reads the next one, so the decompressor and
 * the returned copy dominate. A hit does not hash: L1 entries are trusted.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class L1HitBenchmark {
  @Param({"LZ4_HC", "LZ4", "ZSTD", "NONE"})
  CacheCodec codec;

  @Param({"4096", "16384", "65536"})
  int size;

  CachedChunkStore store;
  Hash[] hashes;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    store =
        ChunkStores.cached(
            ChunkStores.inMemory(), CacheOptions.builder().codec(codec).maximumBytes(1L << 30).build());
    List<byte[]> chunks = SourceCorpus.load(48L << 20).fixedSize(size, 512);
    hashes = new Hash[chunks.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = store.put(chunks.get(i));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    CachedChunkStore.CacheStats stats = store.cacheStats();
    System.out.printf(
        "%n%s %d B: hit ratio %.4f, compression %.2f:1%n",
        codec, size, stats.hitRatio(), stats.compressionRatio());
    store.close();
  }

  @Benchmark
  public byte[] hit() throws IOException {
    return store.read(hashes[next++ & (hashes.length - 1)]);
  }
}
