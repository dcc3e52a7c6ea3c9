package dev.helios.git.storage.internal;

import dev.helios.git.errors.GitStoreException;
import org.jspecify.annotations.Nullable;

/** A stored pack list does not decode; the message names the repository. */
final class CorruptPackListException extends GitStoreException {
  private static final long serialVersionUID = 1L;

  CorruptPackListException(String where, @Nullable String problem) {
    super(null, "corrupt pack list of " + where + ": " + problem);
  }

  CorruptPackListException(String where, @Nullable String problem, Throwable cause) {
    super(null, "corrupt pack list of " + where + ": " + problem, cause);
  }
}
