package dev.helios.engine.cas;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.kv.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link RocksChunkStoreCrashTest}: opens the RocksDB store in {@code
 * args[0]} with {@link SyncPolicy#WAL} and writes batches {@code args[2]}, {@code args[2] + 1},
 * ... of the content {@link #batch} derives from the seed {@code args[1]}, printing {@code ACK n}
 * after each write returns, until it is killed.
 */
public final class CrashWriterMain {
  /** Chunks per batch. */
  static final int CHUNKS_PER_BATCH = 50;

  private CrashWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int first = Integer.parseInt(args[2]);
    StorageOptions options = StorageOptions.builder(dir).syncPolicy(SyncPolicy.WAL).build();
    try (ChunkStore store = ChunkStores.rocksDb(options)) {
      System.out.println("READY");
      System.out.flush();
      for (int n = first; n < first + 100_000; n++) {
        ChunkBatch batch = new ChunkBatch();
        for (byte[] chunk : batch(seed, n)) {
          batch.add(chunk);
        }
        store.write(batch);
        System.out.println("ACK " + n);
        System.out.flush();
      }
    }
  }

  /** The chunks of batch {@code n}: 50 random chunks of 1–64 KiB, a function of seed and n. */
  static List<byte[]> batch(long seed, int n) {
    Random random = new Random(seed * 1_000_003L + n);
    List<byte[]> chunks = new ArrayList<>(CHUNKS_PER_BATCH);
    for (int i = 0; i < CHUNKS_PER_BATCH; i++) {
      chunks.add(TestChunks.random(random, 1 + random.nextInt(64 * 1024)));
    }
    return chunks;
  }
}
