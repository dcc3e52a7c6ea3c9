package dev.helios.git.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.vst.CommitConflictException;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.NoSuchWorkspaceException;
import dev.helios.engine.vst.WorkspaceExistsException;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.security.Principal;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.workspace.GitTreeImport;
import dev.helios.git.workspace.SnapshotPublisher;
import dev.helios.git.workspace.WorkspaceDocuments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace API under {@code /api/v1/workspaces}: HTTP parsing and error mapping around
 * {@link WorkspaceApi}. Thread-safe.
 */
final class WorkspaceServlet extends HttpServlet {
  /*
   * Routes (WS is a workspace name, PATH a path inside it, REV a branch, HEAD or snapshot id):
   *   GET    /workspaces                              workspaces the caller may use
   *   POST   /workspaces {name, repository?, ref?}    create, empty or from a repository's commit
   *   GET    /workspaces/WS                           one workspace
   *   DELETE /workspaces/WS                           delete it and its branches
   *   PUT    /workspaces/WS/files/PATH[?executable=true|symlink=true]   body: the raw content
   *   GET    /workspaces/WS/files/PATH[?rev=REV]      the raw content; X-Helios-Kind says its kind
   *   DELETE /workspaces/WS/files/PATH                a file or a directory with its contents
   *   GET    /workspaces/WS/tree[/PATH][?rev=REV]     {path, entries}
   *   POST   /workspaces/WS/commit {message, metadata?}   -> {snapshot, branch}
   *   GET    /workspaces/WS/log[?rev=REV&n=N]         {snapshots}, newest first
   *   GET    /workspaces/WS/branches                  {branch, branches}
   *   POST   /workspaces/WS/branches {name}           create at the head and switch to it
   *   POST   /workspaces/WS/checkout {branch}         switch, dropping uncommitted changes
   *   POST   /workspaces/WS/restore {snapshot}        working tree := that snapshot's tree
   *   GET    /workspaces/WS/diff[?from=REV&to=REV]    {changes}; no from: the head; no to: the
   *                                                   working tree
   *   POST   /workspaces/WS/publish {repository, branch?, snapshot?}
   *          -> {commit, branch, previous, snapshots: [{snapshot, commit}], objects,
   *          emptyDirectoriesSkipped}; needs write access to the repository
   * Errors are {"error": "..."}: 400 bad name, path or body; 401 (+ WWW-Authenticate); 403; 404
   * missing workspace, branch, file, snapshot or repository; 405; 409 exists, commit or publish
   * conflict, or a path that is a directory where a file is needed (or the reverse); 413 body
   * too large; 429; 500.
   */

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceServlet.class);

  /** The largest file a PUT accepts, in bytes. */
  static final int MAX_FILE_BYTES = 64 << 20;

  private static final int MAX_JSON_BYTES = 64 * 1024;
  private static final int DEFAULT_LOG = 50;

  private final transient ObjectMapper mapper = new ObjectMapper();
  private final transient Authenticator authenticator;
  private final transient WorkspaceApi api;

  WorkspaceServlet(Authenticator authenticator, DataDirectory data) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.api = new WorkspaceApi(data);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    try {
      Principal caller = authenticate(req, res);
      String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
      route(req, res, caller, path);
    } catch (WorkspaceApi.Refusal e) {
      error(res, e.status(), e.getMessage());
    } catch (NoSuchWorkspaceException | NoSuchFileException | RepositoryNotFoundException
        | GitTreeImport.UnknownRefException e) {
      error(res, 404, e instanceof NoSuchFileException ? "no file '" + e.getMessage() + "'"
          : e.getMessage());
    } catch (MissingChunkException e) {
      error(res, 404, "no snapshot " + e.hash().toHex());
    } catch (WorkspaceExistsException | CommitConflictException
        | SnapshotPublisher.ConflictException e) {
      error(res, 409, e.getMessage());
    } catch (FileSystemException e) {
      error(res, 409, e.getMessage());
    } catch (IllegalArgumentException e) {
      error(res, 400, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
      error(res, 500, "internal error: " + e.getMessage());
    }
  }

  private Principal authenticate(HttpServletRequest req, HttpServletResponse res)
      throws IOException, WorkspaceApi.Refusal {
    Authenticator.Outcome outcome = authenticator.authenticate(req);
    if (outcome instanceof Authenticator.Outcome.Throttled t) {
      long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
      res.setHeader("Retry-After", Long.toString(seconds));
      throw new WorkspaceApi.Refusal(
          429, "too many failed logins from this address; retry in " + seconds + " s");
    }
    if (outcome instanceof Authenticator.Outcome.Rejected r) {
      throw new WorkspaceApi.Refusal(401, r.message());
    }
    Principal caller = outcome.principal();
    if (caller == null) {
      throw new WorkspaceApi.Refusal(401, "authentication required");
    }
    return caller;
  }

  private void route(HttpServletRequest req, HttpServletResponse res, Principal caller, String path)
      throws IOException, WorkspaceApi.Refusal {
    String method = req.getMethod();
    String rest = path.startsWith("/") ? path.substring(1) : path;
    if (rest.isEmpty()) {
      switch (method) {
        case "GET" -> send(res, 200, api.list(caller));
        case "POST" -> {
          JsonNode body = body(req);
          send(res, 201, api.create(caller, text(body, "name"), optionalText(body, "repository"),
              optionalText(body, "ref")));
        }
        default -> throw notAllowed(method, path);
      }
      return;
    }
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    String sub = slash < 0 ? "" : rest.substring(slash + 1);
    if (sub.isEmpty()) {
      switch (method) {
        case "GET" -> send(res, 200, api.show(caller, name));
        case "DELETE" -> send(res, 200, api.delete(caller, name));
        default -> throw notAllowed(method, path);
      }
    } else if (sub.startsWith("files/") || sub.equals("files")) {
      files(req, res, caller, name, sub.substring("files".length()).replaceFirst("^/", ""));
    } else if (sub.equals("tree") || sub.startsWith("tree/")) {
      require(method, "GET", path);
      send(res, 200, api.tree(caller, name, sub.substring("tree".length()), query(req, "rev")));
    } else {
      history(req, res, caller, name, sub, path);
    }
  }

  private void files(
      HttpServletRequest req, HttpServletResponse res, Principal caller, String name, String file)
      throws IOException, WorkspaceApi.Refusal {
    if (file.isEmpty()) {
      throw new WorkspaceApi.Refusal(400, "give a file path: /api/v1/workspaces/" + name
          + "/files/PATH");
    }
    switch (req.getMethod()) {
      case "PUT" -> {
        byte[] content = content(req);
        send(res, 200, api.writeFile(caller, name, file, content, kind(req)));
      }
      case "GET" -> {
        WorkspaceApi.FileContent found = api.readFile(caller, name, file, query(req, "rev"));
        res.setStatus(200);
        res.setContentType("application/octet-stream");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Helios-Kind", WorkspaceDocuments.kind(found.kind()));
        res.setContentLength(found.bytes().length);
        res.getOutputStream().write(found.bytes());
      }
      case "DELETE" -> send(res, 200, api.deleteFile(caller, name, file));
      default -> throw notAllowed(req.getMethod(), req.getPathInfo());
    }
  }

  private void history(HttpServletRequest req, HttpServletResponse res, Principal caller,
      String name, String sub, String path) throws IOException, WorkspaceApi.Refusal {
    String method = req.getMethod();
    switch (sub) {
      case "commit" -> {
        require(method, "POST", path);
        JsonNode body = body(req);
        send(res, 201, api.commit(caller, name, text(body, "message"), metadata(body)));
      }
      case "log" -> {
        require(method, "GET", path);
        send(res, 200, api.log(caller, name, query(req, "rev"), limit(req)));
      }
      case "branches" -> {
        if (method.equals("GET")) {
          send(res, 200, api.branches(caller, name));
        } else {
          require(method, "POST", path);
          send(res, 201, api.branch(caller, name, text(body(req), "name")));
        }
      }
      case "checkout" -> {
        require(method, "POST", path);
        send(res, 200, api.checkout(caller, name, text(body(req), "branch")));
      }
      case "restore" -> {
        require(method, "POST", path);
        send(res, 200, api.restore(caller, name, text(body(req), "snapshot")));
      }
      case "publish" -> {
        require(method, "POST", path);
        JsonNode body = body(req);
        send(res, 200, api.publish(caller, name, text(body, "repository"),
            optionalText(body, "branch"), optionalText(body, "snapshot")));
      }
      case "diff" -> {
        require(method, "GET", path);
        send(res, 200,
            api.diff(caller, name, query(req, "from"), query(req, "to")));
      }
      default -> throw new WorkspaceApi.Refusal(404, "no API endpoint /workspaces/" + name + "/"
          + sub);
    }
  }

  // ---- request parsing ---------------------------------------------------------------------

  private static EntryKind kind(HttpServletRequest req) throws WorkspaceApi.Refusal {
    boolean executable = flag(req, "executable");
    boolean symlink = flag(req, "symlink");
    if (executable && symlink) {
      throw new WorkspaceApi.Refusal(400, "a file cannot be both executable and a symlink");
    }
    return executable ? EntryKind.EXECUTABLE : symlink ? EntryKind.SYMLINK : EntryKind.FILE;
  }

  private static boolean flag(HttpServletRequest req, String name) throws WorkspaceApi.Refusal {
    String raw = query(req, name);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true") || raw.isEmpty()) {
      return true;
    }
    throw new WorkspaceApi.Refusal(400, name + " must be true or false: '" + raw + "'");
  }

  // The query string is parsed here, never with getParameter: for a form-encoded PUT (what
  // curl --data-binary sends) the container would read the file content as form fields.
  private static @Nullable String query(HttpServletRequest req, String name) {
    String raw = req.getQueryString();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static int limit(HttpServletRequest req) throws WorkspaceApi.Refusal {
    String raw = query(req, "n");
    if (raw == null) {
      return DEFAULT_LOG;
    }
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= 0 && n <= WorkspaceApi.MAX_LOG) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, as an out-of-range value is
    }
    throw new WorkspaceApi.Refusal(400, "n must be a number from 0 to " + WorkspaceApi.MAX_LOG
        + ": '" + raw + "'");
  }

  private static byte[] content(HttpServletRequest req) throws IOException, WorkspaceApi.Refusal {
    if (req.getContentLengthLong() > MAX_FILE_BYTES) {
      throw tooLarge();
    }
    byte[] raw = req.getInputStream().readNBytes(MAX_FILE_BYTES + 1);
    if (raw.length > MAX_FILE_BYTES) {
      throw tooLarge();
    }
    return raw;
  }

  private static WorkspaceApi.Refusal tooLarge() {
    return new WorkspaceApi.Refusal(413, "file larger than " + MAX_FILE_BYTES + " bytes");
  }

  private JsonNode body(HttpServletRequest req) throws IOException, WorkspaceApi.Refusal {
    byte[] raw = req.getInputStream().readNBytes(MAX_JSON_BYTES + 1);
    if (raw.length > MAX_JSON_BYTES) {
      throw new WorkspaceApi.Refusal(413, "request body larger than " + MAX_JSON_BYTES + " bytes");
    }
    try {
      JsonNode node = raw.length == 0 ? null : mapper.readTree(raw);
      if (node == null || !node.isObject()) {
        throw new WorkspaceApi.Refusal(400, "expected a JSON object as the request body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new WorkspaceApi.Refusal(400, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) throws WorkspaceApi.Refusal {
    String value = optionalText(body, field);
    if (value == null || value.isEmpty()) {
      throw new WorkspaceApi.Refusal(400, "field '" + field + "' is required (a non-empty string)");
    }
    return value;
  }

  private static @Nullable String optionalText(JsonNode body, String field)
      throws WorkspaceApi.Refusal {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new WorkspaceApi.Refusal(400, "field '" + field + "' must be a string");
    }
    return value.asText();
  }

  private static Map<String, String> metadata(JsonNode body) throws WorkspaceApi.Refusal {
    JsonNode node = body.get("metadata");
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new WorkspaceApi.Refusal(400, "field 'metadata' must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new WorkspaceApi.Refusal(400, "metadata '" + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static void require(String method, String expected, String path)
      throws WorkspaceApi.Refusal {
    if (!method.equals(expected)) {
      throw notAllowed(method, path);
    }
  }

  private static WorkspaceApi.Refusal notAllowed(String method, String path) {
    return new WorkspaceApi.Refusal(405, "method " + method + " not allowed on /workspaces" + path);
  }

  // ---- responses ---------------------------------------------------------------------------

  private static void send(HttpServletResponse res, int status, Object document)
      throws IOException {
    HttpResponses.json(res, status, document);
  }

  private static void error(HttpServletResponse res, int status, @Nullable String message)
      throws IOException {
    HttpResponses.jsonError(res, status, message);
  }
}
