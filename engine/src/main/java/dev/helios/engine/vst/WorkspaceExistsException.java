package dev.helios.engine.vst;

import java.io.IOException;

/** A workspace (or branch) cannot be created because one of that name exists. */
public final class WorkspaceExistsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message naming what exists. */
  public WorkspaceExistsException(String message) {
    super(message);
  }
}
