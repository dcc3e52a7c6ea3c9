package dev.helios.git.security;

import java.io.IOException;

/** {@link SecurityStore#addUser} was asked to add a user name that is taken. */
public final class UserExistsException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String user;

  /** Creates the error for the taken name {@code user}. */
  public UserExistsException(String user) {
    super("user '" + user + "' already exists");
    this.user = user;
  }

  /** The name that is taken. */
  public String user() {
    return user;
  }
}
