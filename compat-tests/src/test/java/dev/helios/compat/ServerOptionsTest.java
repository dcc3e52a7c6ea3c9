package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the receive side refuses and what the serve options change: the pack size limit, fsck of
 * received objects, anonymous read access and repository creation on push.
 */
@Tag("integration")
final class ServerOptionsTest {
  private static final long MAX_PACK = 1L << 20;

  @RegisterExtension
  static final HeliosServerExtension SERVER =
      HeliosServerExtension.withArgs(
          "--anonymous", "read", "--auto-create", "--max-pack-size", Long.toString(MAX_PACK));

  private static final Credentials MEMBER = new Credentials("member", "member-pass-1");

  private static String repo;
  private static String head;

  @BeforeAll
  static void seed() {
    repo = SERVER.createRepo("options");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    head = local.commit("README.md", "options\n");
    local.ok("push", "-q", "origin", "main");
    SERVER.api().createUser(SERVER.admin(), MEMBER.user(), MEMBER.password(), false);
  }

  @Test
  void push_packOverMaxPackSize_isRejectedAndRepositoryUnchanged() {
    long seed = 7_777L;
    LocalRepo local = SERVER.cloneAsAdmin(repo);
    byte[] noise = new byte[3 << 20];
    new SplittableRandom(seed).nextBytes(noise);
    local.write("noise.bin", noise);
    local.commitAll("3 MiB of incompressible bytes");
    Map<String, String> before = SERVER.lsRemote(repo);

    GitResult push = local.git("push", "origin", "main", "HEAD:refs/heads/big");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr().toLowerCase())
        .as(push.describe())
        .containsAnyOf("limit", "too large", "exceed");
    assertThat(SERVER.lsRemote(repo)).isEqualTo(before);
  }

  @Test
  void push_packUnderMaxPackSize_isAccepted() {
    LocalRepo local = SERVER.cloneAsAdmin(repo);
    byte[] noise = new byte[256 << 10];
    new SplittableRandom(8_888L).nextBytes(noise);
    local.write("small-noise.bin", noise);
    String tip = local.commitAll("256 KiB of incompressible bytes");

    GitResult push = local.git("push", "origin", "HEAD:refs/heads/small");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/small", tip);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"commit without author", "tree with a .git entry", "tree not sorted"})
  void push_malformedObject_isRejectedByServerFsckNamingTheObject(String kind) {
    LocalRepo local = SERVER.cloneAsAdmin(repo);
    String malformed =
        switch (kind) {
          case "commit without author" ->
              hashLiterally(
                  local,
                  "commit",
                  ("tree "
                          + local.rev("HEAD^{tree}")
                          + "\n"
                          + "committer A U Thor <author@example.com> 1600000000 +0000\n\n"
                          + "no author line\n")
                      .getBytes(StandardCharsets.UTF_8));
          case "tree with a .git entry" -> tree(local, "100644 .git");
          case "tree not sorted" -> tree(local, "100644 b", "100644 a");
          default -> throw new IllegalArgumentException(kind);
        };
    String pushed = kind.startsWith("commit") ? malformed : commitTree(local, malformed);
    String branch = "refs/heads/malformed-" + kind.replace(' ', '-').replace(".", "");

    GitResult push = local.git("push", "origin", pushed + ":" + branch);

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr())
        .as(push.describe())
        .containsAnyOf("[remote rejected]", "remote unpack failed")
        .contains(malformed);
    assertThat(SERVER.lsRemote(repo))
        .doesNotContainKey(branch)
        .containsEntry("refs/heads/main", head);
  }

  /** A raw tree whose entries ({@code "mode name"}) all point at one small blob. */
  private static String tree(LocalRepo local, String... entries) {
    String blob =
        local
            .okWithInput("blob\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
            .stdout()
            .strip();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (String entry : entries) {
      raw.writeBytes((entry + "\0").getBytes(StandardCharsets.UTF_8));
      raw.writeBytes(HexFormat.of().parseHex(blob));
    }
    return hashLiterally(local, "tree", raw.toByteArray());
  }

  private static String commitTree(LocalRepo local, String tree) {
    return local
        .ok("commit-tree", tree, "-p", "HEAD", "-m", "points at a malformed tree")
        .stdout()
        .strip();
  }

  private static String hashLiterally(LocalRepo local, String type, byte[] content) {
    return local
        .okWithInput(content, "hash-object", "--literally", "-t", type, "-w", "--stdin")
        .stdout()
        .strip();
  }

  @Test
  void clone_anonymousWithReadAccess_succeeds() {
    LocalRepo cloned =
        LocalRepo.cloneFrom(SERVER.git(), SERVER.url(repo), SERVER.newDir("anonymous"));

    assertThat(cloned.rev("HEAD")).isEqualTo(head);
  }

  @Test
  void push_anonymousWithReadAccess_isChallenged() {
    LocalRepo cloned =
        LocalRepo.cloneFrom(SERVER.git(), SERVER.url(repo), SERVER.newDir("anonymous-push"));
    cloned.commit("anonymous.txt", "should not land\n");

    GitResult push = cloned.git("push", "origin", "HEAD:refs/heads/anonymous");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(SERVER.lsRemote(repo)).doesNotContainKey("refs/heads/anonymous");
    HeliosApi.Response probe =
        SERVER.api().get("/git/" + repo + ".git/info/refs?service=git-receive-pack", null);
    assertThat(probe.status()).as(probe.toString()).isEqualTo(401);
    assertThat(probe.header("WWW-Authenticate"))
        .as(probe.toString())
        .startsWithIgnoringCase("Basic");
  }

  @Test
  void push_adminToMissingRepositoryWithAutoCreate_createsIt() {
    String name = SERVER.newRepoName("auto-created");
    LocalRepo local = LocalRepo.init(SERVER.git(), SERVER.newDir("auto-create"));
    String tip = local.commit("a.txt", "auto\n");

    GitResult push = local.git("push", SERVER.adminUrl(name), "main");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(SERVER.lsRemote(name)).containsEntry("refs/heads/main", tip);
    LocalRepo cloned = SERVER.cloneAsAdmin(name);
    assertThat(cloned.rev("HEAD")).isEqualTo(tip);
  }

  @Test
  void push_nonAdminToMissingRepositoryWithAutoCreate_failsWithNotFound() {
    String name = SERVER.newRepoName("not-auto-created");
    LocalRepo local = LocalRepo.init(SERVER.git(), SERVER.newDir("member-auto-create"));
    local.commit("a.txt", "member\n");

    GitResult push = local.git("push", SERVER.url(name, MEMBER), "main");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr()).as(push.describe()).contains("not found");
    HeliosApi.Response probe =
        SERVER.api().get("/git/" + name + ".git/info/refs?service=git-upload-pack", SERVER.admin());
    assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
  }

  @Test
  void push_adminToInvalidNameWithAutoCreate_failsWith400AndCreatesNothing() {
    LocalRepo local = LocalRepo.init(SERVER.git(), SERVER.newDir("bad-auto-create"));
    local.commit("a.txt", "bad\n");

    GitResult push = local.git("push", SERVER.adminUrl("x/.hidden"), "main");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr())
        .as(push.describe())
        .contains("The requested URL returned error: 400")
        .containsPattern("remote: \\S.*\\.hidden");
    Path unused = SERVER.newDir("unused");
    assertThat(SERVER.git().run(unused, "ls-remote", SERVER.adminUrl("x/.hidden")).exitCode())
        .isNotZero();
  }
}
