package dev.helios.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to migrate.
 *
 * @param jobs repositories migrated at once (at least 1)
 * @param include ref patterns to copy ({@code refs/heads/*}, {@code refs/tags/v1.*}); empty means all
 * @param exclude ref patterns not to copy ({@code refs/pull/*}), applied after {@code include}
 * @param allowIncomplete whether shallow or partial sources are migrated anyway
 * @param fullVerify whether to run the full verification ({@code helios verify --full}) too
 * @param credentials a file of credentials for HTTP sources (see {@link Credentials}), or null
 *     to use the environment ({@code HELIOS_MIGRATE_USER}/{@code HELIOS_MIGRATE_PASSWORD})
 */
public record MigrationOptions(
    int jobs,
    List<String> include,
    List<String> exclude,
    boolean allowIncomplete,
    boolean fullVerify,
    @Nullable Path credentials) {
  public MigrationOptions {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
    }
    include = List.copyOf(Objects.requireNonNull(include, "include"));
    exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
  }
}
