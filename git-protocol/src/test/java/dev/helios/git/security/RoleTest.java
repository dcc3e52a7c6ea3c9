package dev.helios.git.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

  @ParameterizedTest(name = "{0} includes {1}: {2}")
  @CsvSource({
    "READ, READ, true",
    "READ, WRITE, false",
    "READ, ADMIN, false",
    "WRITE, READ, true",
    "WRITE, WRITE, true",
    "WRITE, ADMIN, false",
    "ADMIN, READ, true",
    "ADMIN, WRITE, true",
    "ADMIN, ADMIN, true",
  })
  void includes_everyPair_followsTheOrder(Role held, Role needed, boolean expected) {
    assertThat(held.includes(needed)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "anonymous {0} allows {1}: {2}")
  @CsvSource({
    "NONE, READ, false",
    "NONE, WRITE, false",
    "NONE, ADMIN, false",
    "READ, READ, true",
    "READ, WRITE, false",
    "READ, ADMIN, false",
    "WRITE, READ, true",
    "WRITE, WRITE, true",
    "WRITE, ADMIN, false",
  })
  void allows_everyPair_neverAdmin(AnonymousAccess setting, Role needed, boolean expected) {
    assertThat(setting.allows(needed)).isEqualTo(expected);
  }
}
