package dev.helios.git.server.internal;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditLog;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a push: one audit record per updated ref, then tells the store a pack arrived (which may
 * compact the repository). Confined to the request's thread.
 */
final class PushRecorder implements PostReceiveHook {
  /*
   * The refs have moved when this runs, so nothing here may fail the push: a failure to audit or
   * to compact is logged and reported to the client as a warning line, never thrown.
   */

  private static final Logger LOG = LoggerFactory.getLogger(PushRecorder.class);

  private final RepositoryStore repositories;
  private final AuditLog audit;
  private final RepositoryName repository;
  private final String user;
  private final String address;

  PushRecorder(
      RepositoryStore repositories,
      AuditLog audit,
      RepositoryName repository,
      String user,
      String address) {
    this.repositories = repositories;
    this.audit = audit;
    this.repository = repository;
    this.user = user;
    this.address = address;
  }

  @Override
  public void onPostReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    if (commands.isEmpty()) {
      return;
    }
    try {
      for (ReceiveCommand cmd : commands) {
        audit.append(
            new AuditEvent(
                user,
                "push",
                repository.value(),
                Map.of(
                    "ref", cmd.getRefName(),
                    "old", cmd.getOldId().name(),
                    "new", cmd.getNewId().name(),
                    "type", cmd.getType().name().toLowerCase(java.util.Locale.ROOT),
                    "address", address)));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("push to {} by {} succeeded but could not be audited", repository, user, e);
      rp.sendMessage("warning: the push succeeded but could not be written to the audit log");
    }
    try {
      repositories.packReceived(repository);
    } catch (RuntimeException e) {
      LOG.warn("compaction of {} after a push failed", repository, e);
    }
  }
}
