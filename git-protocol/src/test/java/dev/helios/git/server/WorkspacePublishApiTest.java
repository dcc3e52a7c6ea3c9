package dev.helios.git.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/workspaces/NAME/publish} over real HTTP on loopback. */
@Tag("integration")
class WorkspacePublishApiTest {
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
    assertThat(server.admin("POST", "/api/v1/repos", "{\"name\":\"app\"}").statusCode())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void publish_committedWorkspace_branchIsFetchable() throws Exception {
    send("POST", API, "{\"name\":\"demo\"}", "admin", server.adminPassword);
    put("/demo/files/docs/README", "hello\n", "admin", server.adminPassword);
    String snapshot = json(send("POST", API + "/demo/commit", "{\"message\":\"first\"}", "admin",
        server.adminPassword)).get("snapshot").asText();

    HttpResponse<byte[]> res = send("POST", API + "/demo/publish",
        "{\"repository\":\"app\",\"branch\":\"feature\"}", "admin", server.adminPassword);
    HttpResponse<byte[]> again = send("POST", API + "/demo/publish",
        "{\"repository\":\"app\",\"branch\":\"feature\",\"snapshot\":\"" + snapshot + "\"}",
        "admin", server.adminPassword);

    assertThat(res.statusCode()).as(body(res)).isEqualTo(200);
    JsonNode doc = json(res);
    String commit = doc.get("commit").asText();
    assertThat(commit).matches("[0-9a-f]{40}");
    assertThat(doc.get("branch").asText()).isEqualTo("feature");
    assertThat(doc.get("previous").isNull()).isTrue();
    assertThat(doc.get("snapshots").get(0).get("snapshot").asText()).isEqualTo(snapshot);
    assertThat(doc.get("snapshots").get(0).get("commit").asText()).isEqualTo(commit);
    assertThat(json(again).get("commit").asText()).isEqualTo(commit);
    assertThat(json(again).get("snapshots")).isEmpty();
    Collection<Ref> refs = Git.lsRemoteRepository().setRemote(server.gitUrl("app"))
        .setCredentialsProvider(
            new UsernamePasswordCredentialsProvider("admin", server.adminPassword))
        .call();
    assertThat(refs).anySatisfy(r -> {
      assertThat(r.getName()).isEqualTo("refs/heads/feature");
      assertThat(r.getObjectId().name()).isEqualTo(commit);
    });
    assertThat(body(send("GET", "/api/v1/audit?n=5", null, "admin", server.adminPassword)))
        .contains("ws.publish");
  }

  @Test
  void publish_withoutWriteAccess_is403_andWithItSucceeds() throws Exception {
    createUser("alice");
    send("POST", API, "{\"name\":\"mine\"}", "alice", "alice-password");
    put("/mine/files/a", "x", "alice", "alice-password");
    send("POST", API + "/mine/commit", "{\"message\":\"m\"}", "alice", "alice-password");
    String body = "{\"repository\":\"app\"}";

    HttpResponse<byte[]> refused = send("POST", API + "/mine/publish", body, "alice",
        "alice-password");
    grant("alice", "app", "read");
    HttpResponse<byte[]> readOnly = send("POST", API + "/mine/publish", body, "alice",
        "alice-password");
    grant("alice", "app", "write");
    HttpResponse<byte[]> allowed = send("POST", API + "/mine/publish", body, "alice",
        "alice-password");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(body(refused)).contains("no write access to app");
    assertThat(readOnly.statusCode()).isEqualTo(403);
    assertThat(allowed.statusCode()).as(body(allowed)).isEqualTo(200);
    assertThat(json(allowed).get("branch").asText()).isEqualTo("main");
  }

  @Test
  void publish_otherUsersWorkspace_is403() throws Exception {
    createUser("bob");
    grant("bob", "app", "write");
    send("POST", API, "{\"name\":\"adminsws\"}", "admin", server.adminPassword);
    put("/adminsws/files/a", "x", "admin", server.adminPassword);
    send("POST", API + "/adminsws/commit", "{\"message\":\"m\"}", "admin", server.adminPassword);

    HttpResponse<byte[]> res = send("POST", API + "/adminsws/publish",
        "{\"repository\":\"app\"}", "bob", "bob-password");

    assertThat(res.statusCode()).isEqualTo(403);
  }

  @Test
  void publish_notAFastForward_is409_andErrorsMap() throws Exception {
    send("POST", API, "{\"name\":\"one\"}", "admin", server.adminPassword);
    put("/one/files/a", "1", "admin", server.adminPassword);
    send("POST", API + "/one/commit", "{\"message\":\"one\"}", "admin", server.adminPassword);
    send("POST", API, "{\"name\":\"two\"}", "admin", server.adminPassword);
    put("/two/files/a", "2", "admin", server.adminPassword);
    send("POST", API + "/two/commit", "{\"message\":\"two\"}", "admin", server.adminPassword);
    send("POST", API, "{\"name\":\"empty\"}", "admin", server.adminPassword);
    String body = "{\"repository\":\"app\",\"branch\":\"main\"}";

    HttpResponse<byte[]> first = send("POST", API + "/one/publish", body, "admin",
        server.adminPassword);
    HttpResponse<byte[]> unrelated = send("POST", API + "/two/publish", body, "admin",
        server.adminPassword);
    HttpResponse<byte[]> nothing = send("POST", API + "/empty/publish", body, "admin",
        server.adminPassword);
    HttpResponse<byte[]> noRepo = send("POST", API + "/one/publish",
        "{\"repository\":\"nope\"}", "admin", server.adminPassword);
    HttpResponse<byte[]> noBody = send("POST", API + "/one/publish", "{}", "admin",
        server.adminPassword);
    HttpResponse<byte[]> badBranch = send("POST", API + "/one/publish",
        "{\"repository\":\"app\",\"branch\":\"a..b\"}", "admin", server.adminPassword);
    HttpResponse<byte[]> get = send("GET", API + "/one/publish", null, "admin",
        server.adminPassword);

    assertThat(first.statusCode()).as(body(first)).isEqualTo(200);
    assertThat(unrelated.statusCode()).isEqualTo(409);
    assertThat(body(unrelated)).contains("not a fast-forward");
    assertThat(nothing.statusCode()).isEqualTo(409);
    assertThat(body(nothing)).contains("commit first");
    assertThat(noRepo.statusCode()).isEqualTo(404);
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(badBranch.statusCode()).isEqualTo(400);
    assertThat(get.statusCode()).isEqualTo(405);
  }

  // ---- fixtures ----------------------------------------------------------------------------

  private void createUser(String name) throws Exception {
    HttpResponse<String> res =
        server.admin("POST", "/api/v1/users",
            "{\"name\":\"" + name + "\",\"password\":\"" + name + "-password\",\"admin\":false}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private void grant(String user, String repo, String role) throws Exception {
    HttpResponse<String> res =
        server.admin("POST", "/api/v1/grants",
            "{\"user\":\"" + user + "\",\"repo\":\"" + repo + "\",\"role\":\"" + role + "\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }

  private HttpResponse<byte[]> put(String path, String content, String user, String password)
      throws Exception {
    return HTTP.send(
        request(API + path, user, password)
            .PUT(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> send(
      String method, String path, String json, String user, String password) throws Exception {
    HttpRequest.Builder request = request(path, user, password);
    if (json != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.server.uri() + path))
            .timeout(Duration.ofSeconds(60));
    String pair = user + ":" + password;
    request.header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    return request;
  }

  private static String body(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> res) throws Exception {
    return JSON.readTree(res.body());
  }
}
