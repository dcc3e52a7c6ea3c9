package dev.helios.git.security;

import dev.helios.git.RepositoryName;
import java.util.Objects;

/**
 * One user's role in one repository, as {@link SecurityStore#grantsOn} lists it. Immutable.
 *
 * @param user the user name
 * @param repository the repository
 * @param role the role granted
 */
public record GrantInfo(String user, RepositoryName repository, Role role) {
  /** Validates. @throws NullPointerException if a reference is null */
  public GrantInfo {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(role, "role");
  }
}
