package dev.helios.git.security;

/** What requests without credentials may do, a server-wide setting. */
public enum AnonymousAccess {
  /** Nothing: every request must authenticate. The safe default. */
  NONE,
  /** Clone and fetch any repository. */
  READ,
  /** Clone, fetch and push to any repository; for throwaway local servers only. */
  WRITE;

  /** Whether this setting lets an anonymous request do what {@code needed} permits. */
  public boolean allows(Role needed) {
    switch (this) {
      case READ:
        return needed == Role.READ;
      case WRITE:
        return needed == Role.READ || needed == Role.WRITE;
      default:
        return false;
    }
  }
}
