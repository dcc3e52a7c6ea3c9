package dev.helios.git.storage;

/**
 * What one sweep of the chunk store did. Immutable.
 *
 * @param chunksDeleted chunks deleted because nothing referred to them: no repository, no other
 *     registered user of the chunk store
 * @param bytesFreed the sum of their (uncompressed) lengths
 */
public record SweepResult(long chunksDeleted, long bytesFreed) {
  /** Checks ranges. */
  public SweepResult {
    if (chunksDeleted < 0 || bytesFreed < 0) {
      throw new IllegalArgumentException(
          "chunksDeleted and bytesFreed must be >= 0: " + chunksDeleted + ", " + bytesFreed);
    }
  }
}
