package dev.helios.git.server.internal;

import dev.helios.git.security.LoginThrottle;
import dev.helios.git.security.Principal;
import dev.helios.git.security.SecurityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code Authorization} header of a request into a caller: anonymous, a user, or a
 * rejection. Thread-safe.
 */
final class Authenticator {
  /*
   * Only HTTP Basic: git sends it (user + password, or user + token as the password), and so do
   * curl and every HTTP library. The throttle is consulted before the secret is checked, so a
   * blocked address costs no password hashing; it counts failures per remote address.
   * Credentials that cannot be decoded count as wrong credentials.
   */

  private static final String BASIC = "basic ";

  private final SecurityStore security;
  private final LoginThrottle throttle;

  Authenticator(SecurityStore security, LoginThrottle throttle) {
    this.security = Objects.requireNonNull(security, "security");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
  }

  /**
   * Authenticates {@code req}.
   *
   * @throws IOException if the security store cannot be read or written
   */
  Outcome authenticate(HttpServletRequest req) throws IOException {
    String header = req.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return new Outcome.Anonymous();
    }
    String address = req.getRemoteAddr();
    LoginThrottle.Decision decision = throttle.check(address);
    if (!decision.allowed()) {
      return new Outcome.Throttled(decision.retryAfter());
    }
    String @Nullable [] credentials = decode(header);
    if (credentials == null) {
      throttle.failure(address);
      security.recordAuthFailure("", address);
      return new Outcome.Rejected("malformed Authorization header; use HTTP Basic");
    }
    Optional<Principal> principal = security.authenticate(credentials[0], credentials[1]);
    if (principal.isEmpty()) {
      throttle.failure(address);
      security.recordAuthFailure(credentials[0], address);
      return new Outcome.Rejected("wrong user name, password or token");
    }
    throttle.success(address);
    return new Outcome.Authenticated(principal.get());
  }

  private static String @Nullable [] decode(String header) {
    if (!header.toLowerCase(Locale.ROOT).startsWith(BASIC)) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(header.substring(BASIC.length()).strip());
    } catch (IllegalArgumentException e) {
      return null; // not Base64: reported to the caller as malformed credentials
    }
    String pair = new String(raw, StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  /** What {@link #authenticate} found. */
  sealed interface Outcome {
    /** The caller, or null for an anonymous one; only for the two accepted outcomes. */
    default @Nullable Principal principal() {
      return null;
    }

    /** No credentials were sent. */
    record Anonymous() implements Outcome {}

    /** Valid credentials. */
    record Authenticated(Principal principal) implements Outcome {
      @Override
      public Principal principal() {
        return principal;
      }
    }

    /** Wrong or malformed credentials: answer 401 with a challenge. */
    record Rejected(String message) implements Outcome {}

    /** Too many failures from this address: answer 429. */
    record Throttled(Duration retryAfter) implements Outcome {}
  }
}
