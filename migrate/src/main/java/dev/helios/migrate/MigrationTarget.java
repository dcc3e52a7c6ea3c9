package dev.helios.migrate;

import dev.helios.git.RepositoryName;
import java.util.Objects;

/**
 * One repository to migrate: where from and under which name.
 *
 * @param source the source as given: a local path (bare or with a work tree), a {@code file://}
 *     or {@code http(s)://} URL, or a {@code .bundle} file
 * @param kind what the source is
 * @param name the target repository's name in Helios
 */
public record MigrationTarget(String source, SourceKind kind, RepositoryName name) {
  /** The kinds of source. */
  public enum SourceKind {
    /** A repository on this machine, bare or with a work tree, given by path. */
    LOCAL,
    /** A {@code file://} URL. */
    FILE_URL,
    /** An {@code http://} or {@code https://} URL of a smart-HTTP server. */
    HTTP,
    /** A Git bundle file. */
    BUNDLE
  }

  public MigrationTarget {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}
