package dev.helios.git.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP on loopback: status codes, the admin API and pushes by JGit. */
@Tag("integration")
class HeliosServerTest {
  private static final String UPLOAD_REFS = "/info/refs?service=git-upload-pack";
  private static final String RECEIVE_REFS = "/info/refs?service=git-receive-pack";

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void healthz_always_returnsOk() throws Exception {
    HttpResponse<String> res = server.get("/healthz", null, null);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body().strip()).isEqualTo("ok");
  }

  @Test
  void infoRefs_invalidName_returns400WithRule() throws Exception {
    HttpResponse<String> res =
        server.get("/git/bad..name/.hidden.git" + UPLOAD_REFS, "admin", server.adminPassword);

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("invalid repository name").contains("starts with '.'");
  }

  @Test
  void infoRefs_missingRepository_returns404() throws Exception {
    HttpResponse<String> res =
        server.get("/git/nope.git" + UPLOAD_REFS, "admin", server.adminPassword);

    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.body()).contains("repository nope not found");
  }

  @Test
  void infoRefs_wrongPassword_returns401WithChallenge() throws Exception {
    createRepository("demo");

    HttpResponse<String> res = server.get("/git/demo.git" + UPLOAD_REFS, "admin", "wrong-password");

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic realm=\"Helios\""));
  }

  @Test
  void infoRefs_noCredentials_returns401WithChallenge() throws Exception {
    createRepository("demo");

    HttpResponse<String> res = server.get("/git/demo.git" + UPLOAD_REFS, null, null);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void infoRefs_readerAsksToPush_returns403() throws Exception {
    createRepository("demo");
    createUser("reader", "reader-password", false);
    grant("reader", "demo", "read");

    HttpResponse<String> read = server.get("/git/demo.git" + UPLOAD_REFS, "reader", "reader-password");
    HttpResponse<String> write =
        server.get("/git/demo.git" + RECEIVE_REFS, "reader", "reader-password");

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("user reader has no write access to demo");
  }

  @Test
  void infoRefs_userWithoutGrant_returns403() throws Exception {
    createRepository("demo");
    createUser("stranger", "stranger-password", false);

    HttpResponse<String> res =
        server.get("/git/demo.git" + UPLOAD_REFS, "stranger", "stranger-password");

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("user stranger has no read access to demo");
  }

  @Test
  void infoRefs_repeatedFailures_returns429WithRetryAfter() throws Exception {
    createRepository("demo");
    for (int i = 0; i < 5; i++) {
      assertThat(server.get("/git/demo.git" + UPLOAD_REFS, "admin", "wrong-" + i).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> res =
        server.get("/git/demo.git" + UPLOAD_REFS, "admin", server.adminPassword);

    assertThat(res.statusCode()).isEqualTo(429);
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void api_createListDelete_roundTrips() throws Exception {
    HttpResponse<String> created = server.admin("POST", "/api/v1/repos", "{\"name\":\"team/app\"}");
    HttpResponse<String> listed = server.admin("GET", "/api/v1/repos", null);
    HttpResponse<String> deleted = server.admin("DELETE", "/api/v1/repos/team/app", null);
    HttpResponse<String> afterwards = server.admin("GET", "/api/v1/repos/team/app", null);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"name\":\"team/app\"");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("\"team/app\"");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(afterwards.statusCode()).isEqualTo(404);
    assertThat(afterwards.body()).contains("\"error\"");
  }

  @Test
  void api_createTwice_returns409() throws Exception {
    createRepository("demo");

    HttpResponse<String> again = server.admin("POST", "/api/v1/repos", "{\"name\":\"demo\"}");

    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void api_nonAdminCreatesRepository_returns403() throws Exception {
    createUser("dev", "dev-password", false);

    HttpResponse<String> res =
        server.send("POST", "/api/v1/repos", "dev", "dev-password", "{\"name\":\"demo\"}");

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).contains("\"error\"");
  }

  @Test
  void api_auditTail_listsRepositoryCreation() throws Exception {
    createRepository("demo");

    HttpResponse<String> res = server.admin("GET", "/api/v1/audit?n=10", null);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("repo.create").contains("demo");
  }

  @Test
  void cloneAndPush_withToken_succeed() throws Exception {
    createRepository("demo");
    createUser("dev", "dev-password", false);
    grant("dev", "demo", "write");
    HttpResponse<String> token =
        server.send("POST", "/api/v1/users/dev/tokens", "dev", "dev-password", "{\"label\":\"ci\"}");
    String secret = token.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
    UsernamePasswordCredentialsProvider creds = new UsernamePasswordCredentialsProvider("dev", secret);

    try (Git local = newRepository(dir.resolve("work"))) {
      commit(local, "a.txt", "hello");
      Iterable<PushResult> pushed =
          local.push().setRemote(server.gitUrl("demo")).setCredentialsProvider(creds)
              .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
      assertThat(status(pushed, "refs/heads/main")).isEqualTo(RemoteRefUpdate.Status.OK);
    }
    try (Git clone =
        Git.cloneRepository().setURI(server.gitUrl("demo")).setCredentialsProvider(creds)
            .setDirectory(dir.resolve("clone").toFile()).call()) {

      assertThat(Files.readString(dir.resolve("clone/a.txt"))).isEqualTo("hello");
    }
    assertThat(token.statusCode()).isEqualTo(201);
    assertThat(server.admin("GET", "/api/v1/audit?n=5", null).body()).contains("\"push\"");
  }

  @Test
  void push_forceToProtectedBranch_isRefusedWithReason() throws Exception {
    createRepository("demo");
    UsernamePasswordCredentialsProvider creds = adminCredentials();
    try (Git local = newRepository(dir.resolve("work"))) {
      RevCommit first = commit(local, "a.txt", "one");
      commit(local, "a.txt", "two");
      push(local, creds, "refs/heads/main:refs/heads/main");
      local.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef(first.name()).call();
      commit(local, "b.txt", "rewritten");

      Iterable<PushResult> forced = push(local, creds, "+refs/heads/main:refs/heads/main");
      Iterable<PushResult> otherBranch = push(local, creds, "+refs/heads/main:refs/heads/topic");

      RemoteRefUpdate update = forced.iterator().next().getRemoteUpdate("refs/heads/main");
      assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
      assertThat(update.getMessage()).isEqualTo("protected branch refs/heads/main: force-push refused");
      assertThat(status(otherBranch, "refs/heads/topic")).isEqualTo(RemoteRefUpdate.Status.OK);
    }
  }

  @Test
  void push_forceToUnprotectedBranch_succeeds() throws Exception {
    createRepository("demo");
    UsernamePasswordCredentialsProvider creds = adminCredentials();
    try (Git local = newRepository(dir.resolve("work"))) {
      RevCommit first = commit(local, "a.txt", "one");
      commit(local, "a.txt", "two");
      push(local, creds, "refs/heads/main:refs/heads/topic");
      local.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef(first.name()).call();

      Iterable<PushResult> forced = push(local, creds, "+refs/heads/main:refs/heads/topic");

      assertThat(status(forced, "refs/heads/topic")).isEqualTo(RemoteRefUpdate.Status.OK);
    }
  }

  @Test
  void push_packOverLimit_isRejectedAndRepositoryUnchanged() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("small"), b -> b.maxPackBytes(4096));
    createRepository("demo");
    UsernamePasswordCredentialsProvider creds = adminCredentials();
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);

    try (Git local = newRepository(dir.resolve("work"))) {
      Files.write(dir.resolve("work/big.bin"), noise);
      local.add().addFilepattern("big.bin").call();
      local.commit().setMessage("big").setSign(false).call();
      RemoteRefUpdate.Status status;
      String message;
      try {
        RemoteRefUpdate update =
            push(local, creds, "refs/heads/main:refs/heads/main").iterator().next()
                .getRemoteUpdate("refs/heads/main");
        status = update.getStatus();
        message = update.getMessage();
      } catch (TransportException e) {
        status = null;
        message = e.getMessage();
      }

      Collection<Ref> remote =
          Git.lsRemoteRepository().setRemote(server.gitUrl("demo")).setCredentialsProvider(creds)
              .setHeads(true).call();
      assertThat(status).as(message).isNotEqualTo(RemoteRefUpdate.Status.OK);
      assertThat(remote).isEmpty();
    }
  }

  @Test
  void createRepository_defaultBranchConfigured_headPointsAtIt() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("trunk"), b -> b.defaultBranch("trunk"));
    createRepository("demo");

    Collection<Ref> remote =
        Git.lsRemoteRepository().setRemote(server.gitUrl("demo"))
            .setCredentialsProvider(adminCredentials()).call();
    try (Git local = newRepository(dir.resolve("work"))) {
      commit(local, "a.txt", "one");
      push(local, adminCredentials(), "refs/heads/main:refs/heads/trunk");
    }
    Ref head =
        Git.lsRemoteRepository().setRemote(server.gitUrl("demo"))
            .setCredentialsProvider(adminCredentials()).callAsMap().get("HEAD");

    assertThat(remote).isEmpty();
    assertThat(head).isNotNull();
    assertThat(head.getTarget().getName()).isEqualTo("refs/heads/trunk");
  }

  @Test
  void defaultBranch_invalidName_isRejectedNamingTheSetting() {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> ServerConfig.builder().defaultBranch("bad..branch"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultBranch");
  }

  @Test
  void push_missingRepositoryWithAutoCreate_createsIt() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("auto"), b -> b.autoCreate(true));
    try (Git local = newRepository(dir.resolve("work"))) {
      commit(local, "a.txt", "one");

      Iterable<PushResult> pushed = push(local, adminCredentials(), "refs/heads/main:refs/heads/main");

      assertThat(status(pushed, "refs/heads/main")).isEqualTo(RemoteRefUpdate.Status.OK);
    }
    assertThat(server.admin("GET", "/api/v1/repos/demo", null).statusCode()).isEqualTo(200);
  }

  @Test
  void push_missingRepositoryWithoutAutoCreate_fails() throws Exception {
    try (Git local = newRepository(dir.resolve("work"))) {
      commit(local, "a.txt", "one");

      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> push(local, adminCredentials(), "refs/heads/main:refs/heads/main"));

      assertThat(thrown).isInstanceOf(TransportException.class).hasMessageContaining("not found");
    }
  }

  @Test
  void api_listWithoutCredentials_returns401() throws Exception {
    HttpResponse<String> res = server.get("/api/v1/repos", null, null);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(res.body()).contains("\"error\"");
  }

  // ---- fixtures ----------------------------------------------------------------------------

  private void createRepository(String name) throws Exception {
    HttpResponse<String> res =
        server.admin("POST", "/api/v1/repos", "{\"name\":\"" + name + "\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private void createUser(String name, String password, boolean admin) throws Exception {
    HttpResponse<String> res =
        server.admin(
            "POST",
            "/api/v1/users",
            "{\"name\":\"" + name + "\",\"password\":\"" + password + "\",\"admin\":" + admin + "}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private void grant(String user, String repo, String role) throws Exception {
    HttpResponse<String> res =
        server.admin(
            "POST",
            "/api/v1/grants",
            "{\"user\":\"" + user + "\",\"repo\":\"" + repo + "\",\"role\":\"" + role + "\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }

  private UsernamePasswordCredentialsProvider adminCredentials() {
    return new UsernamePasswordCredentialsProvider("admin", server.adminPassword);
  }

  private Iterable<PushResult> push(Git local, UsernamePasswordCredentialsProvider creds,
      String spec) throws Exception {
    return local.push().setRemote(server.gitUrl("demo")).setCredentialsProvider(creds)
        .setRefSpecs(new RefSpec(spec)).call();
  }

  private static RemoteRefUpdate.Status status(Iterable<PushResult> results, String ref) {
    return results.iterator().next().getRemoteUpdate(ref).getStatus();
  }

  private static Git newRepository(Path path) throws Exception {
    return Git.init().setDirectory(path.toFile()).setInitialBranch("main").call();
  }

  private static RevCommit commit(Git git, String file, String content) throws Exception {
    Path worktree = git.getRepository().getWorkTree().toPath();
    Files.writeString(worktree.resolve(file), content, StandardCharsets.UTF_8);
    git.add().addFilepattern(file).call();
    return git.commit().setMessage("edit " + file).setAuthor("T", "t@example.com")
        .setCommitter("T", "t@example.com").setSign(false).call();
  }
}
