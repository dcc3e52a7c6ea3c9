package dev.helios.migrate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.git.RepositoryName;
import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationListener.Phase;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Imports into a running server: creates the repository through {@code POST /api/v1/repos},
 * pushes the copied refs over smart HTTP to {@code /git/NAME.git}, and compares the refs the
 * server then advertises with the source's. Sources that are not on this machine are first
 * fetched into a scratch repository under the state directory, deleted afterwards. The server
 * builds the twins after the push; HEAD stays at the server's default branch (the API has no
 * way to set it). Thread-safe.
 */
public final class ServerImporter implements Importer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI server;
  private final String user;
  private final String secret;
  private final Path scratch;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();

  /** An importer into {@code server}, with scratch repositories under {@code scratch}. */
  public ServerImporter(URI server, String user, String secret, Path scratch) {
    String text = server.toString();
    this.server = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.user = user;
    this.secret = secret;
    this.scratch = scratch;
  }

  @Override
  public boolean exists(RepositoryName name) throws IOException {
    return send("GET", "/api/v1/repos/" + name.value(), null).statusCode() == 200;
  }

  @Override
  public void discard(RepositoryName name) throws IOException {
    int status = send("DELETE", "/api/v1/repos/" + name.value(), null).statusCode();
    if (status / 100 != 2 && status != 404) {
      throw new MigrationFailure("cannot delete half-imported " + name + " on " + server + ": HTTP " + status);
    }
  }

  @Override
  public Outcome run(RepositoryName name, SourceRepository source, RefFilter filter, MigrationListener listener)
      throws IOException {
    List<String> copied = SourceRepository.copied(source.refs().values(), filter);
    String body = JSON.writeValueAsString(Map.of("name", name.value()));
    HttpResponse<String> created = send("POST", "/api/v1/repos", body);
    if (created.statusCode() == 401) {
      throw new MigrationFailure("authentication failed for " + server);
    }
    if (created.statusCode() / 100 != 2) {
      throw new MigrationFailure(
          "cannot create " + name + " on " + server + ": " + refusal(created.statusCode(), created.body()));
    }
    listener.phase(source.target(), Phase.FETCHING);
    Repository local = source.local();
    Path staging = null;
    try {
      if (local == null) {
        staging = scratch.resolve(UUID.randomUUID().toString());
        local = stage(staging, source, copied, listener);
      }
      push(local, name, copied, listener, source);
    } finally {
      if (staging != null) {
        if (local != null) {
          local.close();
        }
        deleteTree(staging);
      }
    }
    listener.phase(source.target(), Phase.VERIFYING);
    Verification.compareRefs(source.refs(), copied, lsRemote(name));
    long packBytes = -1;
    HttpResponse<String> info = send("GET", "/api/v1/repos/" + name.value(), null);
    if (info.statusCode() == 200) {
      JsonNode node = JSON.readTree(info.body());
      packBytes = node.path("packBytes").asLong(-1);
    }
    long sourceBytes = source.bundle() != null ? Files.size(source.bundle()) : Math.max(0, packBytes);
    return new Outcome(copied.size(), -1, sourceBytes, Math.max(0, packBytes), -1, "refs");
  }

  private static Repository stage(Path dir, SourceRepository source, List<String> copied, MigrationListener listener)
      throws IOException {
    Repository repository;
    try {
      repository = Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
    } catch (GitAPIException e) {
      throw new IOException("cannot create scratch repository " + dir, e);
    }
    if (copied.isEmpty()) {
      return repository;
    }
    List<RefSpec> specs = new ArrayList<>();
    for (String ref : copied) {
      specs.add(new RefSpec("+" + ref + ":" + ref));
    }
    try (Transport transport = source.transport(repository)) {
      transport.setTagOpt(TagOpt.NO_TAGS);
      transport.fetch(new ProgressAdapter(source.target(), listener), specs);
    } catch (TransportException e) {
      repository.close();
      throw SourceRepository.describe(source.target().source(), e);
    }
    return repository;
  }

  private void push(Repository local, RepositoryName name, List<String> copied, MigrationListener listener,
      SourceRepository source) throws IOException {
    if (copied.isEmpty()) {
      return;
    }
    List<RemoteRefUpdate> updates = new ArrayList<>();
    for (String ref : copied) {
      updates.add(new RemoteRefUpdate(local, ref, ref, true, null, null));
    }
    String url = gitUrl(name);
    try (Transport transport = Transport.open(local, new URIish(url))) {
      transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, secret));
      transport.setPushAtomic(true);
      PushResult result = transport.push(new ProgressAdapter(source.target(), listener), updates);
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        RemoteRefUpdate.Status status = update.getStatus();
        if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
          String message = update.getMessage() == null ? "" : ": " + update.getMessage();
          throw new MigrationFailure("server refused " + update.getRemoteName() + " (" + status + message + ")");
        }
      }
    } catch (URISyntaxException e) {
      throw new MigrationFailure("bad server URL " + url, e);
    } catch (TransportException e) {
      throw SourceRepository.describe(url, e);
    }
  }

  private Map<String, ObjectId> lsRemote(RepositoryName name) throws IOException {
    String url = gitUrl(name);
    try (Repository scratchRepo =
            new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
                new org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription("ls-remote"));
        Transport transport = Transport.open(scratchRepo, new URIish(url))) {
      transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, secret));
      try (FetchConnection connection = transport.openFetch()) {
        Map<String, ObjectId> refs = new HashMap<>();
        for (Ref ref : connection.getRefs()) {
          if (ref.getName().startsWith("refs/") && ref.getObjectId() != null) {
            refs.put(ref.getName(), ref.getObjectId());
          }
        }
        return refs;
      }
    } catch (URISyntaxException e) {
      throw new MigrationFailure("bad server URL " + url, e);
    } catch (TransportException e) {
      throw SourceRepository.describe(url, e);
    }
  }

  /**
   * Why the server refused a request: the text of its {@code {"error": …}} body followed by the
   * status, or the body as it is when it is not such a document.
   */
  static String refusal(int status, String body) {
    String text = body == null ? "" : body.strip();
    try {
      JsonNode error = JSON.readTree(text).path("error");
      if (error.isTextual() && !error.asText().isBlank()) {
        text = error.asText();
      }
    } catch (IOException e) {
      // Not JSON (a proxy's error page, say): the body is shown as it is.
    }
    return text.isEmpty() ? "HTTP " + status : text + " (HTTP " + status + ")";
  }

  private String gitUrl(RepositoryName name) {
    return server + "/git/" + name.value() + ".git";
  }

  private HttpResponse<String> send(String method, String path, String json) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(Duration.ofMinutes(2))
            .header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted talking to " + server);
    } catch (IOException e) {
      throw SourceRepository.describe(server.toString(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
