package dev.helios.benchmarks.cas;

import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.hash.Blake3;
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
 * What compression ratio does each L1 codec reach on real source code (target ≥ 3:1), and what
 * does admitting a chunk cost? Setup writes ~32 MiB of {@link SourceCorpus} chunks through an L1
 * with room for all of them and prints the cache's ratio (raw over stored bytes). The benchmark
 * then times a write-through admission of a corpus chunk: BLAKE3, the in-memory L2 and the
 * compression, plus the delete (and its BLAKE3) that first drops the chunk so it is admitted
 * again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CasCompressionBenchmark {
  @Param({"LZ4_HC", "LZ4", "ZSTD"})
  CacheCodec codec;

  @Param({"0"})
  int level;

  CachedChunkStore store;
  List<byte[]> chunks;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    CacheOptions.Builder options = CacheOptions.builder().maximumBytes(1L << 30);
    options.codec(codec, level == 0 ? codec.defaultLevel() : level);
    store = ChunkStores.cached(ChunkStores.inMemory(), options.build());
    SourceCorpus corpus = SourceCorpus.load(32L << 20);
    chunks = corpus.chunks();
    for (byte[] chunk : chunks) {
      store.put(chunk);
    }
    CachedChunkStore.CacheStats stats = store.cacheStats();
    System.out.printf(
        "%n%s level %d on %s: %d chunks, %d bytes, compression %.3f:1%n",
        codec, options.build().codecLevel(), corpus.origin(), stats.entries(), stats.rawBytes(),
        stats.compressionRatio());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
  }

  @Benchmark
  public Object admit() throws IOException {
    byte[] chunk = chunks.get(next++ % chunks.size());
    store.delete(List.of(Blake3.hash(chunk)));
    return store.put(chunk);
  }
}
