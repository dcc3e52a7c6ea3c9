package dev.helios.git.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

/**
 * Hands {@code GitServlet} the repository {@link GitAccessFilter} opened and checked for this
 * request. Stateless and thread-safe.
 */
final class RequestRepositoryResolver implements RepositoryResolver<HttpServletRequest> {
  @Override
  public Repository open(HttpServletRequest req, String name) throws RepositoryNotFoundException {
    Object repository = req.getAttribute(GitAccessFilter.REPOSITORY);
    if (!(repository instanceof Repository db)) {
      // Only reachable if the filter is not mapped in front of the servlet.
      throw new RepositoryNotFoundException(name);
    }
    // GitServlet closes what it resolves; the filter keeps its own reference until the end.
    db.incrementOpen();
    return db;
  }
}
