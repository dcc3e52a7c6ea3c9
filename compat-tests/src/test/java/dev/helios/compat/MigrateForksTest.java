package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty forks of one repository (2,000 commits; each fork one to three commits more) migrated
 * into one data directory. Prints the stored bytes of all twenty against those of one (the figure
 * in benchmarks/README.md). Forks migrated from local paths share the packs of the repository
 * they were forked from and add only their own objects (about 1.05× one repository in the
 * migrate module's measure of unique chunk bytes; target 1.1×). The
 * data directory's size is noisy (compactions), so this asserts only what must hold: twenty
 * cost less than twenty times one.
 */
@Tag("integration")
final class MigrateForksTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final int FORKS = 20;
  private static final int BASE_COMMITS = 2_000;
  private static final long SEED = 20L;

  @Test
  void migrate_twentyForks_sharedDataStoredOnce() throws IOException {
    Path dir = SERVER.newDir("forks");
    GitCli git = SERVER.git();
    Path base = dir.resolve("base.git");
    git.ok(dir, "init", "-q", "--bare", "-b", "main", base.toString());
    git.okWithInput(base, baseHistory(), "fast-import", "--quiet");
    git.ok(base, "repack", "-q", "-a", "-d");
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> forks = new ArrayList<>();
    for (int i = 1; i <= FORKS; i++) {
      String name = String.format(Locale.ROOT, "fork-%02d", i);
      Path fork = dir.resolve(name + ".git");
      git.ok(dir, "clone", "-q", "--bare", base.toString(), fork.toString());
      git.okWithInput(fork, forkCommits(name, 1 + random.nextInt(3)), "fast-import", "--quiet");
      forks.add(name);
    }
    Path first = Files.writeString(dir.resolve("first.txt"), dir.resolve(forks.get(0) + ".git") + "\n");
    StringBuilder rest = new StringBuilder();
    for (String name : forks.subList(1, FORKS)) {
      rest.append(dir.resolve(name + ".git")).append('\n');
    }
    Path others = Files.writeString(dir.resolve("others.txt"), rest);
    OfflineHelios offline = new OfflineHelios(SERVER);
    offline.ensureStopped();

    long before = MigrateSourcesTest.directoryBytes(offline.dataDir());
    JsonNode one = migrate(offline, first, dir.resolve("first.json"), "1");
    long afterOne = MigrateSourcesTest.directoryBytes(offline.dataDir());
    JsonNode nineteen = migrate(offline, others, dir.resolve("others.json"), "2");
    long afterAll = MigrateSourcesTest.directoryBytes(offline.dataDir());

    long oneBytes = afterOne - before;
    long allBytes = afterAll - before;
    long packBytes = totals(one, "storedBytes") + totals(nineteen, "storedBytes");
    JsonNode oneNew = one.path("totals").path("newBytes");
    long allNew = oneNew.asLong() + nineteen.path("totals").path("newBytes").asLong();
    System.out.printf(
        Locale.ROOT,
        "compat-tests: %d forks of %d commits: data directory +%,d B for one, +%,d B for all"
            + " (%.2fx one); packs %,d B in all (%.2fx one); newBytes %,d B for one, %,d B for"
            + " all (%.2fx)%n",
        FORKS,
        BASE_COMMITS,
        oneBytes,
        allBytes,
        allBytes / (double) oneBytes,
        packBytes,
        packBytes / (double) totals(one, "storedBytes"),
        oneNew.asLong(),
        allNew,
        allNew / (double) Math.max(1, oneNew.asLong()));

    assertThat(nineteen.path("totals").path("done").asLong()).isEqualTo(FORKS - 1);
    assertThat(oneBytes).isPositive();
    assertThat(allBytes)
        .as("twenty forks must cost less than twenty repositories (%,d B for one)", oneBytes)
        .isLessThan(FORKS * oneBytes);
    if (oneNew.isNumber() && oneNew.asLong() > 0) {
      assertThat(allNew)
          .as("chunk-store bytes added by twenty forks against one")
          .isLessThan(FORKS * oneNew.asLong());
    }
    offline.ensureRunning();
    String last = forks.get(FORKS - 1);
    Path mirror = MigrateSourcesTest.cloneMirror(SERVER, last);
    assertThat(MigrateSourcesTest.refs(git, mirror))
        .isEqualTo(MigrateSourcesTest.refs(git, dir.resolve(last + ".git")));
    MigrateSourcesTest.assertFsckClean(git, mirror);
  }

  private static JsonNode migrate(OfflineHelios offline, Path manifest, Path report, String jobs) {
    offline.ok("migrate", "--manifest", manifest.toString(), "--jobs", jobs, "--report",
        report.toString());
    return MigrateSourcesTest.readJson(report);
  }

  private static long totals(JsonNode report, String field) {
    return report.path("totals").path(field).asLong();
  }

  /**
   * A {@code git fast-import} stream of {@value #BASE_COMMITS} commits on main, each rewriting a
   * few lines of one of 200 text files in 10 directories; fixed seed, names and dates.
   */
  private static byte[] baseHistory() {
    SplittableRandom random = new SplittableRandom(SEED);
    int files = 200;
    List<List<String>> contents = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      List<String> lines = new ArrayList<>();
      for (int l = 0; l < 60; l++) {
        lines.add(line(random));
      }
      contents.add(lines);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = 1; c <= BASE_COMMITS; c++) {
      StringBuilder commit = new StringBuilder();
      commit.append("commit refs/heads/main\nmark :").append(c).append('\n');
      commit.append("committer Base <base@example.invalid> ").append(1_600_000_000L + c * 600L)
          .append(" +0000\n");
      data(commit, "commit " + c + "\n");
      if (c == 1) {
        for (int f = 0; f < files; f++) {
          file(commit, f, contents.get(f));
        }
      } else {
        int f = random.nextInt(files);
        List<String> lines = contents.get(f);
        for (int k = 0; k < 3; k++) {
          lines.set(random.nextInt(lines.size()), line(random));
        }
        file(commit, f, lines);
      }
      commit.append('\n');
      if (c % 500 == 0) {
        commit.append("reset refs/tags/v").append(c / 500).append("\nfrom :").append(c)
            .append("\n\n");
      }
      out.writeBytes(commit.toString().getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("done\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** 1 to 3 commits on the fork's main, each adding a file of its own. */
  private static byte[] forkCommits(String fork, int commits) {
    StringBuilder stream = new StringBuilder();
    for (int i = 1; i <= commits; i++) {
      stream.append("commit refs/heads/main\n");
      stream.append("committer Fork <fork@example.invalid> ").append(1_700_000_000L + i)
          .append(" +0000\n");
      data(stream, fork + " change " + i + "\n");
      if (i == 1) {
        stream.append("from refs/heads/main^0\n");
      }
      stream.append("M 100644 inline forks/").append(fork).append('-').append(i).append(".txt\n");
      data(stream, "work of " + fork + ", commit " + i + "\n");
      stream.append('\n');
    }
    stream.append("done\n");
    return stream.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void file(StringBuilder commit, int f, List<String> lines) {
    commit.append("M 100644 inline dir").append(f % 10).append("/file").append(f).append(".txt\n");
    data(commit, String.join("\n", lines) + "\n");
  }

  private static void data(StringBuilder stream, String text) {
    stream.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n')
        .append(text).append('\n');
  }

  private static String line(SplittableRandom random) {
    StringBuilder line = new StringBuilder();
    int words = 4 + random.nextInt(8);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        line.append(' ');
      }
      int length = 2 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        line.append((char) ('a' + random.nextInt(26)));
      }
    }
    return line.toString();
  }
}
