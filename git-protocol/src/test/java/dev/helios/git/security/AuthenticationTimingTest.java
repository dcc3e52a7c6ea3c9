package dev.helios.git.security;

import static dev.helios.git.security.SecurityStoreTest.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A failed login costs the same key-derivation work whether the user exists or not, so response
 * times don't tell an attacker which user names exist. Counted in PBKDF2 iterations rather than
 * timed, so the test is exact on any machine.
 */
class AuthenticationTimingTest {
  private static final int ITERATIONS = 3_000;

  @Test
  void authenticate_unknownOrInvalidUser_costsTheSameWorkAsAWrongPassword() throws IOException {
    try (KeyValueStore meta = KeyValueStores.inMemory()) {
      MutableClock clock = new MutableClock(SecurityStoreTest.T0);
      SecurityStore security =
          new SecurityStore(meta, new AuditLog(meta, clock), clock, ITERATIONS);
      security.addUser("root", "alice", pw("alice-password"), false);

      long wrongPassword = workOf(security, () -> security.authenticate("alice", "wrong-password"));
      long unknownUser = workOf(security, () -> security.authenticate("mallory", "wrong-password"));
      long invalidName = workOf(security, () -> security.authenticate("Not Valid", "wrong-password"));

      assertThat(wrongPassword).isEqualTo(ITERATIONS);
      assertThat(unknownUser).as("unknown user").isEqualTo(wrongPassword);
      assertThat(invalidName).as("invalid user name").isEqualTo(wrongPassword);
    }
  }

  private interface Attempt {
    void run() throws IOException;
  }

  private static long workOf(SecurityStore security, Attempt attempt) throws IOException {
    long before = security.passwordWork();
    attempt.run();
    return security.passwordWork() - before;
  }
}
