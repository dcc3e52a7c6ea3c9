package dev.helios.engine.audit.internal;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of audit records and the chain head, format version 1. Stateless and
 * thread-safe. Internal to the engine: other modules go through {@link
 * dev.helios.engine.audit.AuditLog}.
 */
public final class AuditCodec {
  /*
   * Record value = body || hash, where hash = BLAKE3(body) and body is, big-endian:
   *
   *   u8   version (1)
   *   i64  sequence
   *   i64  time, seconds since the epoch
   *   i32  time, nanosecond of the second
   *   str  actor, str action, str target
   *   i32  number of details, then that many (str key, str value) in ascending key order
   *   32   previous hash
   *
   * where str is an i32 byte length followed by that many bytes of UTF-8. Every field has an
   * explicit length, so no two distinct records share a body (the encoding is injective), and the
   * version byte lets a later format be told apart and hashed by its own rules. The details come
   * from AuditEvent already sorted, which makes the body canonical.
   *
   * Head value = i64 sequence || 32-byte hash of that record: the one key every append
   * compare-and-swaps, so two appends can never both claim the same sequence.
   */

  /** The format version written by this codec. */
  public static final int VERSION = 1;

  /** Length of the stored chain head. */
  public static final int HEAD_LENGTH = Long.BYTES + Hash.LENGTH;

  private static final int MAX_STRING = 1 << 20;

  private AuditCodec() {}

  /** Returns the canonical body of a record, the bytes its hash is computed over. */
  public static byte[] body(long sequence, Instant time, AuditEvent event, Hash previous) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(sequence);
      out.writeLong(time.getEpochSecond());
      out.writeInt(time.getNano());
      writeString(out, event.actor());
      writeString(out, event.action());
      writeString(out, event.target());
      out.writeInt(event.details().size());
      for (Map.Entry<String, String> detail : event.details().entrySet()) {
        writeString(out, detail.getKey());
        writeString(out, detail.getValue());
      }
      out.write(previous.toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Returns the hash of a record with these fields. */
  public static Hash hash(long sequence, Instant time, AuditEvent event, Hash previous) {
    return Blake3.hash(body(sequence, time, event, previous));
  }

  /** Returns the record with these fields and its freshly computed hash. */
  public static AuditRecord seal(long sequence, Instant time, AuditEvent event, Hash previous) {
    return new AuditRecord(sequence, time, event, previous, hash(sequence, time, event, previous));
  }

  /** Returns the stored form of {@code record}: its body followed by its hash. */
  public static byte[] encode(AuditRecord record) {
    byte[] body = body(record.sequence(), record.time(), record.event(), record.previous());
    byte[] value = new byte[body.length + Hash.LENGTH];
    System.arraycopy(body, 0, value, 0, body.length);
    record.hash().copyTo(value, body.length);
    return value;
  }

  /**
   * Decodes a stored record, keeping the stored hash as it is (it is not recomputed here).
   *
   * @throws IllegalArgumentException with the reason if {@code value} is not a version-1 record
   */
  public static AuditRecord decode(byte[] value) {
    try {
      ByteBuffer in = ByteBuffer.wrap(value);
      int version = in.get() & 0xff;
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown audit record format version " + version);
      }
      long sequence = in.getLong();
      Instant time = Instant.ofEpochSecond(in.getLong(), in.getInt());
      String actor = readString(in);
      String action = readString(in);
      String target = readString(in);
      int count = in.getInt();
      if (count < 0 || count > in.remaining()) {
        throw new IllegalArgumentException("bad number of details: " + count);
      }
      Map<String, String> details = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        details.put(readString(in), readString(in));
      }
      Hash previous = readHash(in);
      Hash hash = readHash(in);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the hash");
      }
      return new AuditRecord(
          sequence, time, new AuditEvent(actor, action, target, details), previous, hash);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated audit record (" + value.length + " bytes)", e);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("malformed audit record: " + e.getMessage(), e);
    }
  }

  /** Returns the stored chain head: the latest sequence and its record's hash. */
  public static byte[] encodeHead(long sequence, Hash hash) {
    ByteBuffer head = ByteBuffer.allocate(HEAD_LENGTH).putLong(sequence);
    byte[] bytes = head.array();
    hash.copyTo(bytes, Long.BYTES);
    return bytes;
  }

  /**
   * Returns the sequence of a stored chain head.
   *
   * @throws IllegalArgumentException if {@code head} is not {@value #HEAD_LENGTH} bytes
   */
  public static long headSequence(byte[] head) {
    checkHead(head);
    return ByteBuffer.wrap(head).getLong();
  }

  /**
   * Returns the record hash of a stored chain head.
   *
   * @throws IllegalArgumentException if {@code head} is not {@value #HEAD_LENGTH} bytes
   */
  public static Hash headHash(byte[] head) {
    checkHead(head);
    return Hash.fromBytes(head, Long.BYTES);
  }

  private static void checkHead(byte[] head) {
    if (head.length != HEAD_LENGTH) {
      throw new IllegalArgumentException(
          "an audit chain head is " + HEAD_LENGTH + " bytes, got " + head.length);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > MAX_STRING || length > in.remaining()) {
      throw new IllegalArgumentException("bad string length " + length);
    }
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a string is not valid UTF-8", e);
    }
  }

  private static Hash readHash(ByteBuffer in) {
    byte[] hash = new byte[Hash.LENGTH];
    in.get(hash);
    return Hash.fromBytes(hash);
  }
}
