package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shallow clones (depth, deepen, unshallow, shallow-since) and partial clones (filters). */
@Tag("integration")
final class ShallowAndPartialCloneTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final int COMMITS = 10;
  private static final Instant FIRST_DAY = Instant.parse("2020-01-01T12:00:00Z");
  private static final long DAY = 86_400;

  private static String repo;
  private static LocalRepo source;

  /** Commit ids, oldest first; commit i is dated FIRST_DAY + i days. */
  private static final List<String> HISTORY = new ArrayList<>();

  @BeforeAll
  static void pushHistory() {
    repo = SERVER.createRepo("history");
    source = SERVER.newLocalRepoFor(repo);
    for (int i = 0; i < COMMITS; i++) {
      // small.txt changes every time; large.txt (> 1 KiB) on even commits only
      source.write("small.txt", "version " + i + "\n");
      if (i % 2 == 0) {
        source.write("large.txt", ("large version " + i + "\n").repeat(200));
      }
      HISTORY.add(
          source.commitAt("small.txt", "version " + i + "\n", FIRST_DAY.plusSeconds(i * DAY)));
    }
    source.ok("push", "-q", "origin", "main");
  }

  @ParameterizedTest(name = "protocol.version={0}")
  @ValueSource(ints = {0, 2})
  void clone_depth1_hasOnlyTheTipCommit(int version) throws Exception {
    Path target = SERVER.newDir("depth1-v" + version);

    GitResult clone =
        SERVER
            .git()
            .run(
                target.getParent(),
                "-c",
                "protocol.version=" + version,
                "clone",
                "--depth",
                "1",
                "--branch",
                "main",
                SERVER.adminUrl(repo),
                target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    LocalRepo cloned = LocalRepo.at(SERVER.git(), target);
    assertThat(cloned.ok("rev-parse", "--is-shallow-repository").stdout().strip())
        .isEqualTo("true");
    assertThat(cloned.ok("rev-list", "--count", "HEAD").stdout().strip()).isEqualTo("1");
    assertThat(Files.readString(target.resolve(".git/shallow")).strip()).isEqualTo(last());
    assertThat(Files.readString(target.resolve("small.txt")))
        .isEqualTo("version " + (COMMITS - 1) + "\n");
  }

  @Test
  void fetch_deepenAfterDepth1Clone_addsExactlyThatManyCommits() {
    LocalRepo cloned = SERVER.cloneAsAdmin(repo, "--depth", "1");

    GitResult deepen = cloned.git("fetch", "--deepen", "3", "origin");

    assertThat(deepen.exitCode()).as(deepen.describe()).isZero();
    assertThat(cloned.ok("rev-list", "HEAD").lines())
        .containsExactly(HISTORY.get(9), HISTORY.get(8), HISTORY.get(7), HISTORY.get(6));
    assertThat(cloned.ok("rev-parse", "--is-shallow-repository").stdout().strip())
        .isEqualTo("true");
  }

  @Test
  void fetch_largerDepthAfterDepth1Clone_extendsHistoryToThatDepth() {
    LocalRepo cloned = SERVER.cloneAsAdmin(repo, "--depth", "1");

    GitResult fetch = cloned.git("fetch", "--depth", "4", "origin");

    assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
    assertThat(cloned.ok("rev-list", "origin/main").lines())
        .containsExactly(HISTORY.get(9), HISTORY.get(8), HISTORY.get(7), HISTORY.get(6));
  }

  @Test
  void fetch_unshallowAfterDepth1Clone_restoresFullHistory() {
    LocalRepo cloned = SERVER.cloneAsAdmin(repo, "--depth", "1");

    GitResult unshallow = cloned.git("fetch", "--unshallow", "origin");

    assertThat(unshallow.exitCode()).as(unshallow.describe()).isZero();
    assertThat(cloned.ok("rev-parse", "--is-shallow-repository").stdout().strip())
        .isEqualTo("false");
    assertThat(cloned.ok("rev-list", "--reverse", "HEAD").lines()).isEqualTo(HISTORY);
    assertThat(Files.exists(cloned.dir().resolve(".git/shallow"))).isFalse();
    cloned.ok("fsck", "--full", "--strict");
  }

  @Test
  void clone_shallowSince_keepsOnlyCommitsFromThatDateOn() {
    String since = "2020-01-06 00:00:00 +0000"; // commits 5..9 are dated Jan 6..10 at noon

    LocalRepo cloned = SERVER.cloneAsAdmin(repo, "--shallow-since=" + since);

    assertThat(cloned.ok("rev-list", "--reverse", "HEAD").lines())
        .isEqualTo(HISTORY.subList(5, COMMITS));
    assertThat(cloned.ok("rev-parse", "--is-shallow-repository").stdout().strip())
        .isEqualTo("true");
  }

  @Test
  void partialClone_blobNone_omitsExactlyTheBlobsAndFetchesThemOnCheckout() throws Exception {
    Set<String> omitted = omittedBy("blob:none");
    assertThat(omitted).as("the source must have blobs outside HEAD").isNotEmpty();
    LocalRepo cloned = partialClone("blob:none", "blob-none");
    assertThat(missing(cloned)).isEqualTo(omitted);
    assertLazyCheckoutOfFirstCommit(cloned);
  }

  @Test
  void partialClone_treeZero_omitsTreesAndFetchesThemOnCheckout() throws Exception {
    LocalRepo cloned = partialClone("tree:0", "tree-0");
    Set<String> rootTrees = new TreeSet<>();
    for (String commit : HISTORY) {
      rootTrees.add(source.rev(commit + "^{tree}"));
    }
    assertThat(missing(cloned)).isEqualTo(rootTrees);
    assertLazyCheckoutOfFirstCommit(cloned);
  }

  @Test
  void partialClone_blobLimit1k_omitsOnlyTheLargeBlobs() throws Exception {
    Set<String> omitted = omittedBy("blob:limit=1k");
    assertThat(omitted).as("large.txt versions exceed 1 KiB").hasSize(COMMITS / 2);
    LocalRepo cloned = partialClone("blob:limit=1k", "blob-limit");
    assertThat(missing(cloned)).isEqualTo(omitted);
    assertLazyCheckoutOfFirstCommit(cloned);
  }

  /** Checks out the oldest commit, which needs objects the filter left out, and checks it. */
  private static void assertLazyCheckoutOfFirstCommit(LocalRepo cloned) throws Exception {
    Set<String> needed = new TreeSet<>();
    needed.add(source.rev(HISTORY.get(0) + "^{tree}"));
    for (String line : source.ok("ls-tree", "-r", HISTORY.get(0)).lines()) {
      needed.add(line.split("[ \t]")[2]);
    }
    assertThat(missing(cloned))
        .as("the filter left out objects of the first commit")
        .containsAnyElementsOf(needed);

    GitResult checkout = cloned.git("checkout", "-q", HISTORY.get(0));

    assertThat(checkout.exitCode()).as(checkout.describe()).isZero();
    assertThat(Files.readString(cloned.dir().resolve("small.txt"))).isEqualTo("version 0\n");
    assertThat(Files.readString(cloned.dir().resolve("large.txt")))
        .isEqualTo("large version 0\n".repeat(200));
    assertThat(missing(cloned)).doesNotContainAnyElementsOf(needed);
    assertThat(cloned.ok("status", "--porcelain").stdout()).isEmpty();
  }

  /** Objects the source leaves out of {@code rev-list --all} under {@code filter}. */
  private static Set<String> omittedBy(String filter) {
    Set<String> ids = new TreeSet<>();
    for (String line :
        source
            .ok("rev-list", "--objects", "--all", "--filter=" + filter, "--filter-print-omitted")
            .lines()) {
      if (line.startsWith("~")) {
        ids.add(line.substring(1).strip());
      }
    }
    return ids;
  }

  /** Objects a partial clone knows of but does not have (never triggers a lazy fetch). */
  private static Set<String> missing(LocalRepo clone) {
    Set<String> ids = new TreeSet<>();
    for (String line : clone.ok("rev-list", "--objects", "--all", "--missing=print").lines()) {
      if (line.startsWith("?")) {
        ids.add(line.substring(1).strip());
      }
    }
    return ids;
  }

  private static String last() {
    return HISTORY.get(COMMITS - 1);
  }

  /** Clones {@link #repo} with {@code --filter=FILTER --no-checkout} and checks git accepted it. */
  private LocalRepo partialClone(String filter, String dirName) throws Exception {
    Path target = SERVER.newDir(dirName);
    GitResult clone =
        SERVER
            .git()
            .run(
                target.getParent(),
                "clone",
                "--filter=" + filter,
                "--no-checkout",
                SERVER.adminUrl(repo),
                target.toString());
    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(clone.stderr()).doesNotContain("filtering not recognized by server");
    return LocalRepo.at(SERVER.git(), target);
  }
}
