package dev.helios.migrate;

import java.time.Instant;
import java.util.List;

/**
 * What a migration run did, repository by repository, with totals.
 *
 * @param repositories one result per target, in the order given
 * @param started when the run started
 * @param millis how long it took
 */
public record MigrationReport(List<RepositoryResult> repositories, Instant started, long millis) {
  public MigrationReport {
    repositories = List.copyOf(repositories);
  }

  /** Repositories imported and verified now. */
  public long done() {
    return count(RepositoryResult.Status.DONE);
  }

  /** Repositories that failed. */
  public long failed() {
    return count(RepositoryResult.Status.FAILED);
  }

  /** Repositories done by an earlier run. */
  public long skipped() {
    return count(RepositoryResult.Status.SKIPPED);
  }

  /** Bytes received from the sources. */
  public long sourceBytes() {
    return repositories.stream().mapToLong(RepositoryResult::sourceBytes).sum();
  }

  /** Bytes of the migrated repositories' packs. */
  public long storedBytes() {
    return repositories.stream().mapToLong(RepositoryResult::storedBytes).sum();
  }

  /** Bytes the run added to the chunk store (after deduplication), where measured. */
  public long newBytes() {
    return repositories.stream().mapToLong(r -> Math.max(0, r.newBytes())).sum();
  }

  /** Whether every repository is done (now or earlier). */
  public boolean succeeded() {
    return failed() == 0;
  }

  private long count(RepositoryResult.Status status) {
    return repositories.stream().filter(r -> r.status() == status).count();
  }
}
