package dev.helios.migrate.internal;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A repository's migration failed for a reason that its message says in one line. */
public final class MigrationFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure whose message is the whole reason. */
  public MigrationFailure(String reason) {
    super(reason);
  }

  /** A failure whose message is the whole reason, keeping its cause. */
  public MigrationFailure(String reason, @Nullable Throwable cause) {
    super(reason, cause);
  }
}
