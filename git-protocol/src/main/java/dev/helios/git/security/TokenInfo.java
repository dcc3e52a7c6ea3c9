package dev.helios.git.security;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An access token as {@link SecurityStore#listTokens} shows it; never the secret. Immutable.
 *
 * @param id the token's public identifier
 * @param user the user the token authenticates as
 * @param label what the user called it (for example the machine it lives on)
 * @param created when it was created
 * @param expires when it stops working, or null when it does not expire
 */
public record TokenInfo(
    String id, String user, String label, Instant created, @Nullable Instant expires) {
  /** Validates. @throws NullPointerException if a non-nullable reference is null */
  public TokenInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(created, "created");
  }

  /** Whether the token has expired at {@code now} (it stops working at {@code expires}). */
  public boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }
}
