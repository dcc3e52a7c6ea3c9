package dev.helios.engine.audit;

import dev.helios.engine.audit.internal.AuditCodec;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The append-only, hash-chained log of security-relevant events (logins that failed, users,
 * tokens, grants, pushes). Each record carries the hash of the one before it, so changing,
 * removing or reordering stored records is found by {@link #verify()}. Thread-safe; several
 * instances over the same store may append concurrently without forking the chain.
 */
public final class AuditLog {
  /*
   * Key layout in the metadata store (all under "audit/", so the area scans as one):
   *
   *   audit/head            -> i64 latest sequence || 32-byte hash of that record
   *   audit/r/<u64 seq BE>  -> record body || record hash (AuditCodec, format v1)
   *
   * Big-endian sequence numbers make key order equal sequence order.
   *
   * Append is optimistic: read the head, build record head+1 linked to the head's hash, then
   * commit the record put and the head update in one batch that expects the head unchanged.
   * A lost race re-reads the head and tries again, so every sequence is taken exactly once and
   * record n always links to the record n-1 that actually won (no fork, no gap). The head is
   * the linearization point; the record key is written in the same atomic batch, so a reader
   * never sees a head without its record. Durability is the store's: with a WAL the record
   * survives a killed process once append returns.
   *
   * Times come from the injected clock and are not forced to be monotonic: the log records what
   * the clock said. The chain, not the timestamps, orders the events.
   *
   * verify() walks 1..head with point reads (the store's scan has no start key, and records are
   * small), recomputing each hash from the canonical body and checking its link; the first
   * record that fails is reported. An attacker who rewrites record k and recomputes its hash
   * breaks the link of record k+1 (or the head, when k is the last), which is then reported.
   * Without an external anchor (a published head hash) a full rewrite of the chain is not
   * detectable; exporting the head hash is how operators pin it.
   */

  /** The {@code previous} hash of record 1: 32 zero bytes. */
  public static final Hash GENESIS = Hash.fromBytes(new byte[Hash.LENGTH]);

  private static final byte[] HEAD_KEY = "audit/head".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECORD_PREFIX = "audit/r/".getBytes(StandardCharsets.US_ASCII);

  private final KeyValueStore store;
  private final Clock clock;

  /**
   * Creates a log over {@code store}, stamping records with {@code clock}. The log does not own
   * the store and never closes it.
   */
  public AuditLog(KeyValueStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends {@code event} as the next record and returns it. Atomic: the record and the new chain
   * head are written together or not at all. Durable, per the store's sync policy, once it
   * returns. Safe to call from many threads.
   *
   * @throws IOException if the store cannot be read or written, or its chain head is corrupt
   */
  public AuditRecord append(AuditEvent event) throws IOException {
    Objects.requireNonNull(event, "event");
    while (true) {
      Optional<byte[]> head = store.get(HEAD_KEY);
      long sequence = head.isPresent() ? headSequence(head.get()) + 1 : 1;
      Hash previous = head.isPresent() ? AuditCodec.headHash(head.get()) : GENESIS;
      AuditRecord record = AuditCodec.seal(sequence, clock.instant(), event, previous);
      KvBatch batch =
          new KvBatch()
              .expect(HEAD_KEY, head.orElse(null))
              .put(recordKey(sequence), AuditCodec.encode(record))
              .put(HEAD_KEY, AuditCodec.encodeHead(sequence, record.hash()));
      if (store.commit(batch)) {
        return record;
      }
      // Another append won this sequence; link to its record instead.
      Thread.onSpinWait();
    }
  }

  /**
   * Returns the sequence of the latest record, or 0 when the log is empty.
   *
   * @throws IOException if the store cannot be read or its chain head is corrupt
   */
  public long size() throws IOException {
    Optional<byte[]> head = store.get(HEAD_KEY);
    return head.isPresent() ? headSequence(head.get()) : 0;
  }

  /**
   * Returns the latest {@code n} records (fewer when the log is shorter), oldest first;
   * unmodifiable.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   * @throws IOException if the store cannot be read or a record is malformed
   */
  public List<AuditRecord> tail(int n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    long last = size();
    return range(Math.max(1, last - n + 1), n);
  }

  /**
   * Returns up to {@code limit} records starting at sequence {@code fromSequence}, in sequence
   * order; unmodifiable. Records after the latest one are simply absent.
   *
   * @throws IllegalArgumentException if {@code fromSequence < 1} or {@code limit < 0}
   * @throws IOException if the store cannot be read, or a record is missing or malformed
   */
  public List<AuditRecord> range(long fromSequence, int limit) throws IOException {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("fromSequence must be >= 1: " + fromSequence);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    long last = size();
    long end = fromSequence > last ? fromSequence - 1 : fromSequence - 1 + Math.min(limit, last - fromSequence + 1);
    List<AuditRecord> records = new ArrayList<>();
    for (long sequence = fromSequence; sequence <= end; sequence++) {
      Optional<byte[]> value = store.get(recordKey(sequence));
      if (value.isEmpty()) {
        throw new StoreException("audit record " + sequence + " is missing (head is " + last + ")");
      }
      try {
        records.add(AuditCodec.decode(value.get()));
      } catch (IllegalArgumentException e) {
        throw new StoreException("audit record " + sequence + " is malformed: " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableList(records);
  }

  /**
   * Checks the whole chain: every record from 1 to the head exists, decodes, carries its own
   * sequence, hashes to its stored hash and links to the hash of the record before it, and the
   * head names the last record's hash. Stops at the first broken record.
   *
   * @throws IOException if the store cannot be read
   */
  public VerifyResult verify() throws IOException {
    Optional<byte[]> head = store.get(HEAD_KEY);
    if (head.isEmpty()) {
      return store.get(recordKey(1)).isPresent()
          ? VerifyResult.broken(0, 1, "record 1 exists but the chain head is missing")
          : VerifyResult.ok(0);
    }
    long last;
    Hash headHash;
    try {
      last = AuditCodec.headSequence(head.get());
      headHash = AuditCodec.headHash(head.get());
    } catch (IllegalArgumentException e) {
      return VerifyResult.broken(0, 1, "the chain head is malformed: " + e.getMessage());
    }
    Hash previous = GENESIS;
    for (long sequence = 1; sequence <= last; sequence++) {
      Optional<String> problem = Optional.empty();
      Optional<byte[]> value = store.get(recordKey(sequence));
      AuditRecord record = null;
      if (value.isEmpty()) {
        problem = Optional.of("record is missing");
      } else {
        try {
          record = AuditCodec.decode(value.get());
          problem = check(record, sequence, previous);
        } catch (IllegalArgumentException e) {
          problem = Optional.of("record is malformed: " + e.getMessage());
        }
      }
      if (problem.isPresent()) {
        return VerifyResult.broken(sequence - 1, sequence, problem.get());
      }
      previous = Objects.requireNonNull(record).hash();
    }
    if (!previous.equals(headHash)) {
      return VerifyResult.broken(
          last - 1, last, "the chain head names " + headHash.toHex() + ", the record hashes to " + previous.toHex());
    }
    if (store.get(recordKey(last + 1)).isPresent()) {
      return VerifyResult.broken(last, last + 1, "record exists beyond the chain head " + last);
    }
    return VerifyResult.ok(last);
  }

  private static Optional<String> check(AuditRecord record, long sequence, Hash previous) {
    if (record.sequence() != sequence) {
      return Optional.of("record says it is number " + record.sequence());
    }
    if (!record.previous().equals(previous)) {
      return Optional.of(
          "links to " + record.previous().toHex() + " but the record before hashes to " + previous.toHex());
    }
    Hash actual =
        AuditCodec.hash(record.sequence(), record.time(), record.event(), record.previous());
    if (!actual.equals(record.hash())) {
      return Optional.of(
          "content hashes to " + actual.toHex() + " but the stored hash is " + record.hash().toHex());
    }
    return Optional.empty();
  }

  private static long headSequence(byte[] head) throws StoreException {
    try {
      return AuditCodec.headSequence(head);
    } catch (IllegalArgumentException e) {
      throw new StoreException("the audit chain head is malformed: " + e.getMessage(), e);
    }
  }

  private static byte[] recordKey(long sequence) {
    return ByteBuffer.allocate(RECORD_PREFIX.length + Long.BYTES)
        .put(RECORD_PREFIX)
        .putLong(sequence)
        .array();
  }

  /**
   * The outcome of {@link #verify()}.
   *
   * @param checked how many records passed every check before the first broken one (all of them
   *     when the chain is intact)
   * @param firstBroken the sequence of the first record that failed, empty when none did
   * @param problem what was wrong with it; empty when none was
   */
  public record VerifyResult(long checked, OptionalLong firstBroken, String problem) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code checked < 0}, or a broken result has no problem
     */
    public VerifyResult {
      Objects.requireNonNull(firstBroken, "firstBroken");
      Objects.requireNonNull(problem, "problem");
      if (checked < 0) {
        throw new IllegalArgumentException("checked must be >= 0: " + checked);
      }
      if (firstBroken.isPresent() && problem.isBlank()) {
        throw new IllegalArgumentException("a broken chain needs a problem");
      }
    }

    static VerifyResult ok(long checked) {
      return new VerifyResult(checked, OptionalLong.empty(), "");
    }

    static VerifyResult broken(long checked, long sequence, String problem) {
      return new VerifyResult(checked, OptionalLong.of(sequence), "record " + sequence + ": " + problem);
    }

    /** Whether every record passed. */
    public boolean ok() {
      return firstBroken.isEmpty();
    }
  }
}
