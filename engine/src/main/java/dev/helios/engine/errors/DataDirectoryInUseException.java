package dev.helios.engine.errors;

import java.nio.file.Path;

/**
 * The data directory is locked by another open store: another Helios process, or another store
 * in this process, holds it. Retrying after that one closes may succeed.
 */
public final class DataDirectoryInUseException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  /** Creates the error for {@code directory}, keeping the storage engine's own error as cause. */
  public DataDirectoryInUseException(Path directory, Throwable cause) {
    super(
        "data directory " + directory + " is in use by another Helios process (RocksDB lock held)",
        cause);
    this.directory = directory;
  }

  /** The directory that could not be opened. */
  public Path directory() {
    return directory;
  }
}
