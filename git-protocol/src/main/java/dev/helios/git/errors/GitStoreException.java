package dev.helios.git.errors;

import dev.helios.git.RepositoryName;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A failure of the repository store that the caller can handle; the message names the repository.
 * Base type of the store's checked errors.
 */
public class GitStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable RepositoryName repository;

  /** Creates an error about {@code repository} (null when it concerns no single repository). */
  public GitStoreException(@Nullable RepositoryName repository, String message) {
    super(message);
    this.repository = repository;
  }

  /** Creates an error about {@code repository}, keeping the cause. */
  public GitStoreException(
      @Nullable RepositoryName repository, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.repository = repository;
  }

  /** The repository the error concerns, or null when it concerns none in particular. */
  public @Nullable RepositoryName repository() {
    return repository;
  }
}
