package dev.helios.git.security;

import java.util.Objects;

/**
 * A new access token as {@link SecurityStore#createToken} returns it: the only time its secret
 * is available, because only a hash of it is stored. Immutable. {@link #toString()} hides the
 * secret so that it does not end up in logs by accident.
 *
 * @param id the token's public identifier, for listing and revoking
 * @param secret what the client sends as its password: {@code hel_} and 43 base64url characters
 */
public record CreatedToken(String id, String secret) {
  /** Validates. @throws NullPointerException if a reference is null */
  public CreatedToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "CreatedToken[id=" + id + ", secret=(hidden)]";
  }
}
