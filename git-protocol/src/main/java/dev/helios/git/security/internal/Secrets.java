package dev.helios.git.security.internal;

import dev.helios.engine.hash.Blake3;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Random secrets and identifiers for users and tokens, and the stored hash of a token secret.
 * Thread-safe ({@link SecureRandom} is). Internal to git-protocol.
 */
public final class Secrets {
  /*
   * Token secrets are "hel_" + base64url(32 random bytes): 256 bits of entropy, URL- and
   * header-safe, and recognizable by secret scanners thanks to the prefix. Only BLAKE3(secret)
   * is stored. A slow KDF protects guessable secrets; nothing can guess 256 random bits, so the
   * hash only has to be preimage-resistant, and a fast one keeps the per-request check to a
   * microsecond and one point read. Token ids (public, for listing and revoking) are 72 random
   * bits in base64url, 12 characters; they are not secret and grant nothing.
   */

  /** The prefix of every token secret. */
  public static final String TOKEN_PREFIX = "hel_";

  private static final int TOKEN_BYTES = 32;
  private static final int TOKEN_ID_BYTES = 9;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  /** Creates a generator drawing from {@code random}. */
  public Secrets(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Returns {@code bytes} random bytes as unpadded base64url (URL- and file-name-safe). */
  public String randomText(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return BASE64URL.encodeToString(raw);
  }

  /** Returns a new token secret: {@value #TOKEN_PREFIX} and 43 base64url characters. */
  public String tokenSecret() {
    return TOKEN_PREFIX + randomText(TOKEN_BYTES);
  }

  /** Returns a new public token id: 12 base64url characters. */
  public String tokenId() {
    return randomText(TOKEN_ID_BYTES);
  }

  /** Returns the 32-byte hash under which a token with this secret is stored. */
  public static byte[] tokenHash(String secret) {
    return Blake3.hash(secret.getBytes(StandardCharsets.UTF_8)).toBytes();
  }
}
