package dev.helios.git.server.internal;

import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.inspect.ArchiveFormat;
import dev.helios.git.inspect.ArchiveWriter;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.Principal;
import dev.helios.git.security.Role;
import dev.helios.git.server.DataDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archive downloads: {@code GET /api/v1/repos/NAME/archive/REV.(tar|tar.gz|tgz|tar.zst|zip)}
 * streams the tree of revision REV of repository NAME, for callers with read access (as for a
 * fetch). Other requests pass on to the JSON API. Thread-safe.
 */
final class ArchiveFilter extends HttpFilter {
  /*
   * A filter in front of ApiServlet rather than a route inside it, because NAME and REV may both
   * hold '/': a path under /repos/ is an archive request when it has an "/archive/" segment and
   * is not itself the name of an existing repository ("team/archive/x" stays a repository). The
   * first "/archive/" whose left side is a valid repository name splits it.
   *
   * Answers: 200 with the archive (Content-Disposition names NAME-REV.suffix); 400 bad name or
   * suffix; 401 (+ WWW-Authenticate) no or wrong credentials when anonymous reads are off; 403;
   * 404 unknown repository or revision; 405 not GET; 429. Errors before the first byte are
   * {"error": "..."} like the rest of the API; a failure while streaming aborts the response.
   */

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveFilter.class);
  private static final String REPOS = "/repos/";
  private static final String ARCHIVE = "/archive/";

  private final transient Authenticator authenticator;
  private final transient DataDirectory data;
  private final AnonymousAccess anonymous;

  ArchiveFilter(Authenticator authenticator, DataDirectory data, AnonymousAccess anonymous) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.data = Objects.requireNonNull(data, "data");
    this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    Optional<Target> target = target(path);
    if (target.isEmpty()) {
      chain.doFilter(req, res);
      return;
    }
    try {
      serve(req, res, target.get());
    } catch (RepositoryNotFoundException e) {
      error(res, 404, e.getMessage());
    } catch (IllegalArgumentException e) {
      // twins.snapshot's "no revision 'x' in repository 'y'"
      error(res, 404, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
      if (res.isCommitted()) {
        throw e; // the archive is half sent: let the container abort the response
      }
      error(res, 500, "internal error: " + e.getMessage());
    }
  }

  private void serve(HttpServletRequest req, HttpServletResponse res, Target target)
      throws IOException {
    if (!req.getMethod().equals("GET")) {
      error(res, 405, "method " + req.getMethod() + " not allowed on an archive");
      return;
    }
    Authenticator.Outcome outcome = authenticator.authenticate(req);
    if (outcome instanceof Authenticator.Outcome.Throttled t) {
      long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
      res.setHeader("Retry-After", Long.toString(seconds));
      error(res, 429, "too many failed logins from this address; retry in " + seconds + " s");
      return;
    }
    if (outcome instanceof Authenticator.Outcome.Rejected r) {
      error(res, 401, r.message());
      return;
    }
    @Nullable Principal who = outcome.principal();
    if (who == null && !anonymous.allows(Role.READ)) {
      error(res, 401, "authentication required for " + target.raw());
      return;
    }
    Optional<String> problem = RepositoryName.problem(target.raw());
    if (problem.isPresent()) {
      error(res, 400, "invalid repository name '" + target.raw() + "': " + problem.get());
      return;
    }
    RepositoryName name = RepositoryName.parse(target.raw());
    if (data.info(name).isEmpty()) {
      error(res, 404, "repository " + name + " not found");
      return;
    }
    if (!data.security().isAllowed(Optional.ofNullable(who), name, Role.READ, anonymous)) {
      if (who == null) {
        error(res, 401, "authentication required for " + name);
      } else {
        error(res, 403, "user " + who.user() + " has no read access to " + name);
      }
      return;
    }
    Optional<ArchiveFormat> format = ArchiveFormat.forFileName(target.file());
    if (format.isEmpty()) {
      error(res, 400, "unknown archive type '" + target.file() + "': use REV followed by one of "
          + ArchiveFormat.allSuffixes());
      return;
    }
    String revision = ArchiveFormat.stripSuffix(target.file());
    Hash snapshot = data.repositories().twins().snapshot(name, revision);
    res.setStatus(200);
    res.setContentType(format.get().contentType());
    res.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(name, revision)
        + format.get().suffix() + "\"");
    res.setHeader("Cache-Control", "no-store");
    new ArchiveWriter(data.storage().workspaces())
        .write(snapshot, format.get(), res.getOutputStream());
  }

  /**
   * Splits {@code path} (the path under {@code /api/v1}) into repository and file, or empty when
   * it is not an archive request.
   */
  private Optional<Target> target(String path) throws IOException {
    if (!path.startsWith(REPOS) || !path.contains(ARCHIVE)) {
      return Optional.empty();
    }
    String rest = path.substring(REPOS.length());
    if (RepositoryName.problem(rest).isEmpty() && data.info(RepositoryName.parse(rest)).isPresent()) {
      return Optional.empty(); // a repository whose name has an "archive" segment
    }
    int from = 0;
    int at;
    String first = null;
    while ((at = rest.indexOf(ARCHIVE, from)) >= 0) {
      String name = rest.substring(0, at);
      String file = rest.substring(at + ARCHIVE.length());
      if (RepositoryName.problem(name).isEmpty() && !file.isEmpty()) {
        return Optional.of(new Target(name, file));
      }
      if (first == null) {
        first = name;
      }
      from = at + 1;
    }
    return first == null ? Optional.empty() : Optional.of(new Target(first, ""));
  }

  // A file name for the download: the last segment of the name and the revision, with every
  // character a header or a file system might mind replaced.
  static String fileName(RepositoryName name, String revision) {
    String base = name.value().substring(name.value().lastIndexOf('/') + 1);
    return (base + "-" + revision).replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static void error(HttpServletResponse res, int status, @Nullable String message)
      throws IOException {
    HttpResponses.jsonError(res, status, message);
  }

  /** The repository part (not yet validated) and the REV.SUFFIX part of an archive path. */
  private record Target(String raw, String file) {}
}
