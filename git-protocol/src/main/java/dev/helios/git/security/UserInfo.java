package dev.helios.git.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as {@link SecurityStore#listUsers()} shows it; never the password. Immutable.
 *
 * @param name the user name
 * @param serverAdmin whether the user administers the whole server
 * @param created when the user was added
 */
public record UserInfo(String name, boolean serverAdmin, Instant created) {
  /** Validates. @throws NullPointerException if a reference is null */
  public UserInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
  }
}
