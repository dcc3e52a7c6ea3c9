package dev.helios.git.errors;

import dev.helios.git.RepositoryName;

/** A repository could not be created because one of that name already exists. */
public final class RepositoryExistsException extends GitStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error for {@code name}. */
  public RepositoryExistsException(RepositoryName name) {
    super(name, "repository '" + name + "' already exists");
  }
}
