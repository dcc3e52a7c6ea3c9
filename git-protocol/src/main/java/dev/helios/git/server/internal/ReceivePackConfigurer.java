package dev.helios.git.server.internal;

import dev.helios.engine.audit.AuditLog;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;

/**
 * Creates the {@link ReceivePack} of a push: objects are checked, the pack size is limited,
 * protected branches are guarded, and every updated ref is audited. Thread-safe.
 */
final class ReceivePackConfigurer implements ReceivePackFactory<HttpServletRequest> {
  /*
   * GitAccessFilter has already checked WRITE access; a request gets here only through it.
   * Anonymous pushes (anonymous access WRITE) are recorded as AuditEvent.ANONYMOUS.
   *
   * The size limit is the repository's receive.maxPackBytes when set, else the server's. JGit
   * counts the pack bytes as they stream in and aborts with TooLargePackException before any
   * ref moves, so an over-limit push leaves the repository unchanged (the partial pack is never
   * committed to the pack list). The client sees "unpack error: Pack exceeds the limit of N
   * bytes" and every ref reported as rejected.
   *
   * Atomic pushes: JGit advertises "atomic" (the ref database performs atomic transactions) and,
   * when the client asks for it (git push --atomic), fails every command as soon as one is
   * rejected, including rejections by our pre-receive hook; ReceivePack sets that per request.
   */

  private final RepositoryStore repositories;
  private final AuditLog audit;
  private final long maxPackBytes;

  ReceivePackConfigurer(RepositoryStore repositories, AuditLog audit, long maxPackBytes) {
    this.repositories = Objects.requireNonNull(repositories, "repositories");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.maxPackBytes = maxPackBytes;
  }

  @Override
  public ReceivePack create(HttpServletRequest req, Repository db)
      throws ServiceNotEnabledException, ServiceNotAuthorizedException {
    Object name = req.getAttribute(GitAccessFilter.NAME);
    if (!(name instanceof RepositoryName repository)) {
      // Only reachable if the access filter is not in front of the servlet.
      throw new ServiceNotAuthorizedException();
    }
    String user = req.getRemoteUser() == null ? "anonymous" : req.getRemoteUser();
    String address = req.getRemoteAddr();

    ReceivePack rp = new ReceivePack(db);
    rp.setRefLogIdent(new PersonIdent(user, user + "@" + address));
    rp.setCheckReceivedObjects(true);
    rp.setAllowCreates(true);
    rp.setAllowDeletes(true);
    rp.setAllowBranchDeletes(true);
    rp.setAllowNonFastForwards(true);
    rp.setAllowPushOptions(true);
    rp.setMaxPackSizeLimit(db.getConfig().getLong("receive", null, "maxPackBytes", maxPackBytes));
    rp.setPreReceiveHook(new ProtectedBranchHook());
    rp.setPostReceiveHook(new PushRecorder(repositories, audit, repository, user, address));
    return rp;
  }
}
