package dev.helios.git.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Slows down password guessing: after {@code maxFailures} consecutive failed logins from one
 * remote address within a window, logins from that address are refused for the window. Thread-
 * safe; memory is bounded by {@code maxAddresses}.
 *
 * <p>Use: {@link #check} before checking credentials (refuse with {@code Retry-After} when not
 * allowed), then {@link #failure} or {@link #success} with the outcome.
 */
public final class LoginThrottle {
  /*
   * Per address: failures so far, when the first of them happened, and until when the address
   * is locked (0 = not locked). A failure more than one window after the first of a streak
   * starts a new streak, so a few typos a day never add up. The N-th failure within the window
   * locks the address for one window from that moment; when the lock ends the streak is
   * forgotten. Success forgets the address at once ("consecutive" failures).
   *
   * Entries live in a Caffeine cache bounded by count, expiring a window after their last write
   * (every state change is a write, and a lock ends exactly one window after the write that set
   * it), so idle addresses vanish and a flood of addresses evicts the least useful ones. That
   * means an attacker with more than maxAddresses addresses can evict entries; per-address
   * throttling cannot stop a botnet anyway, it stops one client from guessing fast. Caffeine
   * maintenance runs on the calling thread: library code starts no threads.
   *
   * Updates go through asMap().compute, which is atomic per key. Time comes from the injected
   * Clock (as nanoseconds since the epoch) and is also Caffeine's ticker, so tests move both.
   */

  /** Failures in a row that lock an address, by default. */
  public static final int DEFAULT_MAX_FAILURES = 5;

  /** The window failures must fall in, and the lock duration, by default. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** How many addresses are remembered at most, by default. */
  public static final int DEFAULT_MAX_ADDRESSES = 100_000;

  private final int maxFailures;
  private final long windowNanos;
  private final Clock clock;
  private final Cache<String, State> states;

  /** Creates a throttle with the defaults and the system clock. */
  public LoginThrottle() {
    this(builder());
  }

  private LoginThrottle(Builder builder) {
    this.maxFailures = builder.maxFailures;
    this.windowNanos = builder.window.toNanos();
    this.clock = builder.clock;
    this.states =
        Caffeine.newBuilder()
            .maximumSize(builder.maxAddresses)
            .expireAfterWrite(builder.window)
            .ticker(this::nowNanos)
            .executor(Runnable::run)
            .build();
  }

  /** Returns a builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a login from {@code address} may be tried now, and if not, for how long not. */
  public Decision check(String address) {
    Objects.requireNonNull(address, "address");
    State state = states.getIfPresent(address);
    long now = nowNanos();
    if (state == null || !state.lockedAt(now)) {
      return Decision.ALLOW;
    }
    return Decision.deny(Duration.ofNanos(state.lockedUntil - now));
  }

  /** Records a failed login from {@code address}. */
  public void failure(String address) {
    Objects.requireNonNull(address, "address");
    long now = nowNanos();
    states.asMap().compute(address, (key, state) -> next(state, now));
  }

  /** Records a successful login from {@code address}: its failures are forgotten. */
  public void success(String address) {
    Objects.requireNonNull(address, "address");
    states.invalidate(address);
  }

  /** How many addresses are remembered now, after pending evictions; for tests. */
  long trackedAddresses() {
    states.cleanUp();
    return states.estimatedSize();
  }

  private State next(State state, long now) {
    if (state != null && state.lockedAt(now)) {
      return state; // refused logins should not reach failure(); do not extend the lock
    }
    boolean fresh =
        state == null || state.lockedUntil != 0 || now - state.streakStart >= windowNanos;
    int failures = fresh ? 1 : state.failures + 1;
    long streakStart = fresh ? now : state.streakStart;
    long lockedUntil = failures >= maxFailures ? now + windowNanos : 0;
    return new State(failures, streakStart, lockedUntil);
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private record State(int failures, long streakStart, long lockedUntil) {
    boolean lockedAt(long now) {
      return lockedUntil != 0 && now < lockedUntil;
    }
  }

  /**
   * The answer of {@link #check}.
   *
   * @param allowed whether the login may be tried
   * @param retryAfter how long until it may be tried; zero when allowed
   */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOW = new Decision(true, Duration.ZERO);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code retryAfter} is negative, or non-zero while
     *     allowed, or zero while refused
     */
    public Decision {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
      if (allowed != retryAfter.isZero()) {
        throw new IllegalArgumentException(
            "retryAfter must be zero exactly when allowed: " + allowed + ", " + retryAfter);
      }
    }

    static Decision deny(Duration retryAfter) {
      return new Decision(false, retryAfter);
    }
  }

  /** Settings of a {@link LoginThrottle}; each setter checks its value. Not thread-safe. */
  public static final class Builder {
    private int maxFailures = DEFAULT_MAX_FAILURES;
    private Duration window = DEFAULT_WINDOW;
    private long maxAddresses = DEFAULT_MAX_ADDRESSES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets how many failures in a row lock an address.
     *
     * @throws IllegalArgumentException if {@code maxFailures < 1}
     */
    public Builder maxFailures(int maxFailures) {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures must be >= 1: " + maxFailures);
      }
      this.maxFailures = maxFailures;
      return this;
    }

    /**
     * Sets the window the failures must fall in, which is also how long a lock lasts.
     *
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public Builder window(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive: " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * Sets how many addresses are remembered at most.
     *
     * @throws IllegalArgumentException if {@code maxAddresses < 1}
     */
    public Builder maxAddresses(long maxAddresses) {
      if (maxAddresses < 1) {
        throw new IllegalArgumentException("maxAddresses must be >= 1: " + maxAddresses);
      }
      this.maxAddresses = maxAddresses;
      return this;
    }

    /** Sets the clock (for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Returns a throttle with these settings. */
    public LoginThrottle build() {
      return new LoginThrottle(this);
    }
  }
}
