package dev.helios.git.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private static final int FAST = PasswordHasher.MIN_ITERATIONS;

  private final PasswordHasher hasher = new PasswordHasher(FAST, new SecureRandom());

  @Test
  void verify_samePassword_true() {
    String stored = hasher.hash("correct horse".toCharArray());

    assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
  }

  @Test
  void verify_wrongPassword_false() {
    String stored = hasher.hash("correct horse".toCharArray());

    assertThat(hasher.verify("correct hors".toCharArray(), stored)).isFalse();
    assertThat(hasher.verify("Correct horse".toCharArray(), stored)).isFalse();
    assertThat(hasher.verify(new char[0], stored)).isFalse();
  }

  @Test
  void verify_nonAsciiPassword_roundTrips() {
    String stored = hasher.hash("pässwörd-密码".toCharArray());

    assertThat(hasher.verify("pässwörd-密码".toCharArray(), stored)).isTrue();
    assertThat(hasher.verify("passwort-密码".toCharArray(), stored)).isFalse();
  }

  @Test
  void hash_samePasswordTwice_differentSalts() {
    String first = hasher.hash("same password".toCharArray());
    String second = hasher.hash("same password".toCharArray());

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void hash_storedForm_namesAlgorithmAndIterations() {
    String stored = hasher.hash("some password".toCharArray());

    assertThat(stored).matches("\\$pbkdf2-sha256\\$i=1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(PasswordHasher.iterationsOf(stored)).isEqualTo(FAST);
  }

  @Test
  void hash_defaultIterations_storedFormHasAtLeast210000() {
    PasswordHasher production =
        new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, new SecureRandom());

    String stored = production.hash("some password".toCharArray());

    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
    assertThat(PasswordHasher.iterationsOf(stored)).isGreaterThanOrEqualTo(210_000);
  }

  @Test
  void verify_hashWithOtherIterationCount_stillVerifies() {
    PasswordHasher stronger = new PasswordHasher(2 * FAST, new SecureRandom());
    String old = hasher.hash("some password".toCharArray());

    assertThat(stronger.verify("some password".toCharArray(), old)).isTrue();
    assertThat(stronger.needsRehash(old)).isTrue();
    assertThat(hasher.needsRehash(old)).isFalse();
  }

  @Test
  void verifyDummy_anyPassword_false() {
    assertThat(hasher.verifyDummy("whatever".toCharArray())).isFalse();
    assertThat(hasher.verifyDummy(new char[0])).isFalse();
  }

  @Test
  void verify_malformedStoredForm_throwsIllegalArgument() {
    char[] password = "x".toCharArray();

    assertThatThrownBy(() -> hasher.verify(password, "plain"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.verify(password, "$pbkdf2-sha256$i=zz$AAAA$AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.verify(password, "$pbkdf2-sha256$i=1000$AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_tooFewIterations_throwsIllegalArgument() {
    assertThatThrownBy(() -> new PasswordHasher(999, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("999");
  }
}
