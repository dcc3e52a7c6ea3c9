package dev.helios.git.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final String ADDRESS = "192.0.2.1";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
  private final LoginThrottle throttle =
      LoginThrottle.builder().maxFailures(5).window(WINDOW).clock(clock).build();

  @Test
  void check_newAddress_allowed() {
    LoginThrottle.Decision decision = throttle.check(ADDRESS);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.retryAfter()).isZero();
  }

  @Test
  void check_fewerFailuresThanTheLimit_allowed() {
    fail(4);

    assertThat(throttle.check(ADDRESS).allowed()).isTrue();
  }

  @Test
  void check_afterMaxFailures_deniedForTheWindow() {
    fail(5);

    LoginThrottle.Decision decision = throttle.check(ADDRESS);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.retryAfter()).isEqualTo(WINDOW);
  }

  @Test
  void check_duringLock_retryAfterCountsDown() {
    fail(5);

    clock.advance(Duration.ofMinutes(2));

    assertThat(throttle.check(ADDRESS).retryAfter()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void check_afterTheWindow_allowedAgainWithAFreshStreak() {
    fail(5);

    clock.advance(WINDOW);

    assertThat(throttle.check(ADDRESS).allowed()).isTrue();
    throttle.failure(ADDRESS);
    assertThat(throttle.check(ADDRESS).allowed()).isTrue();
  }

  @Test
  void check_otherAddress_unaffected() {
    fail(5);

    assertThat(throttle.check("192.0.2.2").allowed()).isTrue();
  }

  @Test
  void success_afterFailures_resetsTheStreak() {
    fail(4);

    throttle.success(ADDRESS);
    fail(4);

    assertThat(throttle.check(ADDRESS).allowed()).isTrue();
  }

  @Test
  void failure_spreadBeyondTheWindow_neverLocks() {
    for (int i = 0; i < 20; i++) {
      throttle.failure(ADDRESS);
      clock.advance(Duration.ofMinutes(2));
    }

    assertThat(throttle.check(ADDRESS).allowed()).isTrue();
  }

  @Test
  void failure_whileLocked_doesNotExtendTheLock() {
    fail(5);
    clock.advance(Duration.ofMinutes(4));

    throttle.failure(ADDRESS);

    assertThat(throttle.check(ADDRESS).retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void failure_manyAddresses_memoryStaysBounded() {
    LoginThrottle small = LoginThrottle.builder().maxAddresses(50).clock(clock).build();

    for (int i = 0; i < 1_000; i++) {
      small.failure("10.0." + (i >> 8) + "." + (i & 0xff));
    }

    assertThat(small.trackedAddresses()).isLessThanOrEqualTo(50);
  }

  @Test
  void failure_idleAddresses_forgottenAfterTheWindow() {
    fail(3);

    clock.advance(WINDOW.plusSeconds(1));

    assertThat(throttle.trackedAddresses()).isZero();
  }

  @Test
  void defaults_fiveFailuresLock() {
    LoginThrottle defaults = LoginThrottle.builder().clock(clock).build();

    for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
      assertThat(defaults.check(ADDRESS).allowed()).isTrue();
      defaults.failure(ADDRESS);
    }

    assertThat(LoginThrottle.DEFAULT_MAX_FAILURES).isEqualTo(5);
    assertThat(defaults.check(ADDRESS).allowed()).isFalse();
  }

  @Test
  void builder_badSettings_throwIllegalArgumentNamingTheSetting() {
    assertThatThrownBy(() -> LoginThrottle.builder().maxFailures(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFailures");
    assertThatThrownBy(() -> LoginThrottle.builder().window(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> LoginThrottle.builder().maxAddresses(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAddresses");
  }

  @Test
  void decision_inconsistent_throwsIllegalArgument() {
    assertThatThrownBy(() -> new LoginThrottle.Decision(true, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoginThrottle.Decision(false, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      throttle.failure(ADDRESS);
    }
  }
}
