package dev.helios.git.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
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
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a committing process with SIGKILL and checks what survives: every commit whose ref
 * update returned, with its ref.
 */
@Tag("integration")
class RepositoryStoreCrashTest {
  private static final int ROUNDS = 3;

  @TempDir Path tmp;

  @Test
  void refUpdate_processKilled_everyAcknowledgedCommitAndRefSurvive() throws Exception {
    long seed = Long.getLong("helios.test.seed", System.nanoTime());
    System.out.println("RepositoryStoreCrashTest seed " + seed + " (-Dhelios.test.seed=" + seed + ")");
    Random random = new Random(seed);
    Path dir = tmp.resolve("data");
    List<ObjectId> acked = new ArrayList<>();

    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 3 + random.nextInt(15);
      String context = "seed " + seed + ", round " + round + ", kill after " + killAfter + " ACKs";
      acked.addAll(runAndKill(dir, killAfter, round, context));

      verify(dir, acked, context);
    }
  }

  private List<ObjectId> runAndKill(Path dir, int killAfter, int round, String context)
      throws Exception {
    Path stderr = tmp.resolve("child-" + round + ".err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashCommitterMain.class.getName(),
                dir.toString())
            .redirectError(stderr.toFile())
            .start();
    List<ObjectId> acked = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("first line; %s; stderr: %s", context, read(stderr)).isEqualTo("READY");
      while (acked.size() < killAfter && (line = out.readLine()) != null) {
        acked.add(parseAck(line, context));
      }
      // Kill through the handle so that ACKs already printed can still be read from the pipe.
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died; %s", context).isTrue();
      while ((line = out.readLine()) != null) {
        if (line.matches("ACK [0-9a-f]{40}")) {
          acked.add(parseAck(line, context));
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(acked).as("ACKs; %s; stderr: %s", context, read(stderr)).hasSizeGreaterThanOrEqualTo(killAfter);
    return acked;
  }

  private static void verify(Path dir, List<ObjectId> acked, String context) throws IOException {
    try (Storage storage =
            Storage.open(StorageOptions.defaults(dir), CacheOptions.builder().maximumBytes(8L << 20).build());
        RepositoryStore store = new RepositoryStore(storage, RepositoryStore.Options.defaults());
        Repository repository = store.open(RepositoryName.parse("crash")).orElseThrow();
        RevWalk walk = new RevWalk(repository)) {
      ObjectId main = repository.resolve("refs/heads/main");
      assertThat(main).as("refs/heads/main; %s", context).isNotNull();
      Set<ObjectId> history = new HashSet<>();
      walk.markStart(walk.parseCommit(main));
      for (RevCommit commit : walk) {
        history.add(commit.copy());
        repository.open(commit.getTree()).getBytes(); // trees readable too
      }
      assertThat(history).as("history of main; %s", context).containsAll(acked);
      assertThat(main).as("main is at or past the last ACK; %s", context)
          .satisfiesAnyOf(
              id -> assertThat(id).isEqualTo(acked.get(acked.size() - 1)),
              id -> assertThat(history.size()).isGreaterThan(acked.size()));
    }
  }

  private static ObjectId parseAck(String line, String context) {
    assertThat(line).as("child output; %s", context).matches("ACK [0-9a-f]{40}");
    return ObjectId.fromString(line.substring(4));
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
