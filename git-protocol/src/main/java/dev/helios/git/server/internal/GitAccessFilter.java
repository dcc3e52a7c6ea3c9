package dev.helios.git.server.internal;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditLog;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryExistsException;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.Principal;
import dev.helios.git.security.Role;
import dev.helios.git.security.SecurityStore;
import dev.helios.git.storage.RepositoryStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * Guards {@code /git/*}: resolves the repository name, authenticates the caller, checks that the
 * repository exists (creating it on push when configured) and that the caller holds the role the
 * service needs, then hands the open repository to JGit's {@code GitServlet}. Thread-safe.
 */
final class GitAccessFilter extends HttpFilter {
  /*
   * Order of checks, and why:
   *   1. name       400 - says what is wrong with the URL before anything else.
   *   2. credentials 401/429 - wrong credentials are always an error, even where anonymous
   *                  access would do; an anonymous caller whose access is too weak is challenged
   *                  before existence is checked, so unauthenticated callers learn nothing about
   *                  which repositories exist.
   *   3. existence  404, or auto-create on push by a user who may create repositories (anyone
   *                 else still gets 404, exactly as without auto-create).
   *   4. permission 401 for an anonymous caller (so git asks for credentials), else 403.
   * The filter opens the repository and keeps it open for the whole request; the resolver hands
   * GitServlet another reference (Repository.incrementOpen) that GitServlet closes itself.
   *
   * Services: GET info/refs?service=git-upload-pack and POST git-upload-pack need READ;
   * GET info/refs?service=git-receive-pack and POST git-receive-pack need WRITE. Any other path
   * (the dumb protocol, which is disabled) needs READ and then ends in GitServlet's 404/406.
   */

  private static final long serialVersionUID = 1L;

  /** Request attribute holding the open {@link Repository} of the request. */
  static final String REPOSITORY = "dev.helios.git.repository";

  /** Request attribute holding the {@link RepositoryName} of the request. */
  static final String NAME = "dev.helios.git.name";

  /** Request attribute holding the authenticated {@link Principal}, absent when anonymous. */
  static final String PRINCIPAL = "dev.helios.git.principal";

  private static final String[] SERVICE_SUFFIXES = {
    "/info/refs", "/git-upload-pack", "/git-receive-pack"
  };

  private final transient Authenticator authenticator;
  private final transient SecurityStore security;
  private final transient RepositoryStore repositories;
  private final transient AuditLog audit;
  private final AnonymousAccess anonymous;
  private final boolean autoCreate;

  GitAccessFilter(
      Authenticator authenticator,
      SecurityStore security,
      RepositoryStore repositories,
      AuditLog audit,
      AnonymousAccess anonymous,
      boolean autoCreate) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.security = Objects.requireNonNull(security, "security");
    this.repositories = Objects.requireNonNull(repositories, "repositories");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
    this.autoCreate = autoCreate;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String raw = repositoryPath(path);
    if (raw.isEmpty()) {
      HttpResponses.text(res, HttpServletResponse.SC_NOT_FOUND, "no repository in the URL " + path);
      return;
    }
    Optional<String> problem = RepositoryName.problem(raw);
    if (problem.isPresent()) {
      HttpResponses.text(
          res,
          HttpServletResponse.SC_BAD_REQUEST,
          "invalid repository name '" + raw + "': " + problem.get());
      return;
    }
    RepositoryName name = RepositoryName.parse(raw);
    Role needed = isReceivePack(req) ? Role.WRITE : Role.READ;

    Authenticator.Outcome outcome = authenticator.authenticate(req);
    if (outcome instanceof Authenticator.Outcome.Throttled t) {
      HttpResponses.throttled(res, t.retryAfter());
      return;
    }
    if (outcome instanceof Authenticator.Outcome.Rejected r) {
      HttpResponses.challenge(res, r.message());
      return;
    }
    @Nullable Principal who = outcome.principal();
    if (who == null && !anonymous.allows(needed)) {
      HttpResponses.challenge(res, "authentication required for " + name);
      return;
    }

    Optional<Repository> opened = openOrCreate(name, needed, who, req, res);
    if (opened.isEmpty()) {
      return;
    }
    try (Repository repository = opened.get()) {
      if (!security.isAllowed(Optional.ofNullable(who), name, needed, anonymous)) {
        if (who == null) {
          HttpResponses.challenge(res, "authentication required for " + name);
        } else {
          HttpResponses.text(
              res,
              HttpServletResponse.SC_FORBIDDEN,
              "user " + who.user() + " has no " + describe(needed) + " access to " + name);
        }
        return;
      }
      req.setAttribute(REPOSITORY, repository);
      req.setAttribute(NAME, name);
      if (who != null) {
        req.setAttribute(PRINCIPAL, who);
      }
      chain.doFilter(who == null ? req : new AuthenticatedRequest(req, who), res);
    } finally {
      req.removeAttribute(REPOSITORY);
    }
  }

  /**
   * Opens {@code name}, creating it for an auto-create push; when it cannot, sends the answer and
   * returns empty.
   */
  private Optional<Repository> openOrCreate(
      RepositoryName name,
      Role needed,
      @Nullable Principal who,
      HttpServletRequest req,
      HttpServletResponse res)
      throws IOException {
    Optional<Repository> opened = repositories.open(name);
    if (opened.isPresent()) {
      return opened;
    }
    if (autoCreate && needed == Role.WRITE && who == null) {
      HttpResponses.challenge(res, "authentication required to create repository " + name);
      return Optional.empty();
    }
    if (autoCreate && needed == Role.WRITE && security.mayCreateRepositories(Optional.of(who))) {
      return Optional.of(create(name, who, req.getRemoteAddr()));
    }
    // Without auto-create, or for a user who may not create: the repository is not there.
    HttpResponses.text(res, HttpServletResponse.SC_NOT_FOUND, "repository " + name + " not found");
    return Optional.empty();
  }

  private Repository create(RepositoryName name, Principal who, String address)
      throws IOException {
    try {
      Repository created = repositories.create(name);
      audit.append(
          new AuditEvent(who.user(), "repo.create", name.value(), Map.of("via", "push",
              "address", address)));
      return created;
    } catch (RepositoryExistsException e) {
      // Another push created it first; use that one.
      return repositories
          .open(name)
          .orElseThrow(() -> new IOException("repository " + name + " vanished while created", e));
    }
  }

  /** The repository part of a path under {@code /git}: without slashes around it or a service. */
  static String repositoryPath(String pathInfo) {
    String path = pathInfo;
    for (String suffix : SERVICE_SUFFIXES) {
      if (path.endsWith(suffix)) {
        path = path.substring(0, path.length() - suffix.length());
        break;
      }
    }
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    int end = path.length();
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  static boolean isReceivePack(HttpServletRequest req) {
    String uri = req.getRequestURI();
    if (uri.endsWith("/git-receive-pack")) {
      return true;
    }
    return uri.endsWith("/info/refs") && "git-receive-pack".equals(req.getParameter("service"));
  }

  static String describe(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The request as seen by JGit: {@code getRemoteUser()} names the authenticated user. */
  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final Principal who;

    AuthenticatedRequest(HttpServletRequest req, Principal who) {
      super(req);
      this.who = who;
    }

    @Override
    public String getRemoteUser() {
      return who.user();
    }

    @Override
    public String getAuthType() {
      return HttpServletRequest.BASIC_AUTH;
    }
  }
}
