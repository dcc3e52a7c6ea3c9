package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everyday clone, fetch and push with the stock git client, over protocol v0 and v2. */
@Tag("integration")
final class CloneFetchPushTest {
  @RegisterExtension
  static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs("--anonymous", "none");

  private static final Pattern V2_GREETING = Pattern.compile("(?m)<\\s*version 2\\s*$");
  private static final Pattern V0_ADVERTISEMENT =
      Pattern.compile("(?m)<\\s*[0-9a-f]{40} \\S+\\\\0.*multi_ack");

  /** A repository on the server with three commits on main, and the clone that pushed them. */
  private record Seeded(String repo, LocalRepo local, String head) {}

  private static Seeded seed(String hint) {
    String repo = SERVER.createRepo(hint);
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    local.commit("README.md", "hello\n");
    local.commit("src/a.txt", "a\n");
    String head = local.commit("src/b.txt", "b\n");
    local.ok("push", "-q", "origin", "main");
    return new Seeded(repo, local, head);
  }

  @Test
  void clone_protocolV0_usesV0AdvertisementAndChecksOutMain() throws Exception {
    Seeded seeded = seed("clone-v0");
    Path target = SERVER.newDir("clone-v0");

    GitResult clone =
        SERVER
            .git()
            .withEnv("GIT_TRACE_PACKET", "1")
            .run(
                target.getParent(),
                "-c",
                "protocol.version=0",
                "clone",
                "--branch",
                "main",
                SERVER.adminUrl(seeded.repo()),
                target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(V0_ADVERTISEMENT.matcher(clone.stderr()).find()).as(clone.describe()).isTrue();
    assertThat(V2_GREETING.matcher(clone.stderr()).find()).as(clone.describe()).isFalse();
    LocalRepo cloned = LocalRepo.at(SERVER.git(), target);
    assertThat(cloned.rev("HEAD")).isEqualTo(seeded.head());
    assertThat(Files.readString(target.resolve("src/b.txt"))).isEqualTo("b\n");
    cloned.ok("fsck", "--full", "--strict");
  }

  @Test
  void clone_protocolV2_negotiatesVersion2AndChecksOutMain() throws Exception {
    Seeded seeded = seed("clone-v2");
    Path target = SERVER.newDir("clone-v2");

    GitResult clone =
        SERVER
            .git()
            .withEnv("GIT_TRACE_PACKET", "1")
            .run(
                target.getParent(),
                "-c",
                "protocol.version=2",
                "clone",
                "--branch",
                "main",
                SERVER.adminUrl(seeded.repo()),
                target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(V2_GREETING.matcher(clone.stderr()).find()).as(clone.describe()).isTrue();
    assertThat(clone.stderr()).as(clone.describe()).contains("> command=fetch");
    LocalRepo cloned = LocalRepo.at(SERVER.git(), target);
    assertThat(cloned.rev("HEAD")).isEqualTo(seeded.head());
    assertThat(Files.readString(target.resolve("README.md"))).isEqualTo("hello\n");
    cloned.ok("fsck", "--full", "--strict");
  }

  @Test
  void lsRemote_protocolV2_usesLsRefsCommandAndListsMain() {
    Seeded seeded = seed("ls-remote-v2");

    GitResult lsRemote =
        SERVER
            .git()
            .withEnv("GIT_TRACE_PACKET", "1")
            .run(seeded.local().dir(), "-c", "protocol.version=2", "ls-remote", "origin");

    assertThat(lsRemote.exitCode()).as(lsRemote.describe()).isZero();
    assertThat(V2_GREETING.matcher(lsRemote.stderr()).find()).as(lsRemote.describe()).isTrue();
    assertThat(lsRemote.stderr()).contains("> command=ls-refs");
    assertThat(lsRemote.lines()).contains(seeded.head() + "\trefs/heads/main");
  }

  @ParameterizedTest(name = "protocol.version={0}")
  @ValueSource(ints = {0, 2})
  void fetch_newCommitsPushedElsewhere_updatesRemoteTrackingBranch(int version) {
    Seeded seeded = seed("fetch-v" + version);
    LocalRepo other = SERVER.cloneAsAdmin(seeded.repo());
    other.commit("src/c.txt", "c\n");
    String newHead = other.commit("src/d.txt", "d\n");
    other.ok("push", "-q", "origin", "main");

    GitResult fetch = seeded.local().git("-c", "protocol.version=" + version, "fetch", "origin");

    assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
    assertThat(seeded.local().rev("refs/remotes/origin/main")).isEqualTo(newHead);
    assertThat(seeded.local().ok("rev-list", "--count", "origin/main").stdout().strip())
        .isEqualTo("5");
    assertThat(seeded.local().ok("show", "origin/main:src/d.txt").stdout()).isEqualTo("d\n");
  }

  @Test
  void fetch_nothingNew_succeedsAndChangesNothing() {
    Seeded seeded = seed("fetch-noop");
    seeded.local().ok("fetch", "origin");
    List<String> before = seeded.local().refs();

    GitResult fetch = seeded.local().git("fetch", "origin");

    assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
    assertThat(seeded.local().refs()).isEqualTo(before);
  }

  @Test
  void push_newBranch_createsRefOnServer() {
    Seeded seeded = seed("push-branch");
    seeded.local().ok("switch", "-q", "-c", "feature/x");
    String tip = seeded.local().commit("feature.txt", "new\n");

    GitResult push = seeded.local().git("push", "origin", "feature/x");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(push.stderr()).contains("[new branch]");
    Map<String, String> refs = SERVER.lsRemote(seeded.repo());
    assertThat(refs)
        .containsEntry("refs/heads/feature/x", tip)
        .containsEntry("refs/heads/main", seeded.head());
  }

  @Test
  void push_lightweightAndAnnotatedTags_arriveWithTheirObjects() {
    Seeded seeded = seed("push-tags");
    seeded.local().ok("tag", "v1.0-light");
    seeded.local().ok("tag", "-a", "-m", "Release 1.0", "v1.0");
    String tagObject = seeded.local().rev("refs/tags/v1.0");

    GitResult push = seeded.local().git("push", "origin", "--tags");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    Map<String, String> remote = SERVER.lsRemote(seeded.repo());
    assertThat(remote)
        .containsEntry("refs/tags/v1.0-light", seeded.head())
        .containsEntry("refs/tags/v1.0", tagObject)
        .containsEntry("refs/tags/v1.0^{}", seeded.head());
    LocalRepo cloned = SERVER.cloneAsAdmin(seeded.repo());
    assertThat(cloned.ok("cat-file", "-t", "v1.0").stdout().strip()).isEqualTo("tag");
    assertThat(cloned.ok("cat-file", "-t", "v1.0-light").stdout().strip()).isEqualTo("commit");
    assertThat(cloned.ok("for-each-ref", "--format=%(contents:subject)", "refs/tags/v1.0").stdout())
        .isEqualTo("Release 1.0\n");
  }

  @Test
  void push_deleteBranch_removesRefFromServer() {
    Seeded seeded = seed("delete-branch");
    seeded.local().ok("push", "-q", "origin", "main:refs/heads/doomed");
    assertThat(SERVER.lsRemote(seeded.repo())).containsKey("refs/heads/doomed");

    GitResult delete = seeded.local().git("push", "origin", "--delete", "doomed");

    assertThat(delete.exitCode()).as(delete.describe()).isZero();
    assertThat(delete.stderr()).contains("[deleted]");
    assertThat(SERVER.lsRemote(seeded.repo()))
        .doesNotContainKey("refs/heads/doomed")
        .containsEntry("refs/heads/main", seeded.head());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"main", "master"})
  void push_forcedNonFastForwardToProtectedBranch_isRefusedAndBranchUnchanged(String branch) {
    Seeded seeded = seed("protected-" + branch);
    seeded.local().ok("push", "-q", "origin", "main:refs/heads/" + branch);
    seeded.local().ok("reset", "-q", "--hard", "HEAD~1");
    seeded.local().commit("rewritten.txt", "history rewritten\n");

    GitResult push = seeded.local().git("push", "--force", "origin", "HEAD:refs/heads/" + branch);

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr())
        .as(push.describe())
        .contains("[remote rejected]")
        .contains("-> " + branch)
        .containsIgnoringCase("protected");
    assertThat(SERVER.lsRemote(seeded.repo())).containsEntry("refs/heads/" + branch, seeded.head());
  }

  @Test
  void push_forcedNonFastForwardToFeatureBranch_isAccepted() {
    Seeded seeded = seed("force-feature");
    seeded.local().ok("push", "-q", "origin", "main:refs/heads/topic");
    seeded.local().ok("reset", "-q", "--hard", "HEAD~2");
    String rewritten = seeded.local().commit("rewritten.txt", "history rewritten\n");

    GitResult push = seeded.local().git("push", "--force", "origin", "HEAD:refs/heads/topic");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(push.stderr()).contains("(forced update)");
    assertThat(SERVER.lsRemote(seeded.repo()))
        .containsEntry("refs/heads/topic", rewritten)
        .containsEntry("refs/heads/main", seeded.head());
  }

  @Test
  void push_atomicWithOneRefusedRef_movesNoRef() {
    Seeded seeded = seed("atomic");
    seeded.local().ok("push", "-q", "origin", "main:refs/heads/side");
    seeded.local().ok("switch", "-q", "-c", "fresh");
    seeded.local().commit("fresh.txt", "fresh\n");
    seeded.local().ok("switch", "-q", "side");
    String sideTip = seeded.local().commit("side.txt", "side\n");
    seeded.local().ok("switch", "-q", "main");
    seeded.local().ok("reset", "-q", "--hard", "HEAD~1");
    seeded.local().commit("rewritten.txt", "rewritten\n");
    Map<String, String> before = SERVER.lsRemote(seeded.repo());

    GitResult push =
        seeded.local().git("push", "--atomic", "origin", "+main:main", "fresh", "side");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    // the server, not the client, refuses all three: the refused main takes the others along
    assertThat(push.stderr())
        .as(push.describe())
        .contains("[remote rejected] main -> main")
        .contains("[remote rejected] fresh -> fresh")
        .contains("[remote rejected] side -> side");
    assertThat(SERVER.lsRemote(seeded.repo())).isEqualTo(before);
    assertThat(before)
        .containsEntry("refs/heads/side", seeded.head())
        .doesNotContainKey("refs/heads/fresh");
    assertThat(sideTip).isNotEqualTo(seeded.head());
  }

  @Test
  void push_concurrentToSameRefFromTwoClones_exactlyOneWins() throws Exception {
    Seeded seeded = seed("race");
    for (int round = 0; round < 3; round++) {
      LocalRepo first = SERVER.cloneAsAdmin(seeded.repo());
      LocalRepo second = SERVER.cloneAsAdmin(seeded.repo());
      String firstTip = first.commit("first-" + round + ".txt", "first\n");
      String secondTip = second.commit("second-" + round + ".txt", "second\n");
      CountDownLatch start = new CountDownLatch(1);

      CompletableFuture<GitResult> a = pushAfter(start, first);
      CompletableFuture<GitResult> b = pushAfter(start, second);
      start.countDown();
      GitResult resultA = a.get(3, TimeUnit.MINUTES);
      GitResult resultB = b.get(3, TimeUnit.MINUTES);

      String outcome = "round " + round + "\n" + resultA.describe() + "\n" + resultB.describe();
      assertThat(resultA.succeeded() ^ resultB.succeeded()).as(outcome).isTrue();
      GitResult loser = resultA.succeeded() ? resultB : resultA;
      assertThat(loser.stderr())
          .as(outcome)
          .containsAnyOf("[rejected]", "[remote rejected]")
          .contains("main -> main");
      String winnerTip = resultA.succeeded() ? firstTip : secondTip;
      assertThat(SERVER.lsRemote(seeded.repo()))
          .as(outcome)
          .containsEntry("refs/heads/main", winnerTip);
    }
  }

  private static CompletableFuture<GitResult> pushAfter(CountDownLatch start, LocalRepo repo) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return repo.git("push", "origin", "main");
        });
  }

  @Test
  void clone_emptyRepository_warnsAndThenAcceptsFirstPush() {
    String repo = SERVER.createRepo("empty");
    Path target = SERVER.newDir("empty-clone");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.adminUrl(repo), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(clone.stderr()).contains("You appear to have cloned an empty repository.");
    LocalRepo cloned = LocalRepo.at(SERVER.git(), target);
    String first = cloned.commit("first.txt", "first\n");
    GitResult push = cloned.git("push", "origin", "HEAD:refs/heads/main");
    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/main", first);
  }

  @Test
  void clone_withoutBranchAfterFirstPushOfMain_checksOutMainFromServerHead() throws Exception {
    String repo = SERVER.createRepo("head");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    String tip = local.commit("head.txt", "head\n");
    local.ok("push", "-q", "origin", "main");
    Path target = SERVER.newDir("head-clone");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.adminUrl(repo), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(clone.stderr()).doesNotContain("warning");
    LocalRepo cloned = LocalRepo.at(SERVER.git(), target);
    assertThat(cloned.ok("symbolic-ref", "HEAD").stdout().strip()).isEqualTo("refs/heads/main");
    assertThat(cloned.rev("HEAD")).isEqualTo(tip);
    assertThat(local.ok("ls-remote", "--symref", "origin", "HEAD").lines())
        .contains("ref: refs/heads/main\tHEAD");
  }

  @Test
  void pushAndClone_unicodeAndSpacePaths_roundTripByteForByte() throws Exception {
    String repo = SERVER.createRepo("unicode");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    List<String> paths =
        List.of(
            "dir with spaces/file name.txt",
            "ünïcödé/日本語のファイル.txt",
            "emoji 🚀/naïve café.md",
            "Ελληνικά/κείμενο με κενά.txt",
            "quote\"and'apostrophe.txt");
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    for (String path : paths) {
      String blob =
          local
              .okWithInput(
                  ("content of " + path + "\n").getBytes(StandardCharsets.UTF_8),
                  "hash-object",
                  "-w",
                  "--stdin")
              .stdout()
              .strip();
      index.write(("100644 " + blob + "\t" + path + "\0").getBytes(StandardCharsets.UTF_8));
    }
    local.okWithInput(index.toByteArray(), "update-index", "-z", "--index-info");
    local.ok("commit", "-q", "-m", "paths that need care");
    local.ok("checkout", "-q", "--", ".");
    byte[] tree = local.ok("ls-tree", "-r", "-z", "HEAD").stdoutBytes();

    local.ok("push", "-q", "origin", "main");
    LocalRepo cloned = SERVER.cloneAsAdmin(repo);

    assertThat(cloned.ok("ls-tree", "-r", "-z", "HEAD").stdoutBytes()).isEqualTo(tree);
    assertThat(cloned.ok("status", "--porcelain", "-z", "--untracked-files=all").stdout())
        .isEmpty();
    assertThat(
            new String(cloned.ok("ls-files", "-z").stdoutBytes(), StandardCharsets.UTF_8)
                .split("\0"))
        .containsExactlyInAnyOrderElementsOf(paths);
    assertThat(Files.readString(cloned.dir().resolve("dir with spaces/file name.txt")))
        .isEqualTo("content of dir with spaces/file name.txt\n");
  }

  @Test
  void pushAndClone_executableSymlinkAndGitlink_keepTheirModes() throws Exception {
    String repo = SERVER.createRepo("modes");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    String script = hashBlob(local, "#!/bin/sh\necho hi\n");
    String linkTarget = hashBlob(local, "target.txt");
    String target = hashBlob(local, "the target\n");
    String gitmodules =
        hashBlob(
            local,
            "[submodule \"vendor/lib\"]\n"
                + "\tpath = vendor/lib\n"
                + "\turl = https://example.invalid/lib.git\n");
    String submoduleCommit = "0123456789abcdef0123456789abcdef01234567";
    String entries =
        "100755 "
            + script
            + "\tbin/run.sh\0"
            + "120000 "
            + linkTarget
            + "\tlink\0"
            + "100644 "
            + target
            + "\ttarget.txt\0"
            + "100644 "
            + gitmodules
            + "\t.gitmodules\0"
            + "160000 "
            + submoduleCommit
            + "\tvendor/lib\0";
    local.okWithInput(
        entries.getBytes(StandardCharsets.UTF_8), "update-index", "-z", "--index-info");
    local.ok("commit", "-q", "-m", "special modes");

    local.ok("push", "-q", "origin", "main");
    LocalRepo cloned = SERVER.cloneAsAdmin(repo);

    assertThat(cloned.ok("ls-tree", "-r", "HEAD").lines())
        .containsExactlyInAnyOrder(
            "100755 blob " + script + "\tbin/run.sh",
            "120000 blob " + linkTarget + "\tlink",
            "100644 blob " + target + "\ttarget.txt",
            "100644 blob " + gitmodules + "\t.gitmodules",
            "160000 commit " + submoduleCommit + "\tvendor/lib");
    Path clonedDir = cloned.dir();
    assertThat(Files.isExecutable(clonedDir.resolve("bin/run.sh"))).isTrue();
    assertThat(Files.isSymbolicLink(clonedDir.resolve("link"))).isTrue();
    assertThat(Files.readSymbolicLink(clonedDir.resolve("link")).toString())
        .isEqualTo("target.txt");
    assertThat(Files.isDirectory(clonedDir.resolve("vendor/lib"))).isTrue();
  }

  private static String hashBlob(LocalRepo repo, String content) {
    return repo.okWithInput(
            content.getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
        .stdout()
        .strip();
  }
}
