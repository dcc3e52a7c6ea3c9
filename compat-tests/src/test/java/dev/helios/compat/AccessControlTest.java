package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Authentication, permissions and repository names, as stock git and plain HTTP see them, on a
 * server that allows no anonymous access.
 */
@Tag("integration")
final class AccessControlTest {
  @RegisterExtension
  static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs("--anonymous", "none");

  private static final String UPLOAD_PACK_REFS = "/info/refs?service=git-upload-pack";
  private static final String RECEIVE_PACK_REFS = "/info/refs?service=git-receive-pack";

  private static String repo;
  private static String head;
  private static final Credentials STRANGER = new Credentials("stranger", "stranger-pass-1");
  private static final Credentials READER = new Credentials("reader", "reader-pass-1");
  private static final Credentials WRITER = new Credentials("writer", "writer-pass-1");

  @BeforeAll
  static void createUsersAndRepository() {
    repo = SERVER.createRepo("guarded");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    head = local.commit("README.md", "guarded\n");
    local.ok("push", "-q", "origin", "main");
    for (Credentials user : new Credentials[] {STRANGER, READER, WRITER}) {
      SERVER.api().createUser(SERVER.admin(), user.user(), user.password(), false);
    }
    SERVER.api().grant(SERVER.admin(), READER.user(), repo, "read");
    SERVER.api().grant(SERVER.admin(), WRITER.user(), repo, "write");
  }

  @Test
  void infoRefs_noCredentials_is401WithBasicChallenge() {
    HeliosApi.Response response =
        SERVER.api().get("/git/" + repo + ".git" + UPLOAD_PACK_REFS, null);

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate"))
        .as(response.toString())
        .startsWithIgnoringCase("Basic");
  }

  @Test
  void clone_noCredentials_failsWithoutPrompting() {
    Path target = SERVER.newDir("anonymous").resolve("clone");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.url(repo), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr()).as(clone.describe()).contains("terminal prompts disabled");
    assertThat(target).doesNotExist();
  }

  @Test
  void clone_wrongPassword_failsWithAuthenticationFailed() {
    Path target = SERVER.newDir("wrong-password").resolve("clone");
    Credentials wrong = new Credentials("admin", SERVER.admin().password() + "x");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.url(repo, wrong), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr()).as(clone.describe()).contains("fatal: Authentication failed for");
    HeliosApi.Response probe = SERVER.api().get("/git/" + repo + ".git" + UPLOAD_PACK_REFS, wrong);
    assertThat(probe.status()).as(probe.toString()).isEqualTo(401);
    assertThat(probe.header("WWW-Authenticate"))
        .as(probe.toString())
        .startsWithIgnoringCase("Basic");
  }

  @Test
  void clone_unknownUser_failsWithAuthenticationFailed() {
    Path target = SERVER.newDir("unknown-user").resolve("clone");
    Credentials nobody = new Credentials("nobody", "whatever-1");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.url(repo, nobody), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr()).as(clone.describe()).contains("Authentication failed");
  }

  @Test
  void clone_userWithoutGrant_isForbidden403WithMessage() {
    Path target = SERVER.newDir("stranger").resolve("clone");

    GitResult clone =
        SERVER
            .git()
            .run(target.getParent(), "clone", SERVER.url(repo, STRANGER), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr())
        .as(clone.describe())
        .contains("The requested URL returned error: 403")
        .containsPattern("remote: \\S.*stranger");
    HeliosApi.Response probe =
        SERVER.api().get("/git/" + repo + ".git" + UPLOAD_PACK_REFS, STRANGER);
    assertThat(probe.status()).as(probe.toString()).isEqualTo(403);
    assertThat(probe.body()).as("403 explains itself").isNotBlank();
  }

  @Test
  void cloneAndPush_readGrant_clonesButPushIsForbidden() {
    LocalRepo cloned =
        LocalRepo.cloneFrom(SERVER.git(), SERVER.url(repo, READER), SERVER.newDir("reader"));
    assertThat(cloned.rev("HEAD")).isEqualTo(head);
    cloned.commit("reader.txt", "should not land\n");

    GitResult push = cloned.git("push", "origin", "main");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr())
        .as(push.describe())
        .contains("The requested URL returned error: 403")
        .containsPattern("remote: \\S.*reader");
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/main", head);
    HeliosApi.Response probe =
        SERVER.api().get("/git/" + repo + ".git" + RECEIVE_PACK_REFS, READER);
    assertThat(probe.status()).as(probe.toString()).isEqualTo(403);
  }

  @Test
  void push_writeGrant_landsOnBranch() {
    LocalRepo cloned =
        LocalRepo.cloneFrom(SERVER.git(), SERVER.url(repo, WRITER), SERVER.newDir("writer"));
    String tip = cloned.commit("writer-" + System.nanoTime() + ".txt", "landed\n");

    GitResult push = cloned.git("push", "origin", "HEAD:refs/heads/writer-branch");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/writer-branch", tip);
  }

  @Test
  void cloneAndPush_withTokenAsPassword_succeed() {
    HeliosApi.Token token = SERVER.api().createToken(SERVER.admin(), WRITER.user(), "compat ci");
    Credentials viaToken = new Credentials(WRITER.user(), token.secret());
    LocalRepo cloned =
        LocalRepo.cloneFrom(SERVER.git(), SERVER.url(repo, viaToken), SERVER.newDir("token"));
    String tip = cloned.commit("token.txt", "pushed with a token\n");

    GitResult push = cloned.git("push", "origin", "HEAD:refs/heads/token-branch");

    assertThat(push.exitCode()).as(push.describe()).isZero();
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/token-branch", tip);
  }

  @Test
  void clone_wrongToken_failsWithAuthenticationFailed() {
    HeliosApi.Token token =
        SERVER.api().createToken(SERVER.admin(), READER.user(), "to be mistyped");
    Credentials wrong = new Credentials(READER.user(), token.secret() + "0");
    Path target = SERVER.newDir("wrong-token").resolve("clone");

    GitResult clone =
        SERVER.git().run(target.getParent(), "clone", SERVER.url(repo, wrong), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr()).as(clone.describe()).contains("Authentication failed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"a/.hidden", ".dotted", "bad~name", "white%20space", "caf%C3%A9", "trailing/"})
  void infoRefs_invalidRepositoryName_is400(String name) {
    HeliosApi.Response response =
        SERVER.api().get("/git/" + name + ".git" + UPLOAD_PACK_REFS, SERVER.admin());

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
  }

  @Test
  void clone_invalidRepositoryName_failsWith400() {
    Path target = SERVER.newDir("bad-name").resolve("clone");

    GitResult clone =
        SERVER
            .git()
            .run(target.getParent(), "clone", SERVER.adminUrl("a/.hidden"), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr())
        .as(clone.describe())
        .contains("The requested URL returned error: 400")
        .containsPattern("remote: \\S.*\\.hidden");
  }

  @Test
  void clone_missingRepository_failsWithNotFound() throws Exception {
    Path target = SERVER.newDir("missing").resolve("clone");

    GitResult clone =
        SERVER
            .git()
            .run(target.getParent(), "clone", SERVER.adminUrl("does-not-exist"), target.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isNotZero();
    assertThat(clone.stderr()).as(clone.describe()).contains("not found");
    HeliosApi.Response probe =
        SERVER.api().get("/git/does-not-exist.git" + UPLOAD_PACK_REFS, SERVER.admin());
    assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void push_toMissingRepositoryWithoutAutoCreate_failsWithNotFound() {
    LocalRepo local = LocalRepo.init(SERVER.git(), SERVER.newDir("no-auto-create"));
    local.commit("a.txt", "a\n");

    GitResult push = local.git("push", SERVER.adminUrl("never-created"), "main");

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr()).as(push.describe()).contains("not found");
    HeliosApi.Response probe =
        SERVER.api().get("/git/never-created.git" + RECEIVE_PACK_REFS, SERVER.admin());
    assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
  }

  @Test
  void createRepo_nonAdmin_isForbidden() {
    HeliosApi.Response response =
        SERVER
            .api()
            .send(
                "POST",
                "/api/v1/repos",
                WRITER,
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode()
                    .put("name", "sneaky"));

    assertThat(response.status()).as(response.toString()).isEqualTo(403);
  }

  @Test
  void deleteRepo_admin_removesItSoCloneFindsNothing() {
    String doomed = SERVER.createRepo("doomed");
    assertThat(SERVER.api().listRepos(SERVER.admin()).body()).contains("\"" + doomed + "\"");

    HeliosApi.Response delete = SERVER.api().deleteRepo(SERVER.admin(), doomed);

    assertThat(delete.status() / 100).as(delete.toString()).isEqualTo(2);
    assertThat(SERVER.api().listRepos(SERVER.admin()).body()).doesNotContain("\"" + doomed + "\"");
    HeliosApi.Response probe =
        SERVER.api().get("/git/" + doomed + ".git" + UPLOAD_PACK_REFS, SERVER.admin());
    assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
  }
}
