package dev.helios.engine.errors;

import java.io.IOException;

/** A storage failure the caller can handle; the message names the store and the object. */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an error with a message that names what failed. */
  public StoreException(String message) {
    super(message);
  }

  /** Creates an error with a message that names what failed, keeping the cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
