package dev.helios.engine.vst;

import java.io.IOException;

/** The named workspace (or branch of a workspace) does not exist. */
public final class NoSuchWorkspaceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message naming what is missing. */
  public NoSuchWorkspaceException(String message) {
    super(message);
  }
}
