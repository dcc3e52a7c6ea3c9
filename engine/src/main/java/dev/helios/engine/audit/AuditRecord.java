package dev.helios.engine.audit;

import dev.helios.engine.hash.Hash;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the {@link AuditLog}: an event, when it was recorded, and the links of the hash
 * chain. Immutable and thread-safe.
 *
 * <p>{@code hash} is the BLAKE3 hash of the canonical encoding of {@code sequence}, {@code time},
 * {@code event} and {@code previous} (format version 1, see {@link AuditLog}); a record read back
 * from the store carries the hash that was stored, which {@link AuditLog#verify()} recomputes.
 *
 * @param sequence position in the log, from 1
 * @param time when the log appended the event
 * @param event what happened
 * @param previous the hash of record {@code sequence - 1}, or {@link AuditLog#GENESIS} for record 1
 * @param hash this record's hash
 */
public record AuditRecord(long sequence, Instant time, AuditEvent event, Hash previous, Hash hash) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code sequence < 1}
   * @throws NullPointerException if any reference is null
   */
  public AuditRecord {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1: " + sequence);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(hash, "hash");
  }
}
