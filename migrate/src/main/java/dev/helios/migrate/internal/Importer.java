package dev.helios.migrate.internal;

import dev.helios.git.RepositoryName;
import dev.helios.migrate.MigrationListener;
import java.io.IOException;

/** Copies one opened source into a target and verifies the copy. Thread-safe. */
public interface Importer {
  /** What an import did. */
  record Outcome(int refs, long objects, long sourceBytes, long storedBytes, long newBytes, String verify) {}

  /** Whether the target holds a repository called {@code name}. */
  boolean exists(RepositoryName name) throws IOException;

  /** Deletes the target's repository {@code name} (a half-imported one); absent is fine. */
  void discard(RepositoryName name) throws IOException;

  /**
   * Creates repository {@code name}, copies {@code source} into it, and verifies the copy.
   *
   * @throws MigrationFailure if the copy fails or does not verify, naming the reason in one line
   * @throws IOException if the target cannot be read or written
   */
  Outcome run(RepositoryName name, SourceRepository source, RefFilter filter, MigrationListener listener)
      throws IOException;
}
