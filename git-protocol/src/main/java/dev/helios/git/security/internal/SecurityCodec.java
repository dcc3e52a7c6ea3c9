package dev.helios.git.security.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keys and stored values of users, tokens and grants in the metadata store (format version 1).
 * Stateless and thread-safe. Internal to git-protocol: use {@link
 * dev.helios.git.security.SecurityStore}.
 */
public final class SecurityCodec {
  /*
   * Key layout (user names never contain '/' or NUL, repository names never contain NUL, so the
   * NUL separator keeps "alice" from matching "alice2" and "team" from matching "team/app"):
   *
   *   user/<name>                     -> user record
   *   token/<32-byte token hash>      -> token record       (O(1) lookup by the secret's hash)
   *   user-token/<name> 0x00 <id>     -> 32-byte token hash (list and revoke by user and id)
   *   grant/<name> 0x00 <repo>        -> role name           (grantsOf, isAllowed: one get)
   *   repo-grant/<repo> 0x00 <name>   -> role name           (grantsOn)
   *
   * Values start with a version byte and use DataOutputStream's modified UTF-8 for strings;
   * roles are stored by name, so reordering the enum cannot change stored grants.
   */

  private static final int VERSION = 1;

  private SecurityCodec() {}

  /** The area of user records. */
  public static byte[] userPrefix() {
    return ascii("user/");
  }

  /** The key of {@code user}'s record. */
  public static byte[] userKey(String user) {
    return concat(ascii("user/"), utf8(user));
  }

  /** The key of the token whose secret hashes to {@code tokenHash}. */
  public static byte[] tokenKey(byte[] tokenHash) {
    return concat(ascii("token/"), tokenHash);
  }

  /** The area listing {@code user}'s tokens. */
  public static byte[] userTokenPrefix(String user) {
    return concat(ascii("user-token/"), utf8(user), new byte[] {0});
  }

  /** The key listing token {@code id} of {@code user}. */
  public static byte[] userTokenKey(String user, String id) {
    return concat(userTokenPrefix(user), utf8(id));
  }

  /** The area of {@code user}'s grants. */
  public static byte[] grantPrefix(String user) {
    return concat(ascii("grant/"), utf8(user), new byte[] {0});
  }

  /** The key of {@code user}'s grant on {@code repo}. */
  public static byte[] grantKey(String user, String repo) {
    return concat(grantPrefix(user), utf8(repo));
  }

  /** The area of the grants on {@code repo}. */
  public static byte[] repoGrantPrefix(String repo) {
    return concat(ascii("repo-grant/"), utf8(repo), new byte[] {0});
  }

  /** The key of the grant on {@code repo} to {@code user}. */
  public static byte[] repoGrantKey(String repo, String user) {
    return concat(repoGrantPrefix(repo), utf8(user));
  }

  /** Returns what follows {@code prefix} in {@code key}, as UTF-8. */
  public static String suffix(byte[] key, byte[] prefix) {
    return new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
  }

  /**
   * A stored user.
   *
   * @param serverAdmin whether the user administers the server
   * @param created when the user was added
   * @param passwordHash the {@link PasswordHasher} form of the password
   */
  public record StoredUser(boolean serverAdmin, Instant created, String passwordHash) {
    /** Validates. @throws NullPointerException if a reference is null */
    public StoredUser {
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** Returns the stored form. */
    public byte[] encode() {
      return write(
          out -> {
            out.writeBoolean(serverAdmin);
            writeInstant(out, created);
            out.writeUTF(passwordHash);
          });
    }

    /**
     * Decodes a stored user.
     *
     * @throws IOException if {@code value} is not a version-1 user record
     */
    public static StoredUser decode(byte[] value) throws IOException {
      DataInputStream in = reader(value);
      StoredUser user = new StoredUser(in.readBoolean(), readInstant(in), in.readUTF());
      checkEnd(in);
      return user;
    }
  }

  /**
   * A stored token; the secret itself is never stored.
   *
   * @param id the public identifier
   * @param user the owner
   * @param label the owner's name for it
   * @param created when it was created
   * @param expires when it stops working, or null for never
   */
  public record StoredToken(
      String id, String user, String label, Instant created, @Nullable Instant expires) {
    /** Validates. @throws NullPointerException if a non-nullable reference is null */
    public StoredToken {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(created, "created");
    }

    /** Returns the stored form. */
    public byte[] encode() {
      Instant expiry = expires;
      return write(
          out -> {
            out.writeUTF(id);
            out.writeUTF(user);
            out.writeUTF(label);
            writeInstant(out, created);
            out.writeBoolean(expiry != null);
            if (expiry != null) {
              writeInstant(out, expiry);
            }
          });
    }

    /**
     * Decodes a stored token.
     *
     * @throws IOException if {@code value} is not a version-1 token record
     */
    public static StoredToken decode(byte[] value) throws IOException {
      DataInputStream in = reader(value);
      String id = in.readUTF();
      String user = in.readUTF();
      String label = in.readUTF();
      Instant created = readInstant(in);
      Instant expires = in.readBoolean() ? readInstant(in) : null;
      checkEnd(in);
      return new StoredToken(id, user, label, created, expires);
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream reader(byte[] value) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("unknown security record format version " + version);
    }
    return in;
  }

  private static void checkEnd(DataInputStream in) throws IOException {
    if (in.available() != 0) {
      throw new IOException(in.available() + " unexpected bytes after a security record");
    }
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (java.time.DateTimeException e) {
      throw new IOException("bad instant in a security record", e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = Arrays.copyOf(parts[0], length);
    int at = parts[0].length;
    for (int i = 1; i < parts.length; i++) {
      System.arraycopy(parts[i], 0, out, at, parts[i].length);
      at += parts[i].length;
    }
    return out;
  }
}
