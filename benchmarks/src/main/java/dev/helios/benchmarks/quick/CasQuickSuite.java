package dev.helios.benchmarks.quick;

import dev.helios.benchmarks.cas.SourceCorpus;
import dev.helios.benchmarks.cas.ZipfianGenerator;
import dev.helios.engine.cas.CacheCodec;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.CachedChunkStore;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * {@code helios benchmark --suite cas}: L2 (RocksDB) put and get latency, L1 hit latency, L1 hit
 * ratio on a Zipfian read mix with a cache of 10% of the data, and L1 compression per codec on
 * real source code, in about 15 seconds. One thread; WAL without fsync; a temporary directory
 * deleted afterwards. Confined to the calling thread.
 */
public final class CasQuickSuite implements QuickSuite {
  /*
   * Latencies are recorded per operation in nanoseconds with HdrHistogram (3 significant
   * digits) after a warm-up of the same operation, and reported in microseconds. The figures
   * are a health check: the JMH classes in dev.helios.benchmarks.cas give the publishable ones.
   */

  private static final long SEED = 42;
  private static final int CHUNK = 4096;
  /** YCSB's default first (the headline figure), then a more skewed mix. */
  private static final List<Double> ZIPF_EXPONENTS = List.of(ZipfianGenerator.DEFAULT_EXPONENT, 1.1);

  @Override
  public String name() {
    return "cas";
  }

  @Override
  public Map<String, Object> run(Consumer<String> progress) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("suite", name());
    progress.accept("loading source code for the corpus");
    SourceCorpus corpus = SourceCorpus.load(24L << 20);
    out.put("corpus", corpus.origin());
    out.put("corpus_bytes", corpus.bytes());
    out.put("chunk_bytes", CHUNK);
    out.put("sync_policy", SyncPolicy.WAL.name());
    Path dir = Files.createTempDirectory("helios-quick-cas-");
    try {
      l2(dir.resolve("l2"), corpus, out, progress);
      l1Hit(corpus, out, progress);
      hitRatio(dir.resolve("zipf"), corpus, out, progress);
      compression(corpus, out, progress);
    } finally {
      deleteTree(dir);
    }
    return out;
  }

  private static void l2(Path dir, SourceCorpus corpus, Map<String, Object> out, Consumer<String> progress)
      throws IOException {
    progress.accept("L2 put and get, " + CHUNK + "-byte chunks");
    List<byte[]> chunks = corpus.fixedSize(CHUNK, 10_000);
    Histogram put = histogram();
    Histogram get = histogram();
    List<Hash> hashes = new ArrayList<>(chunks.size());
    try (ChunkStore store = ChunkStores.rocksDb(StorageOptions.builder(dir).syncPolicy(SyncPolicy.WAL).build())) {
      for (int i = 0; i < chunks.size(); i++) {
        byte[] data = chunks.get(i).clone();
        // Distinct content per chunk: the corpus cycles, and a repeat would be a dedup skip.
        data[0] = (byte) i;
        data[1] = (byte) (i >>> 8);
        long t0 = System.nanoTime();
        hashes.add(store.put(data));
        long t = System.nanoTime() - t0;
        if (i >= 2_000) {
          put.recordValue(t);
        }
      }
      Random random = new Random(SEED);
      for (int i = 0; i < 30_000; i++) {
        Hash hash = hashes.get(random.nextInt(hashes.size()));
        long t0 = System.nanoTime();
        store.read(hash);
        long t = System.nanoTime() - t0;
        if (i >= 5_000) {
          get.recordValue(t);
        }
      }
    }
    out.put("l2_put_us", percentiles(put));
    out.put("l2_get_us", percentiles(get));
  }

  private static void l1Hit(SourceCorpus corpus, Map<String, Object> out, Consumer<String> progress)
      throws IOException {
    progress.accept("L1 hits, " + CacheOptions.DEFAULT_CODEC + ", 4 KiB and 16 KiB chunks");
    out.put("codec", CacheOptions.DEFAULT_CODEC.name().toLowerCase(Locale.ROOT));
    // A throw-away round first: the first measured size must not pay for JIT compilation.
    hitLatency(corpus, CHUNK);
    out.put("l1_hit_us", hitLatency(corpus, CHUNK));
    out.put("l1_hit_16k_us", hitLatency(corpus, 16 * 1024));
  }

  private static Map<String, Object> hitLatency(SourceCorpus corpus, int size) throws IOException {
    Histogram hits = histogram();
    try (CachedChunkStore store =
        ChunkStores.cached(ChunkStores.inMemory(), CacheOptions.builder().maximumBytes(256L << 20).build())) {
      List<byte[]> chunks = corpus.fixedSize(size, 512);
      Hash[] hashes = new Hash[chunks.size()];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = store.put(chunks.get(i));
      }
      for (int i = 0; i < 300_000; i++) {
        Hash hash = hashes[i & 511];
        long t0 = System.nanoTime();
        store.read(hash);
        long t = System.nanoTime() - t0;
        if (i >= 100_000) {
          hits.recordValue(t);
        }
      }
    }
    return percentiles(hits);
  }

  private static void hitRatio(Path dir, SourceCorpus corpus, Map<String, Object> out, Consumer<String> progress)
      throws IOException {
    progress.accept("L1 hit ratio, Zipfian reads, cache = 10% of the data's raw bytes");
    long budget = corpus.bytes() / 10;
    CacheOptions options = CacheOptions.builder().maximumBytes(budget).admitOnWrite(false).build();
    List<byte[]> chunks = corpus.chunks();
    Hash[] hashes = new Hash[chunks.size()];
    try (ChunkStore l2 = ChunkStores.rocksDb(StorageOptions.defaults(dir))) {
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = l2.put(chunks.get(i));
      }
    }
    Map<String, Object> byExponent = new LinkedHashMap<>();
    for (double s : ZIPF_EXPONENTS) {
      // A fresh, cold L1 over the same L2 for each exponent.
      try (CachedChunkStore store = ChunkStores.cached(ChunkStores.rocksDb(StorageOptions.defaults(dir)), options)) {
        ZipfianGenerator zipf = new ZipfianGenerator(hashes.length, s, SEED);
        for (int i = 0; i < 50_000; i++) {
          store.read(hashes[zipf.next()]);
        }
        CachedChunkStore.CacheStats before = store.cacheStats();
        for (int i = 0; i < 150_000; i++) {
          store.read(hashes[zipf.next()]);
        }
        CachedChunkStore.CacheStats after = store.cacheStats();
        long hits = after.hits() - before.hits();
        long misses = after.misses() - before.misses();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hit_ratio", round((double) hits / (hits + misses)));
        // What a perfect frequency oracle holding as many entries would hit: the ceiling.
        r.put("ideal_lfu_hit_ratio", round(zipf.massOfTop((int) after.entries())));
        r.put("entries_held", after.entries());
        byExponent.put(Double.toString(s), r);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> main = (Map<String, Object>) byExponent.get(Double.toString(ZIPF_EXPONENTS.get(0)));
    out.put("l1_hit_ratio", main.get("hit_ratio"));
    out.put("zipf_exponent", ZIPF_EXPONENTS.get(0));
    out.put("zipf_items", hashes.length);
    out.put("l1_budget_bytes", budget);
    out.put("l1_hit_ratio_by_exponent", byExponent);
  }

  private static void compression(SourceCorpus corpus, Map<String, Object> out, Consumer<String> progress)
      throws IOException {
    progress.accept("L1 compression per codec on " + corpus.origin());
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (CacheCodec codec : List.of(CacheCodec.LZ4, CacheCodec.LZ4_HC, CacheCodec.ZSTD)) {
      CacheOptions options = CacheOptions.builder().codec(codec).maximumBytes(1L << 30).build();
      try (CachedChunkStore store = ChunkStores.cached(ChunkStores.inMemory(), options)) {
        for (byte[] chunk : corpus.chunks()) {
          store.put(chunk);
        }
        ratios.put(codec.name().toLowerCase(Locale.ROOT), round(store.cacheStats().compressionRatio()));
      }
    }
    out.put("l1_compression_ratio", ratios.get(CacheOptions.DEFAULT_CODEC.name().toLowerCase(Locale.ROOT)));
    out.put("l1_compression_ratio_by_codec", ratios);
  }

  private static Histogram histogram() {
    return new Histogram(3_600_000_000_000L, 3);
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50", micros(h.getValueAtPercentile(50)));
    p.put("p95", micros(h.getValueAtPercentile(95)));
    p.put("p99", micros(h.getValueAtPercentile(99)));
    p.put("max", micros(h.getMaxValue()));
    p.put("count", h.getTotalCount());
    return p;
  }

  private static double micros(long nanos) {
    return round(nanos / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
