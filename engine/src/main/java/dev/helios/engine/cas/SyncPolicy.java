package dev.helios.engine.cas;

/** How hard a write is pushed toward the disk before it is acknowledged. */
public enum SyncPolicy {
  /**
   * The write-ahead log is written but not fsynced: an acknowledged write survives a killed
   * process, not a power loss. The default for workspaces and tests.
   */
  WAL,
  /** Every acknowledged write is fsynced: it survives a power loss. The default for the server. */
  FSYNC
}
