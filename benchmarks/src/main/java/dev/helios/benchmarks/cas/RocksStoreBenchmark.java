package dev.helios.benchmarks.cas;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
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
 * How long do put (new and already-stored chunks) and get take on the RocksDB L2, at the
 * percentiles? One thread, WAL without fsync unless {@code sync=FSYNC}; 64 MiB of chunks, so
 * reads are served from the block cache and page cache: this is the software path, not the disk.
 * Times include BLAKE3 (put hashes, get verifies).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RocksStoreBenchmark {
  @Param({"4096", "65536"})
  int size;

  @Param({"false", "true"})
  boolean blobFiles;

  @Param({"WAL"})
  SyncPolicy sync;

  Path dir;
  ChunkStore store;
  Hash[] stored;
  byte[][] storedData;
  byte[] fresh;
  long counter;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchmarkDirs.create("helios-bench-l2-");
    store =
        ChunkStores.rocksDb(
            StorageOptions.builder(dir).syncPolicy(sync).blobFiles(blobFiles).build());
    Random random = new Random(42);
    int count = (int) Math.max(256, (64L << 20) / size);
    stored = new Hash[count];
    storedData = new byte[count][];
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      storedData[i] = data;
      stored[i] = store.put(data);
    }
    fresh = new byte[size];
    random.nextBytes(fresh);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    BenchmarkDirs.delete(dir);
  }

  /** Stores a chunk never seen before (a counter in its first bytes makes each one new). */
  @Benchmark
  public Hash putNew() throws IOException {
    long c = ++counter;
    for (int i = 0; i < 8; i++) {
      fresh[i] = (byte) (c >>> (8 * i));
    }
    // RocksDB copies the value into its WAL and memtable, so reusing the array is safe here.
    return store.put(fresh);
  }

  /** Stores a chunk that is already there: the deduplicated write. */
  @Benchmark
  public Hash putExisting() throws IOException {
    int i = next++ & Integer.MAX_VALUE;
    return store.put(storedData[i % storedData.length]);
  }

  /** Reads and verifies a stored chunk. */
  @Benchmark
  public byte[] get() throws IOException {
    int i = next++ & Integer.MAX_VALUE;
    return store.read(stored[i % stored.length]);
  }
}
