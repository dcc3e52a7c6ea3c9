package dev.helios.migrate;

import org.jspecify.annotations.Nullable;

/**
 * How one repository's migration ended.
 *
 * @param target what was migrated
 * @param status how it ended
 * @param refs refs copied
 * @param objects objects reachable from the copied refs
 * @param sourceBytes bytes received from the source (the pack as sent)
 * @param storedBytes bytes of the repository's packs in Helios
 * @param newBytes bytes the repository added to the chunk store (what deduplication did not
 *     find already stored); -1 when not measured
 * @param millis how long it took
 * @param verify the verification result, e.g. {@code "refs+objects+twins"} or {@code "full"}
 * @param failure why it failed, one line; null unless {@code status} is FAILED
 */
public record RepositoryResult(
    MigrationTarget target,
    Status status,
    int refs,
    long objects,
    long sourceBytes,
    long storedBytes,
    long newBytes,
    long millis,
    String verify,
    @Nullable String failure) {
  /** How a repository's migration ended. */
  public enum Status {
    /** Imported and verified. */
    DONE,
    /** Not imported, or imported but not verified; {@code failure} says why. */
    FAILED,
    /** Already done by an earlier run; nothing was done now. */
    SKIPPED
  }
}
