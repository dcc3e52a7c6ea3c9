package dev.helios.git.server;

import dev.helios.engine.SyncPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** A Helios server on 127.0.0.1 with an ephemeral port over a temporary data directory. */
final class TestServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  final HeliosServer server;
  final String adminPassword;

  private TestServer(HeliosServer server) {
    this.server = server;
    this.adminPassword = server.initialAdminPassword().orElseThrow();
  }

  static TestServer start(Path dir) throws IOException {
    return start(dir, b -> b);
  }

  static TestServer start(Path dir, UnaryOperator<ServerConfig.Builder> customize)
      throws IOException {
    ServerConfig config =
        customize
            .apply(
                ServerConfig.builder()
                    .dataDirectory(dir.resolve("data"))
                    .port(0)
                    .syncPolicy(SyncPolicy.WAL))
            .build();
    return new TestServer(HeliosServer.start(config, line -> {}));
  }

  String gitUrl(String name) {
    return server.uri() + "/git/" + name + ".git";
  }

  HttpResponse<String> get(String path, String user, String password) throws Exception {
    return send("GET", path, user, password, null);
  }

  HttpResponse<String> send(String method, String path, String user, String password, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30));
    if (user != null) {
      String pair = user + ":" + password;
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> admin(String method, String path, String json) throws Exception {
    return send(method, path, "admin", adminPassword, json);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
