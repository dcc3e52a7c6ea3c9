package dev.helios.git.security;

import java.util.Objects;

/**
 * An authenticated user, as {@link SecurityStore#authenticate} returns it. Anonymous requests
 * have no principal: call sites use {@code Optional.empty()}. Immutable.
 *
 * @param user the user name
 * @param serverAdmin whether the user administers the whole server (all repositories, users)
 */
public record Principal(String user, boolean serverAdmin) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code user} is not a valid user name
   */
  public Principal {
    SecurityStore.checkUserName(Objects.requireNonNull(user, "user"));
  }
}
