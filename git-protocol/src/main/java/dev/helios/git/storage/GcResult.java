package dev.helios.git.storage;

import dev.helios.git.RepositoryName;
import java.time.Duration;
import java.util.Objects;

/**
 * What one garbage collection of a repository did. Immutable.
 *
 * @param name the repository
 * @param packsBefore packs in its pack list before
 * @param packsAfter packs in its pack list after (packs pushed while gc ran are counted)
 * @param bytesBefore bytes of its pack files (all extensions) before
 * @param bytesAfter bytes of its pack files after
 * @param took the wall-clock time gc took
 */
public record GcResult(
    RepositoryName name,
    int packsBefore,
    int packsAfter,
    long bytesBefore,
    long bytesAfter,
    Duration took) {
  /** Checks nullness. */
  public GcResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(took, "took");
  }
}
