package dev.helios.engine;

/** How hard a write is pushed toward the disk before it is acknowledged. */
public enum SyncPolicy {
  /**
   * The write-ahead log is written but not fsynced: an acknowledged write survives a killed
   * process, not a power loss. The default for workspaces and tests.
   */
  WAL,
  /** Every acknowledged write is fsynced: it survives a power loss. The default for the server. */
  FSYNC,
  /**
   * Every acknowledged write is fsynced, as with {@link #FSYNC}, but writes that arrive together
   * share one fsync of the write-ahead log (group commit): under concurrent writers it costs
   * far fewer fsyncs, and a lone writer waits for one fsync as it would with {@code FSYNC}.
   */
  GROUP
}
