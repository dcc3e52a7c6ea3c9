package dev.helios.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A small client of the Helios HTTP endpoints: the JSON admin API under {@code /api/v1} and raw
 * probes of the smart HTTP URLs, for asserting status codes and headers that git hides.
 * Thread-safe.
 */
final class HeliosApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Supplier<URI> baseUri;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** {@code baseUri} is asked on every call, so that a restarted server's new port is used. */
  HeliosApi(Supplier<URI> baseUri) {
    this.baseUri = baseUri;
  }

  /** One HTTP exchange: status, body and the response for its headers. */
  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return raw.request().method() + " " + raw.request().uri() + " -> " + status + " " + body;
    }
  }

  /** A token as created: its id and the secret usable as a password. */
  record Token(String id, String secret) {}

  /** Creates repository {@code name} as {@code user}; asserts a 2xx answer. */
  JsonNode createRepo(Credentials user, String name) {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    return expectSuccess(send("POST", "/api/v1/repos", user, body)).json();
  }

  /** Deletes repository {@code name}; returns the response whatever its status. */
  Response deleteRepo(Credentials user, String name) {
    return send("DELETE", "/api/v1/repos/" + name, user, null);
  }

  /** Lists repositories; returns the response whatever its status. */
  Response listRepos(Credentials user) {
    return send("GET", "/api/v1/repos", user, null);
  }

  /** Creates a user with a password; asserts a 2xx answer. */
  void createUser(Credentials admin, String name, String password, boolean isAdmin) {
    ObjectNode body =
        JSON.createObjectNode().put("name", name).put("password", password).put("admin", isAdmin);
    expectSuccess(send("POST", "/api/v1/users", admin, body));
  }

  /** Creates an access token for {@code user}; asserts a 2xx answer with an id and a secret. */
  Token createToken(Credentials caller, String user, String label) {
    ObjectNode body = JSON.createObjectNode().put("label", label);
    JsonNode json =
        expectSuccess(send("POST", "/api/v1/users/" + user + "/tokens", caller, body)).json();
    if (!json.hasNonNull("secret") || !json.hasNonNull("id")) {
      throw new AssertionError("token response without id or secret: " + json);
    }
    return new Token(json.get("id").asText(), json.get("secret").asText());
  }

  /** Grants {@code role} (read, write or admin) on {@code repo} to {@code user}. */
  void grant(Credentials admin, String user, String repo, String role) {
    ObjectNode body = JSON.createObjectNode().put("user", user).put("repo", repo).put("role", role);
    expectSuccess(send("POST", "/api/v1/grants", admin, body));
  }

  /**
   * GETs {@code path} (such as {@code /git/x.git/info/refs?service=git-upload-pack}) with the given
   * credentials, or none when {@code user} is null.
   */
  Response get(String path, Credentials user) {
    return send("GET", path, user, null);
  }

  /** Sends one request; {@code user} and {@code body} may be null. */
  Response send(String method, String path, Credentials user, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri.get() + path)).timeout(TIMEOUT);
    if (user != null) {
      request.header("Authorization", user.basicHeader());
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(
          method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during " + method + " " + path, e);
    }
  }

  private static Response expectSuccess(Response response) {
    if (response.status() / 100 != 2) {
      throw new AssertionError("expected a 2xx answer: " + response);
    }
    return response;
  }
}
