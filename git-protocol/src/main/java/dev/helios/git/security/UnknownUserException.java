package dev.helios.git.security;

import java.io.IOException;

/** A {@link SecurityStore} change named a user that does not exist. */
public final class UnknownUserException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String user;

  /** Creates the error for the missing user {@code user}. */
  public UnknownUserException(String user) {
    super("no user '" + user + "'");
    this.user = user;
  }

  /** The name that was not found. */
  public String user() {
    return user;
  }
}
