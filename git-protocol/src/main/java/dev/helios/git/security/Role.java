package dev.helios.git.security;

/**
 * What a user may do in one repository. Each role includes the ones before it: {@code ADMIN}
 * ⊇ {@code WRITE} ⊇ {@code READ}.
 */
public enum Role {
  /** Clone and fetch. */
  READ,
  /** Push, in addition to {@link #READ}. */
  WRITE,
  /** Manage the repository (its grants, settings, deletion), in addition to {@link #WRITE}. */
  ADMIN;

  /** Whether holding this role permits what {@code other} permits. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }
}
