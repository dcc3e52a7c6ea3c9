package dev.helios.migrate;

/**
 * Hears how a migration goes, for progress displays and logs. Called from the worker threads
 * (one per repository in flight): implementations must be thread-safe and quick.
 */
public interface MigrationListener {
  /** What a repository's migration is doing. */
  enum Phase {
    /** Waiting for a worker. */
    QUEUED,
    /** Reading the source's refs and checking it is complete (not shallow or partial). */
    CONNECTING,
    /** Receiving objects. */
    FETCHING,
    /** Comparing refs and object counts with the source. */
    VERIFYING,
    /** Building the BLAKE3 twins. */
    TWINNING,
    /** Running the full verification ({@code --verify full}). */
    VERIFYING_FULL
  }

  /** A repository entered {@code phase}. */
  default void phase(MigrationTarget target, Phase phase) {}

  /** Progress within the current phase: objects and bytes so far, totals when known (else -1). */
  default void progress(MigrationTarget target, long objects, long totalObjects, long bytes) {}

  /** A repository is done, failed or was skipped (already done by an earlier run). */
  default void finished(RepositoryResult result) {}
}
