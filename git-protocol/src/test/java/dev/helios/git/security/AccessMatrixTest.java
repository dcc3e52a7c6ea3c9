package dev.helios.git.security;

import static dev.helios.git.security.SecurityStoreTest.pw;
import static dev.helios.git.security.SecurityStoreTest.repo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
  /** Who asks: their name, and the role they hold on repository "app" (null: none). */
  private enum Who {
    ANONYMOUS,
    NO_GRANT,
    READER,
    WRITER,
    REPO_ADMIN,
    SERVER_ADMIN,
    READER_ELSEWHERE
  }

  private final KeyValueStore meta = KeyValueStores.inMemory();
  private final SecurityStore security =
      new SecurityStore(
          meta,
          new AuditLog(meta, new MutableClock(SecurityStoreTest.T0)),
          new MutableClock(SecurityStoreTest.T0),
          SecurityStoreTest.FAST);

  @BeforeAll
  void users() throws IOException {
    for (String user : List.of("nogrant", "reader", "writer", "repoadmin", "elsewhere")) {
      security.addUser("root", user, pw("password-of-" + user), false);
    }
    security.addUser("root", "root", pw("password-of-root"), true);
    security.grant("root", "reader", repo("app"), Role.READ);
    security.grant("root", "writer", repo("app"), Role.WRITE);
    security.grant("root", "repoadmin", repo("app"), Role.ADMIN);
    security.grant("root", "elsewhere", repo("other"), Role.ADMIN);
  }

  @AfterAll
  void close() throws IOException {
    meta.close();
  }

  Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (AnonymousAccess anonymous : AnonymousAccess.values()) {
      for (Who who : Who.values()) {
        for (Role needed : Role.values()) {
          cases.add(Arguments.of(anonymous, who, needed, expected(anonymous, who, needed)));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "anonymous={0} who={1} needs={2}: {3}")
  @MethodSource("matrix")
  void isAllowed_everyCombination_matchesTheRules(
      AnonymousAccess anonymous, Who who, Role needed, boolean expected) throws IOException {
    boolean allowed = security.isAllowed(principal(who), repo("app"), needed, anonymous);

    assertThat(allowed).isEqualTo(expected);
  }

  /** The rules written out as a table, independent of the implementation's structure. */
  private static boolean expected(AnonymousAccess anonymous, Who who, Role needed) {
    boolean anonymousMay =
        switch (anonymous) {
          case NONE -> false;
          case READ -> needed == Role.READ;
          case WRITE -> needed != Role.ADMIN;
        };
    boolean grantMay =
        switch (who) {
          case ANONYMOUS, NO_GRANT, READER_ELSEWHERE -> false;
          case READER -> needed == Role.READ;
          case WRITER -> needed != Role.ADMIN;
          case REPO_ADMIN, SERVER_ADMIN -> true;
        };
    return anonymousMay || grantMay;
  }

  private static Optional<Principal> principal(Who who) {
    return switch (who) {
      case ANONYMOUS -> Optional.empty();
      case NO_GRANT -> Optional.of(new Principal("nogrant", false));
      case READER -> Optional.of(new Principal("reader", false));
      case WRITER -> Optional.of(new Principal("writer", false));
      case REPO_ADMIN -> Optional.of(new Principal("repoadmin", false));
      case SERVER_ADMIN -> Optional.of(new Principal("root", true));
      case READER_ELSEWHERE -> Optional.of(new Principal("elsewhere", false));
    };
  }
}
