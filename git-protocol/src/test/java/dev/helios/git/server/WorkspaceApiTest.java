package dev.helios.git.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.engine.SyncPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace API over real HTTP on loopback. */
@Tag("integration")
class WorkspaceApiTest {
  private static final String API = "/api/v1/workspaces";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void writeCommitLog_roundTrip() throws Exception {
    assertThat(admin("POST", API, "{\"name\":\"demo\"}").statusCode()).isEqualTo(201);

    HttpResponse<byte[]> put = put("/demo/files/docs/README", "hello", "admin", server.adminPassword);
    HttpResponse<byte[]> commit =
        admin("POST", API + "/demo/commit", "{\"message\":\"first\",\"metadata\":{\"k\":\"v\"}}");
    JsonNode log = json(admin("GET", API + "/demo/log", null));
    HttpResponse<byte[]> read = admin("GET", API + "/demo/files/docs/README", null);
    JsonNode tree = json(admin("GET", API + "/demo/tree/docs", null));

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(commit.statusCode()).isEqualTo(201);
    String snapshot = json(commit).get("snapshot").asText();
    assertThat(log.get("snapshots").get(0).get("id").asText()).isEqualTo(snapshot);
    assertThat(log.get("snapshots").get(0).get("message").asText()).isEqualTo("first");
    assertThat(log.get("snapshots").get(0).get("metadata").get("k").asText()).isEqualTo("v");
    assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(read.headers().firstValue("X-Helios-Kind")).hasValue("file");
    assertThat(tree.get("entries").get(0).get("name").asText()).isEqualTo("README");
  }

  @Test
  void branchesCheckoutRestoreDiff_followTheWorkspace() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    put("/demo/files/f", "one", "admin", server.adminPassword);
    String first = json(admin("POST", API + "/demo/commit", "{\"message\":\"one\"}"))
        .get("snapshot").asText();

    HttpResponse<byte[]> branched = admin("POST", API + "/demo/branches", "{\"name\":\"exp\"}");
    put("/demo/files/run.sh?executable=true", "#!/bin/sh", "admin", server.adminPassword);
    JsonNode uncommitted = json(admin("GET", API + "/demo/diff", null));
    admin("POST", API + "/demo/commit", "{\"message\":\"two\"}");
    JsonNode between = json(admin("GET", API + "/demo/diff?from=main&to=exp", null));
    HttpResponse<byte[]> restored =
        admin("POST", API + "/demo/restore", "{\"snapshot\":\"" + first + "\"}");
    JsonNode sinceHead = json(admin("GET", API + "/demo/diff", null));
    HttpResponse<byte[]> checkout = admin("POST", API + "/demo/checkout", "{\"branch\":\"main\"}");
    JsonNode branches = json(admin("GET", API + "/demo/branches", null));

    assertThat(branched.statusCode()).isEqualTo(201);
    assertThat(uncommitted.get("changes").get(0).get("type").asText()).isEqualTo("added");
    assertThat(uncommitted.get("changes").get(0).get("after").get("kind").asText())
        .isEqualTo("executable");
    assertThat(between.get("changes")).hasSize(1);
    assertThat(between.get("changes").get(0).get("path").asText()).isEqualTo("run.sh");
    assertThat(restored.statusCode()).isEqualTo(200);
    assertThat(sinceHead.get("changes").get(0).get("type").asText()).isEqualTo("deleted");
    assertThat(checkout.statusCode()).isEqualTo(200);
    assertThat(branches.get("branch").asText()).isEqualTo("main");
    assertThat(branches.get("branches").toString()).isEqualTo("[\"exp\",\"main\"]");
  }

  @Test
  void deleteFileAndWorkspace_thenTheyAreGone() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    put("/demo/files/a", "x", "admin", server.adminPassword);

    HttpResponse<byte[]> deletedFile = admin("DELETE", API + "/demo/files/a", null);
    HttpResponse<byte[]> againFile = admin("DELETE", API + "/demo/files/a", null);
    HttpResponse<byte[]> deleted = admin("DELETE", API + "/demo", null);
    HttpResponse<byte[]> shown = admin("GET", API + "/demo", null);

    assertThat(deletedFile.statusCode()).isEqualTo(200);
    assertThat(againFile.statusCode()).isEqualTo(404);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(shown.statusCode()).isEqualTo(404);
    assertThat(body(shown)).contains("no workspace 'demo'");
    assertThat(body(admin("GET", "/api/v1/audit?n=5", null)))
        .contains("ws.create").contains("ws.delete");
  }

  @Test
  void noCredentials_returns401WithChallenge() throws Exception {
    HttpResponse<byte[]> res = send("GET", API, null, null, null);

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void otherUser_returns403_ownerAndAdminMayUseIt() throws Exception {
    createUser("alice");
    createUser("bob");
    HttpResponse<byte[]> created = send("POST", API, "{\"name\":\"mine\"}", "alice", "alice-password");

    HttpResponse<byte[]> ownerWrite = put("/mine/files/a", "x", "alice", "alice-password");
    HttpResponse<byte[]> strangerRead = send("GET", API + "/mine/files/a", null, "bob", "bob-password");
    HttpResponse<byte[]> strangerWrite = put("/mine/files/a", "y", "bob", "bob-password");
    JsonNode strangerList = json(send("GET", API, null, "bob", "bob-password"));
    HttpResponse<byte[]> adminRead = admin("GET", API + "/mine/files/a", null);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("owner").asText()).isEqualTo("alice");
    assertThat(ownerWrite.statusCode()).isEqualTo(200);
    assertThat(strangerRead.statusCode()).isEqualTo(403);
    assertThat(body(strangerWrite)).contains("user bob has no access to workspace 'mine'");
    assertThat(strangerList.get("workspaces")).isEmpty();
    assertThat(body(adminRead)).isEqualTo("x");
  }

  @Test
  void snapshotIdOfAnotherWorkspace_isNotFoundForNonAdmins() throws Exception {
    createUser("alice");
    admin("POST", API, "{\"name\":\"secret\"}");
    put("/secret/files/s", "hidden", "admin", server.adminPassword);
    String id = json(admin("POST", API + "/secret/commit", "{\"message\":\"s\"}"))
        .get("snapshot").asText();
    send("POST", API, "{\"name\":\"mine\"}", "alice", "alice-password");

    HttpResponse<byte[]> res =
        send("POST", API + "/mine/restore", "{\"snapshot\":\"" + id + "\"}", "alice",
            "alice-password");

    assertThat(res.statusCode()).isEqualTo(404);
  }

  @Test
  void missingThings_return404() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");

    assertThat(admin("GET", API + "/nope", null).statusCode()).isEqualTo(404);
    assertThat(admin("GET", API + "/demo/files/ghost", null).statusCode()).isEqualTo(404);
    assertThat(admin("POST", API + "/demo/checkout", "{\"branch\":\"ghost\"}").statusCode())
        .isEqualTo(404);
    assertThat(admin("POST", API + "/demo/restore", "{\"snapshot\":\"" + "0".repeat(64) + "\"}")
        .statusCode()).isEqualTo(404);
    assertThat(admin("POST", API, "{\"name\":\"w\",\"repository\":\"nope\"}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void badInput_returns400() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");

    assertThat(admin("POST", API, "{\"name\":\"bad name\"}").statusCode()).isEqualTo(400);
    assertThat(put("/demo/files/a//b", "x", "admin", server.adminPassword).statusCode())
        .isEqualTo(400);
    assertThat(admin("POST", API + "/demo/commit", "{}").statusCode()).isEqualTo(400);
    assertThat(admin("POST", API + "/demo/commit", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void existingWorkspaceOrBranch_returns409() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    admin("POST", API + "/demo/branches", "{\"name\":\"exp\"}");

    assertThat(admin("POST", API, "{\"name\":\"demo\"}").statusCode()).isEqualTo(409);
    assertThat(admin("POST", API + "/demo/branches", "{\"name\":\"exp\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void fileAboveTheLimit_returns413() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    byte[] big = new byte[(64 << 20) + 1];

    HttpResponse<byte[]> res =
        HTTP.send(request("PUT", API + "/demo/files/big", "admin", server.adminPassword)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(res.statusCode()).isEqualTo(413);
  }

  @Test
  void concurrentWrites_toOneWorkspace_allLand() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String path = "/demo/files/f" + i;
        results.add(pool.submit(() -> put(path, "x", "admin", server.adminPassword).statusCode()));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    JsonNode tree = json(admin("GET", API + "/demo/tree", null));

    assertThat(tree.get("entries")).hasSize(16);
  }

  @Test
  void uncommittedWrite_survivesARestart() throws Exception {
    admin("POST", API, "{\"name\":\"demo\"}");
    put("/demo/files/a", "kept", "admin", server.adminPassword);
    String password = server.adminPassword;
    server.close();
    server = null;

    try (HeliosServer restarted =
        HeliosServer.start(
            ServerConfig.builder().dataDirectory(dir.resolve("data")).port(0)
                .syncPolicy(SyncPolicy.WAL).build(),
            line -> {})) {
      HttpResponse<byte[]> res =
          HTTP.send(requestTo(restarted.uri() + API + "/demo/files/a", "admin", password)
                  .GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(body(res)).isEqualTo("kept");
    }
  }

  @Test
  void createFromRepositoryRef_startsAtThePushedCommit() throws Exception {
    admin("POST", "/api/v1/repos", "{\"name\":\"app\"}");
    pushSmallRepository();
    createUser("alice");

    HttpResponse<byte[]> refused =
        send("POST", API, "{\"name\":\"w\",\"repository\":\"app\"}", "alice", "alice-password");
    HttpResponse<byte[]> created =
        admin("POST", API, "{\"name\":\"app-main\",\"repository\":\"app\",\"ref\":\"main\"}");
    HttpResponse<byte[]> script = admin("GET", API + "/app-main/files/bin/run.sh", null);
    HttpResponse<byte[]> link = admin("GET", API + "/app-main/files/link", null);
    JsonNode log = json(admin("GET", API + "/app-main/log", null));
    HttpResponse<byte[]> badRef =
        admin("POST", API, "{\"name\":\"w2\",\"repository\":\"app\",\"ref\":\"nope\"}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(created.statusCode()).as(body(created)).isEqualTo(201);
    assertThat(json(created).get("snapshot").asText()).matches("[0-9a-f]{64}");
    assertThat(body(script)).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(script.headers().firstValue("X-Helios-Kind")).hasValue("executable");
    assertThat(link.headers().firstValue("X-Helios-Kind")).hasValue("symlink");
    assertThat(body(link)).isEqualTo("bin/run.sh");
    assertThat(log.get("snapshots").get(0).get("message").asText()).isEqualTo("initial import\n");
    assertThat(log.get("snapshots").get(0).get("metadata").get("git.header").asText())
        .startsWith("author T <t@example.com>");
    assertThat(badRef.statusCode()).isEqualTo(404);
  }

  // ---- fixtures ----------------------------------------------------------------------------

  private void pushSmallRepository() throws Exception {
    Path work = dir.resolve("work");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("core", null, "symlinks", true);
      config.setBoolean("core", null, "filemode", true);
      config.save();
      Files.createDirectories(work.resolve("bin"));
      Path script = work.resolve("bin/run.sh");
      Files.writeString(script, "#!/bin/sh\necho hi\n");
      script.toFile().setExecutable(true);
      Files.createSymbolicLink(work.resolve("link"), Path.of("bin/run.sh"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial import\n").setAuthor("T", "t@example.com")
          .setCommitter("T", "t@example.com").setSign(false).call();
      git.push().setRemote(server.gitUrl("app"))
          .setCredentialsProvider(
              new UsernamePasswordCredentialsProvider("admin", server.adminPassword))
          .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }
  }

  private void createUser(String name) throws Exception {
    HttpResponse<String> res =
        server.admin("POST", "/api/v1/users",
            "{\"name\":\"" + name + "\",\"password\":\"" + name + "-password\",\"admin\":false}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private HttpResponse<byte[]> admin(String method, String path, String json) throws Exception {
    return send(method, path, json, "admin", server.adminPassword);
  }

  private HttpResponse<byte[]> put(String path, String content, String user, String password)
      throws Exception {
    return HTTP.send(
        request("PUT", API + path, user, password)
            .PUT(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> send(
      String method, String path, String json, String user, String password) throws Exception {
    HttpRequest.Builder request = request(method, path, user, password);
    if (json != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String method, String path, String user, String password) {
    return requestTo(server.server.uri() + path, user, password);
  }

  private static HttpRequest.Builder requestTo(String url, String user, String password) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      String pair = user + ":" + password;
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private static String body(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> res) throws Exception {
    return JSON.readTree(res.body());
  }
}
