package dev.helios.git.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.InvalidRepositoryNameException;
import dev.helios.git.errors.RepositoryExistsException;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.CreatedToken;
import dev.helios.git.security.Principal;
import dev.helios.git.security.Role;
import dev.helios.git.security.UnknownUserException;
import dev.helios.git.security.UserExistsException;
import dev.helios.git.security.UserInfo;
import dev.helios.git.server.ApiDocuments;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.storage.GcResult;
import dev.helios.git.storage.RepositoryInfo;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON admin API under {@code /api/v1}: repositories, users, tokens, grants, the audit log
 * and gc. Thread-safe.
 */
final class ApiServlet extends HttpServlet {
  /*
   * Routes (NAME may contain '/'):
   *   GET    /repos                  repositories the caller can read
   *   POST   /repos {name}           create                          server admin
   *   GET    /repos/NAME             one repository                  READ on NAME
   *   DELETE /repos/NAME             delete                          ADMIN on NAME
   *   GET    /users                  list users                      server admin
   *   POST   /users {name,password,admin}                            server admin
   *   POST   /users/USER/tokens {label} -> {id,secret}               server admin, or USER
   *   POST   /grants {user,repo,role}                                ADMIN on repo
   *   DELETE /grants/USER/REPO                                       ADMIN on REPO
   *   GET    /audit?n=N              the last N records (default 50) server admin
 *   GET    /audit/verify           check the hash chain            server admin
   *   POST   /gc {repo} | {all:true}                                 ADMIN on repo / server admin
   * Errors are {"error": "..."} with 400 (bad input), 401 (+ WWW-Authenticate; no or wrong
   * credentials), 403, 404, 405, 409 (exists), 429 (+ Retry-After) or 500. Request bodies are
   * limited to 64 KiB.
   */

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
  private static final int MAX_BODY = 64 * 1024;
  private static final int DEFAULT_AUDIT_RECORDS = 50;
  private static final int MAX_AUDIT_RECORDS = 10_000;

  private final transient ObjectMapper mapper = new ObjectMapper();
  private final transient Authenticator authenticator;
  private final transient DataDirectory data;
  private final AnonymousAccess anonymous;

  ApiServlet(Authenticator authenticator, DataDirectory data, AnonymousAccess anonymous) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.data = Objects.requireNonNull(data, "data");
    this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    try {
      Authenticator.Outcome outcome = authenticator.authenticate(req);
      if (outcome instanceof Authenticator.Outcome.Throttled t) {
        long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
        res.setHeader("Retry-After", Long.toString(seconds));
        throw new ApiError(429, "too many failed logins from this address; retry in " + seconds
            + " s");
      }
      if (outcome instanceof Authenticator.Outcome.Rejected r) {
        throw new ApiError(401, r.message());
      }
      Optional<Principal> who = Optional.ofNullable(outcome.principal());
      String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
      route(req, res, who, path);
    } catch (ApiError e) {
      error(res, e.status, e.getMessage());
    } catch (InvalidRepositoryNameException e) {
      error(res, 400, e.getMessage());
    } catch (RepositoryNotFoundException | UnknownUserException e) {
      error(res, 404, e.getMessage());
    } catch (RepositoryExistsException | UserExistsException e) {
      error(res, 409, e.getMessage());
    } catch (IllegalArgumentException e) {
      error(res, 400, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
      error(res, 500, "internal error: " + e.getMessage());
    }
  }

  private void route(
      HttpServletRequest req, HttpServletResponse res, Optional<Principal> who, String path)
      throws IOException, ApiError {
    String method = req.getMethod();
    if (path.equals("/repos")) {
      switch (method) {
        case "GET" -> listRepositories(res, who);
        case "POST" -> createRepository(req, res, who);
        default -> throw notAllowed(method, path);
      }
    } else if (path.startsWith("/repos/")) {
      RepositoryName name = RepositoryName.parse(path.substring("/repos/".length()));
      switch (method) {
        case "GET" -> showRepository(res, who, name);
        case "DELETE" -> deleteRepository(res, who, name);
        default -> throw notAllowed(method, path);
      }
    } else if (path.equals("/users")) {
      switch (method) {
        case "GET" -> listUsers(res, who);
        case "POST" -> addUser(req, res, who);
        default -> throw notAllowed(method, path);
      }
    } else if (path.startsWith("/users/") && path.endsWith("/tokens")) {
      String user = path.substring("/users/".length(), path.length() - "/tokens".length());
      if (!method.equals("POST")) {
        throw notAllowed(method, path);
      }
      createToken(req, res, who, user);
    } else if (path.equals("/grants")) {
      if (!method.equals("POST")) {
        throw notAllowed(method, path);
      }
      grant(req, res, who);
    } else if (path.startsWith("/grants/")) {
      if (!method.equals("DELETE")) {
        throw notAllowed(method, path);
      }
      String rest = path.substring("/grants/".length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        throw new ApiError(404, "use DELETE /api/v1/grants/USER/REPO");
      }
      revoke(res, who, rest.substring(0, slash), RepositoryName.parse(rest.substring(slash + 1)));
    } else if (path.equals("/audit/verify")) {
      if (!method.equals("GET")) {
        throw notAllowed(method, path);
      }
      requireServerAdmin(who);
      AuditLog.VerifyResult result = data.audit().verify();
      Optional<AuditRecord> broken =
          result.firstBroken().isPresent()
              ? data.readAuditRecord(result.firstBroken().getAsLong())
              : Optional.empty();
      send(res, 200, ApiDocuments.auditVerify(result, broken));
    } else if (path.equals("/audit")) {
      if (!method.equals("GET")) {
        throw notAllowed(method, path);
      }
      auditTail(req, res, who);
    } else if (path.equals("/gc")) {
      if (!method.equals("POST")) {
        throw notAllowed(method, path);
      }
      gc(req, res, who);
    } else {
      throw new ApiError(404, "no API endpoint " + path);
    }
  }

  private void listRepositories(HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    if (who.isEmpty() && !anonymous.allows(Role.READ)) {
      // An empty list would read as "there are none"; say that credentials are missing.
      throw new ApiError(401, "authentication required");
    }
    List<Map<String, Object>> repositories = new ArrayList<>();
    for (RepositoryInfo info : data.repositories().list()) {
      if (data.security().isAllowed(who, info.name(), Role.READ, anonymous)) {
        repositories.add(ApiDocuments.repository(info));
      }
    }
    send(res, 200, Map.of("repositories", repositories));
  }

  private void createRepository(HttpServletRequest req, HttpServletResponse res,
      Optional<Principal> who) throws IOException, ApiError {
    Principal caller = requireUser(who);
    if (!data.security().mayCreateRepositories(who)) {
      throw new ApiError(403, "user " + caller.user() + " may not create repositories");
    }
    JsonNode body = body(req);
    RepositoryName name = RepositoryName.parse(text(body, "name"));
    send(res, 201, ApiDocuments.repository(data.createRepository(caller.user(), name)));
  }

  private void showRepository(HttpServletResponse res, Optional<Principal> who,
      RepositoryName name) throws IOException, ApiError {
    require(who, name, Role.READ);
    RepositoryInfo info = data.info(name).orElseThrow(() -> new RepositoryNotFoundException(name));
    Map<String, Object> document = ApiDocuments.repository(info);
    document.put(
        "twins", data.repositories().twins().isComplete(name) ? "complete" : "pending");
    send(res, 200, document);
  }

  private void deleteRepository(HttpServletResponse res, Optional<Principal> who,
      RepositoryName name) throws IOException, ApiError {
    Principal caller = require(who, name, Role.ADMIN);
    data.deleteRepository(caller.user(), name);
    send(res, 200, Map.of("deleted", name.value()));
  }

  private void listUsers(HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    requireServerAdmin(who);
    List<Map<String, Object>> users = new ArrayList<>();
    for (UserInfo u : data.security().listUsers()) {
      users.add(ApiDocuments.user(u));
    }
    send(res, 200, Map.of("users", users));
  }

  private void addUser(HttpServletRequest req, HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    Principal caller = requireServerAdmin(who);
    JsonNode body = body(req);
    String name = text(body, "name");
    String password = text(body, "password");
    boolean admin = body.path("admin").asBoolean(false);
    data.security().addUser(caller.user(), name, password.toCharArray(), admin);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("admin", admin);
    send(res, 201, out);
  }

  private void createToken(HttpServletRequest req, HttpServletResponse res,
      Optional<Principal> who, String user) throws IOException, ApiError {
    Principal caller = requireUser(who);
    if (!caller.serverAdmin() && !caller.user().equals(user)) {
      throw new ApiError(403, "user " + caller.user() + " may not create tokens for " + user);
    }
    JsonNode body = body(req);
    String label = body.path("label").asText("");
    CreatedToken token = data.security().createToken(caller.user(), user, label, null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", token.id());
    out.put("secret", token.secret());
    send(res, 201, out);
  }

  private void grant(HttpServletRequest req, HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    JsonNode body = body(req);
    String user = text(body, "user");
    RepositoryName repo = RepositoryName.parse(text(body, "repo"));
    Role role = role(text(body, "role"));
    Principal caller = require(who, repo, Role.ADMIN);
    data.grant(caller.user(), user, repo, role);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("repo", repo.value());
    out.put("role", role.name().toLowerCase(Locale.ROOT));
    send(res, 200, out);
  }

  private void revoke(HttpServletResponse res, Optional<Principal> who, String user,
      RepositoryName repo) throws IOException, ApiError {
    Principal caller = require(who, repo, Role.ADMIN);
    data.security().revoke(caller.user(), user, repo);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("repo", repo.value());
    out.put("revoked", true);
    send(res, 200, out);
  }

  private void auditTail(HttpServletRequest req, HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    requireServerAdmin(who);
    int n = DEFAULT_AUDIT_RECORDS;
    String raw = req.getParameter("n");
    if (raw != null) {
      try {
        n = Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        throw new ApiError(400, "n must be a number: '" + raw + "'");
      }
      if (n < 0 || n > MAX_AUDIT_RECORDS) {
        throw new ApiError(400, "n must be between 0 and " + MAX_AUDIT_RECORDS + ": " + n);
      }
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (AuditRecord r : data.audit().tail(n)) {
      records.add(ApiDocuments.auditRecord(r));
    }
    send(res, 200, Map.of("records", records));
  }

  private void gc(HttpServletRequest req, HttpServletResponse res, Optional<Principal> who)
      throws IOException, ApiError {
    JsonNode body = body(req);
    Optional<RepositoryName> name;
    Principal caller;
    if (body.path("all").asBoolean(false)) {
      caller = requireServerAdmin(who);
      name = Optional.empty();
    } else {
      RepositoryName repo = RepositoryName.parse(text(body, "repo"));
      caller = require(who, repo, Role.ADMIN);
      name = Optional.of(repo);
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (GcResult r : data.gc(caller.user(), name)) {
      results.add(ApiDocuments.gc(r));
    }
    send(res, 200, Map.of("results", results));
  }

  // ---- authorization -----------------------------------------------------------------------

  private static Principal requireUser(Optional<Principal> who) throws ApiError {
    return who.orElseThrow(() -> new ApiError(401, "authentication required"));
  }

  private static Principal requireServerAdmin(Optional<Principal> who) throws ApiError {
    Principal caller = requireUser(who);
    if (!caller.serverAdmin()) {
      throw new ApiError(403, "user " + caller.user() + " is not a server administrator");
    }
    return caller;
  }

  private Principal require(Optional<Principal> who, RepositoryName name, Role role)
      throws IOException, ApiError {
    Principal caller = requireUser(who);
    if (!data.security().isAllowed(who, name, role, AnonymousAccess.NONE)) {
      throw new ApiError(
          403,
          "user " + caller.user() + " has no " + role.name().toLowerCase(Locale.ROOT)
              + " access to " + name);
    }
    return caller;
  }

  // ---- JSON --------------------------------------------------------------------------------

  private JsonNode body(HttpServletRequest req) throws IOException, ApiError {
    byte[] raw = req.getInputStream().readNBytes(MAX_BODY + 1);
    if (raw.length > MAX_BODY) {
      throw new ApiError(413, "request body larger than " + MAX_BODY + " bytes");
    }
    if (raw.length == 0) {
      throw new ApiError(400, "expected a JSON object as the request body");
    }
    try {
      JsonNode node = mapper.readTree(raw);
      if (node == null || !node.isObject()) {
        throw new ApiError(400, "expected a JSON object as the request body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) throws ApiError {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new ApiError(400, "field '" + field + "' is required (a non-empty string)");
    }
    return value.asText();
  }

  static Role role(String raw) throws ApiError {
    try {
      return Role.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "role must be read, write or admin: '" + raw + "'");
    }
  }

  private static void send(HttpServletResponse res, int status, Object document)
      throws IOException {
    HttpResponses.json(res, status, document);
  }

  private static void error(HttpServletResponse res, int status, @Nullable String message)
      throws IOException {
    HttpResponses.jsonError(res, status, message);
  }

  private static ApiError notAllowed(String method, String path) {
    return new ApiError(405, "method " + method + " not allowed on " + path);
  }

  /** An error answer of the API: its status and message; control flow inside this servlet. */
  private static final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
