package dev.helios.benchmarks.cas;

import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;
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
 * What hit ratio does the L1 reach on a Zipfian read mix when its budget is 10% of the data's
 * raw bytes (target ≥ 90%)? The data is real source code (~48 MiB, see {@link SourceCorpus}) in
 * the RocksDB L2; reads pick chunk ranks with a seeded {@link ZipfianGenerator} of exponent
 * {@code s}. Compression lets the cache hold more chunks than 10% of their count, which is the
 * point of compressing. Nothing is admitted on write, so the cache starts cold; the hit ratio is
 * printed after each iteration (counters reset when the iteration starts) and the time per read
 * is the benchmark's score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class L1HitRatioBenchmark {
  @Param({"0.99", "1.1"})
  double s;

  @Param({"LZ4_HC", "NONE"})
  CacheCodec codec;

  Path dir;
  CachedChunkStore store;
  Hash[] hashes;
  ZipfianGenerator zipf;
  long hitsAtStart;
  long missesAtStart;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchmarkDirs.create("helios-bench-zipf-");
    SourceCorpus corpus = SourceCorpus.load(48L << 20);
    long budget = corpus.bytes() / 10;
    store =
        ChunkStores.cached(
            ChunkStores.rocksDb(StorageOptions.defaults(dir)),
            CacheOptions.builder().codec(codec).maximumBytes(budget).admitOnWrite(false).build());
    List<byte[]> chunks = corpus.chunks();
    hashes = new Hash[chunks.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = store.put(chunks.get(i));
    }
    zipf = new ZipfianGenerator(hashes.length, s, 42);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    CachedChunkStore.CacheStats stats = store.cacheStats();
    hitsAtStart = stats.hits();
    missesAtStart = stats.misses();
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    CachedChunkStore.CacheStats stats = store.cacheStats();
    long hits = stats.hits() - hitsAtStart;
    long misses = stats.misses() - missesAtStart;
    System.out.printf(
        "  [s=%.2f %s: hit ratio %.4f over %d reads, %d entries of %d, compression %.2f:1]%n",
        s, codec, (double) hits / Math.max(1, hits + misses), hits + misses,
        stats.entries(), hashes.length, stats.compressionRatio());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    BenchmarkDirs.delete(dir);
  }

  @Benchmark
  public byte[] zipfianRead() throws IOException {
    return store.read(hashes[zipf.next()]);
  }
}
