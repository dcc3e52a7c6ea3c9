package dev.helios.engine.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks what RocksDB recovers: every acknowledged batch
 * whole and byte-exact, the batch in flight all or nothing, nothing corrupt.
 */
@Tag("integration")
class RocksChunkStoreCrashTest {
  private static final int ROUNDS = 3;

  @TempDir Path tmp;

  @Test
  void write_processKilledMidStream_ackedBatchesSurviveAndInFlightBatchIsAtomic() throws Exception {
    long seed = Long.getLong("helios.test.seed", System.nanoTime());
    System.out.println("RocksChunkStoreCrashTest seed " + seed + " (-Dhelios.test.seed=" + seed + " repeats it)");
    Random random = new Random(seed);
    Path dir = tmp.resolve("db");
    int next = 0;

    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 2 + random.nextInt(12);
      String context = "seed " + seed + ", round " + round + ", first batch " + next + ", kill after " + killAfter + " ACKs";
      int lastAck = runAndKill(dir, seed, next, killAfter, round == 0, context);

      next = verify(dir, seed, lastAck, context);
      System.out.println("  " + context + ": last ACK " + lastAck + ", next batch " + next);
    }
  }

  /** Starts the writer at batch {@code first}, kills it after {@code killAfter} ACKs, returns the last ACK. */
  private int runAndKill(Path dir, long seed, int first, int killAfter, boolean probeLock, String context)
      throws Exception {
    Path stderr = tmp.resolve("child-" + first + ".err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(),
                dir.toString(),
                Long.toString(seed),
                Integer.toString(first))
            .redirectError(stderr.toFile())
            .start();
    int lastAck = first - 1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("child's first line; %s; stderr: %s", context, read(stderr)).isEqualTo("READY");
      if (probeLock) {
        assertThatThrownBy(() -> ChunkStores.rocksDb(StorageOptions.defaults(dir)))
            .as("opening a directory another process holds")
            .isInstanceOf(DataDirectoryInUseException.class)
            .hasMessageContaining("is in use by another Helios process (RocksDB lock held)");
      }
      while (lastAck < first + killAfter - 1 && (line = out.readLine()) != null) {
        lastAck = parseAck(line, context);
      }
      // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
      // pipe, losing ACKs the child printed before it died.
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died; %s", context).isTrue();
      // ACKs printed before the kill but not read yet still count as acknowledged. The last line
      // may have been cut by the kill; a cut number only reads lower, never higher.
      while ((line = out.readLine()) != null) {
        if (line.matches("ACK \\d+")) {
          lastAck = Math.max(lastAck, parseAck(line, context));
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(lastAck).as("ACKs seen; %s; stderr: %s", context, read(stderr)).isGreaterThanOrEqualTo(first + killAfter - 1);
    return lastAck;
  }

  /** Reopens the store and checks it; returns the first batch not yet written. */
  private static int verify(Path dir, long seed, int lastAck, String context) throws IOException {
    try (ChunkStore store = ChunkStores.rocksDb(StorageOptions.defaults(dir))) {
      Set<Hash> expected = new HashSet<>();
      for (int n = 0; n <= lastAck; n++) {
        for (byte[] chunk : CrashWriterMain.batch(seed, n)) {
          Hash hash = Blake3.hash(chunk);
          assertThat(store.get(hash)).as("chunk %s of ACKed batch %d; %s", hash, n, context)
              .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(chunk));
          expected.add(hash);
        }
      }
      List<Hash> inFlight = hashesOf(CrashWriterMain.batch(seed, lastAck + 1));
      int present = 0;
      for (Hash hash : inFlight) {
        present += store.contains(hash) ? 1 : 0;
      }
      assertThat(present).as("chunks of the in-flight batch %d present; %s", lastAck + 1, context)
          .isIn(0, inFlight.size());
      for (Hash hash : hashesOf(CrashWriterMain.batch(seed, lastAck + 2))) {
        assertThat(store.contains(hash)).as("batch %d never started; %s", lastAck + 2, context).isFalse();
      }
      if (present > 0) {
        expected.addAll(inFlight);
      }

      List<Hash> stored = new ArrayList<>();
      store.forEachHash(stored::add);
      for (Hash hash : stored) {
        store.read(hash); // verifies the hash: nothing unreadable or corrupt
      }
      assertThat(new HashSet<>(stored)).as("every stored chunk; %s", context).isEqualTo(expected);
      return present > 0 ? lastAck + 2 : lastAck + 1;
    }
  }

  private static List<Hash> hashesOf(List<byte[]> chunks) {
    List<Hash> hashes = new ArrayList<>();
    for (byte[] chunk : chunks) {
      hashes.add(Blake3.hash(chunk));
    }
    return hashes;
  }

  private static int parseAck(String line, String context) {
    assertThat(line).as("child output; %s", context).startsWith("ACK ");
    return Integer.parseInt(line.substring(4));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
