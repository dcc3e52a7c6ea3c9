package dev.helios.git.storage;

import dev.helios.git.RepositoryName;
import java.time.Instant;
import java.util.Objects;

/**
 * A summary of one stored repository, as listed by {@link RepositoryStore#list()}. Immutable.
 *
 * @param name the repository name
 * @param head the target of {@code HEAD}: a ref name such as {@code refs/heads/main} when
 *     symbolic (the usual case), otherwise the hex object id it points at
 * @param packCount the number of packs in its current pack list
 * @param packBytes the total size in bytes of its pack and index files (all extensions), before
 *     deduplication in the chunk store
 * @param created when the repository was created
 */
public record RepositoryInfo(
    RepositoryName name, String head, int packCount, long packBytes, Instant created) {
  /** Checks nullness and ranges. */
  public RepositoryInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(created, "created");
    if (packCount < 0 || packBytes < 0) {
      throw new IllegalArgumentException(
          "packCount and packBytes must be >= 0: " + packCount + ", " + packBytes);
    }
  }
}
