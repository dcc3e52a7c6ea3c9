package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real project's history (jq: about 2,000 commits, 37 refs, an executable, a symlink and a
 * submodule) pushed to Helios with --mirror and cloned back: refs and objects must be identical.
 */
@Tag("integration")
final class RealRepositoryRoundTripTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final Duration LONG = Duration.ofMinutes(4);

  private static Path source;
  private static String repo;
  private static GitResult push;

  @BeforeAll
  static void mirrorJqIntoHelios() {
    Path bundle = testdata().resolve("jq.bundle");
    assertThat(Files.isRegularFile(bundle))
        .as(
            "test data missing: "
                + bundle.toAbsolutePath()
                + " (shared/testdata must lie beside the clone)")
        .isTrue();
    source = SERVER.newDir("jq-source").resolve("jq.git");
    SERVER
        .git()
        .ok(source.getParent(), "clone", "-q", "--mirror", bundle.toString(), source.toString());
    repo = SERVER.createRepo("jq");
    push = SERVER.git().withTimeout(LONG).run(source, "push", "--mirror", SERVER.adminUrl(repo));
  }

  private static Path testdata() {
    String dir = System.getProperty("helios.testdata");
    assertThat(dir)
        .as("system property helios.testdata is not set (the parent POM sets it)")
        .isNotNull();
    return Path.of(dir);
  }

  @Test
  void pushMirror_jqBundle_succeedsAndAdvertisesEveryRef() {
    assertThat(push.exitCode()).as(push.describe()).isZero();

    List<String> advertised =
        SERVER.git().ok(source, "ls-remote", "--refs", SERVER.adminUrl(repo)).lines();

    List<String> expected =
        SERVER.git().ok(source, "for-each-ref", "--format=%(objectname)\t%(refname)").lines();
    assertThat(advertised).hasSize(37).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "protocol.version={0}")
  @ValueSource(ints = {0, 2})
  void cloneMirror_afterPushMirror_identicalRefsAndObjectsAndFsckClean(int version) {
    assertThat(push.exitCode()).as(push.describe()).isZero();
    Path back = SERVER.newDir("jq-back-v" + version).resolve("jq.git");

    GitResult clone =
        SERVER
            .git()
            .withTimeout(LONG)
            .run(
                back.getParent(),
                "-c",
                "protocol.version=" + version,
                "clone",
                "-q",
                "--mirror",
                SERVER.adminUrl(repo),
                back.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(forEachRef(back)).isEqualTo(forEachRef(source));
    assertThat(allObjects(back)).isEqualTo(allObjects(source));
    GitResult fsck = SERVER.git().run(back, "fsck", "--full", "--strict", "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
    assertThat(fsck.stdout() + fsck.stderr())
        .as(fsck.describe())
        .doesNotContainIgnoringCase("error");
  }

  @Test
  void clone_jqMaster_checksOutWorkingTreeWithSpecialModes() {
    assertThat(push.exitCode()).as(push.describe()).isZero();

    LocalRepo cloned =
        LocalRepo.cloneFrom(
            SERVER.git(),
            SERVER.adminUrl(repo),
            SERVER.newDir("jq-work").resolve("jq"),
            "--branch",
            "master");

    String expectedTree = SERVER.git().ok(source, "ls-tree", "-r", "master").stdout();
    assertThat(cloned.ok("ls-tree", "-r", "HEAD").stdout()).isEqualTo(expectedTree);
    assertThat(expectedTree)
        .contains("100755 blob")
        .contains("120000 blob")
        .contains("160000 commit");
    assertThat(cloned.ok("status", "--porcelain").stdout()).isEmpty();
  }

  @Test
  void gcOnRunningServer_thenCloneMirror_stillIdentical() {
    assertThat(push.exitCode()).as(push.describe()).isZero();

    GitResult gc =
        HeliosCli.run(
            source.getParent(),
            "gc",
            repo,
            "--server",
            SERVER.server().baseUri().toString(),
            "--user",
            "admin",
            "--password",
            SERVER.admin().password());

    assertThat(gc.exitCode()).as(gc.describe()).isZero();
    Path back = SERVER.newDir("jq-after-gc").resolve("jq.git");
    GitResult clone =
        SERVER
            .git()
            .withTimeout(LONG)
            .run(
                back.getParent(),
                "clone",
                "-q",
                "--mirror",
                SERVER.adminUrl(repo),
                back.toString());
    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(forEachRef(back)).isEqualTo(forEachRef(source));
    assertThat(allObjects(back)).isEqualTo(allObjects(source));
    SERVER.git().ok(back, "fsck", "--full", "--strict", "--no-dangling");
  }

  private static String forEachRef(Path gitDir) {
    return SERVER.git().ok(gitDir, "for-each-ref").stdout();
  }

  private static List<String> allObjects(Path gitDir) {
    return SERVER.git().ok(gitDir, "rev-list", "--all", "--objects").lines().stream()
        .sorted()
        .toList();
  }
}
