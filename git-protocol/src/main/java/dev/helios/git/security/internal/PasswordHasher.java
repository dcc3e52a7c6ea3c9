package dev.helios.git.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256, storing them as self-describing strings.
 * Thread-safe. Internal to git-protocol: use {@link dev.helios.git.security.SecurityStore}.
 */
public final class PasswordHasher {
  /*
   * Stored form, in the style of the PHC string format:
   *
   *   $pbkdf2-sha256$i=<iterations>$<salt, base64 without padding>$<32-byte key, same>
   *
   * The string names the algorithm and its cost, so stored hashes stay checkable when the
   * default cost rises; needsRehash() tells the caller to re-hash after the next successful login.
   * Salts are 16 bytes from SecureRandom; the derived key is 32 bytes (one SHA-256 block, the
   * most PBKDF2-HMAC-SHA256 yields without extra work for the defender only).
   *
   * The default of 210,000 iterations is the floor this project set; OWASP's 2023 guidance for
   * PBKDF2-HMAC-SHA256 is 600,000. Git clients send Basic credentials on every request, so the
   * cost is paid per request for password logins; tokens (a fast hash of a 256-bit secret) are
   * the way to authenticate tools.
   *
   * Keys are compared with MessageDigest.isEqual, which does not return early on the first
   * different byte. verifyDummy() performs the same derivation against a fixed hash, so that
   * checking a password for a user who does not exist costs what a wrong password costs.
   */

  /** The production default iteration count. */
  public static final int DEFAULT_ITERATIONS = 210_000;

  /** The lowest iteration count this class accepts (tests use it to stay fast). */
  public static final int MIN_ITERATIONS = 1_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "$pbkdf2-sha256$i=";
  private static final int SALT_LENGTH = 16;
  private static final int KEY_LENGTH = 32;
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private final int iterations;
  private final SecureRandom random;
  private final String dummy;
  private final LongAdder work = new LongAdder();

  /**
   * Creates a hasher that hashes new passwords with {@code iterations} rounds.
   *
   * @throws IllegalArgumentException if {@code iterations < MIN_ITERATIONS}
   */
  public PasswordHasher(int iterations, SecureRandom random) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "password iterations must be >= " + MIN_ITERATIONS + ": " + iterations);
    }
    this.iterations = iterations;
    this.random = Objects.requireNonNull(random, "random");
    this.dummy = format(iterations, new byte[SALT_LENGTH], new byte[KEY_LENGTH]);
  }

  /**
   * Returns the PBKDF2 iterations this hasher has computed so far (hashing and verifying,
   * dummy checks included): the work an attacker's guess costs, for tests and metrics.
   */
  public long work() {
    return work.sum();
  }

  /** The iteration count used for new hashes. */
  public int iterations() {
    return iterations;
  }

  /** Returns the stored form of {@code password} with a fresh salt. The array is not modified. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return format(iterations, salt, derive(password, salt, iterations));
  }

  /**
   * Whether {@code password} matches {@code stored}. Takes time proportional to the stored
   * iteration count whatever the answer.
   *
   * @throws IllegalArgumentException if {@code stored} is not a hash this class wrote
   */
  public boolean verify(char[] password, String stored) {
    Parsed parsed = parse(stored);
    byte[] actual = derive(password, parsed.salt(), parsed.iterations());
    return MessageDigest.isEqual(actual, parsed.key()) && password.length > 0;
  }

  /** Does the work of {@link #verify} against a fixed hash and returns false. */
  public boolean verifyDummy(char[] password) {
    verify(password, dummy);
    return false;
  }

  /**
   * Whether {@code stored} was hashed with fewer iterations than this hasher uses now.
   *
   * @throws IllegalArgumentException if {@code stored} is not a hash this class wrote
   */
  public boolean needsRehash(String stored) {
    return parse(stored).iterations() < iterations;
  }

  /**
   * The iteration count recorded in {@code stored}.
   *
   * @throws IllegalArgumentException if {@code stored} is not a hash this class wrote
   */
  public static int iterationsOf(String stored) {
    return parse(stored).iterations();
  }

  private static String format(int iterations, byte[] salt, byte[] key) {
    return PREFIX + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(key);
  }

  private static Parsed parse(String stored) {
    if (!stored.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a pbkdf2-sha256 password hash");
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a pbkdf2-sha256 password hash has 3 fields after the name");
    }
    try {
      int iterations = Integer.parseInt(parts[0]);
      byte[] salt = DECODER.decode(parts[1]);
      byte[] key = DECODER.decode(parts[2]);
      if (iterations < 1 || salt.length == 0 || key.length == 0) {
        throw new IllegalArgumentException("malformed pbkdf2-sha256 password hash");
      }
      return new Parsed(iterations, salt, key);
    } catch (IllegalArgumentException e) {
      // NumberFormatException and base64 errors are IllegalArgumentExceptions too.
      throw new IllegalArgumentException("malformed pbkdf2-sha256 password hash: " + e.getMessage(), e);
    }
  }

  private byte[] derive(char[] password, byte[] salt, int iterations) {
    work.add(iterations);
    // The JDK's HMAC refuses an empty key; derive from one NUL instead so the work is still
    // done, and verify() rejects the empty password separately.
    char[] input = password.length == 0 ? new char[] {'\0'} : password;
    PBEKeySpec spec = new PBEKeySpec(input, salt, iterations, KEY_LENGTH * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide PBKDF2WithHmacSHA256.
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  private record Parsed(int iterations, byte[] salt, byte[] key) {}
}
