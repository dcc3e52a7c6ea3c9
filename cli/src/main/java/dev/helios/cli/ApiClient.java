package dev.helios.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link Administration} through a server's JSON API ({@code /api/v1}). Thread-safe. */
final class ApiClient implements Administration {
  /*
   * Errors come back as {"error": "..."}; that message becomes the CLI's one line, prefixed with
   * the status when it helps (401 and 403 say whose credentials were refused). Credentials go
   * out as HTTP Basic on every request and are never printed.
   */

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** A user and a password or token. {@link #toString()} hides the secret. */
  record Credentials(String user, String secret) {
    String header() {
      String pair = user + ":" + secret;
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Credentials[user=" + user + ", secret=(hidden)]";
    }
  }

  private final URI base;
  private final @Nullable Credentials credentials;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  ApiClient(URI base, @Nullable Credentials credentials) {
    this.base = base;
    this.credentials = credentials;
  }

  @Override
  public Map<String, Object> createRepository(String name) throws IOException {
    return call("POST", "/repos", Map.of("name", name));
  }

  @Override
  public List<Map<String, Object>> listRepositories() throws IOException {
    return list(call("GET", "/repos", null), "repositories");
  }

  @Override
  public void deleteRepository(String name) throws IOException {
    call("DELETE", "/repos/" + name, null);
  }

  @Override
  public Map<String, Object> addUser(String name, char[] password, boolean admin)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("password", new String(password));
    body.put("admin", admin);
    return call("POST", "/users", body);
  }

  @Override
  public List<Map<String, Object>> listUsers() throws IOException {
    return list(call("GET", "/users", null), "users");
  }

  @Override
  public Map<String, Object> createToken(String user, String label) throws IOException {
    return call("POST", "/users/" + encode(user) + "/tokens", Map.of("label", label));
  }

  @Override
  public void grant(String user, String repository, String role) throws IOException {
    call("POST", "/grants", Map.of("user", user, "repo", repository, "role", role));
  }

  @Override
  public void revoke(String user, String repository) throws IOException {
    call("DELETE", "/grants/" + encode(user) + "/" + repository, null);
  }

  @Override
  public List<Map<String, Object>> auditTail(int n) throws IOException {
    return list(call("GET", "/audit?n=" + n, null), "records");
  }

  @Override
  public Map<String, Object> auditVerify() throws IOException {
    return call("GET", "/audit/verify", null);
  }

  @Override
  public Map<String, Object> gc(Optional<String> repository) throws IOException {
    Map<String, Object> body =
        repository.<Map<String, Object>>map(r -> Map.of("repo", r)).orElse(Map.of("all", true));
    return call("POST", "/gc", body);
  }

  @Override
  public void close() {
    // HttpClient on Java 17 has nothing to close.
  }

  private Map<String, Object> call(String method, String path, @Nullable Object body)
      throws IOException {
    URI uri = URI.create(base + "/api/v1" + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    request.header("Accept", "application/json");
    if (credentials != null) {
      request.header("Authorization", credentials.header());
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliException("cannot connect to " + base + " (is helios serve running?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while calling " + base);
    }
    Map<String, Object> document = parse(response);
    int status = response.statusCode();
    if (status / 100 == 2) {
      return document;
    }
    Object error = document.get("error");
    String message = error != null ? error.toString() : "HTTP " + status + " from " + uri;
    if (status == 401) {
      message = (credentials == null
              ? "the server wants credentials: use --user/--password or HELIOS_USER with"
                  + " HELIOS_PASSWORD or HELIOS_TOKEN"
              : "the server refused the credentials of " + credentials.user())
          + " (" + message + ")";
    }
    throw new CliException(message);
  }

  private static Map<String, Object> parse(HttpResponse<byte[]> response) {
    byte[] raw = response.body();
    if (raw.length == 0) {
      return Map.of();
    }
    try {
      return JSON.readValue(raw, MAP);
    } catch (IOException e) {
      String text = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw)).toString();
      throw new CliException(
          "unexpected answer from " + response.uri() + " (HTTP " + response.statusCode() + "): "
              + text.lines().findFirst().orElse(""));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> document, String field) {
    Object value = document.get(field);
    if (!(value instanceof List<?> items)) {
      throw new CliException("unexpected answer from the server: no '" + field + "' list");
    }
    return (List<Map<String, Object>>) items;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
