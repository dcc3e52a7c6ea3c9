package dev.helios.git.errors;

import dev.helios.git.RepositoryName;

/** An operation named a repository that does not exist (or was deleted meanwhile). */
public final class RepositoryNotFoundException extends GitStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error for {@code name}. */
  public RepositoryNotFoundException(RepositoryName name) {
    super(name, "repository '" + name + "' does not exist");
  }
}
