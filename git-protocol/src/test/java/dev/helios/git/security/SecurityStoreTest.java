package dev.helios.git.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.internal.PasswordHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityStoreTest {
  static final int FAST = PasswordHasher.MIN_ITERATIONS;
  static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

  private final MutableClock clock = new MutableClock(T0);
  private final KeyValueStore meta = KeyValueStores.inMemory();
  private final AuditLog audit = new AuditLog(meta, clock);
  private final SecurityStore security = new SecurityStore(meta, audit, clock, FAST);

  @AfterEach
  void close() throws IOException {
    meta.close();
  }

  @Test
  void addUser_new_listedWithCreationTime() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);
    security.addUser("admin", "bob", pw("bob-password"), true);

    List<UserInfo> users = security.listUsers();

    assertThat(users)
        .containsExactly(new UserInfo("alice", false, T0), new UserInfo("bob", true, T0));
  }

  @Test
  void addUser_taken_throwsUserExists() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);

    assertThatThrownBy(() -> security.addUser("admin", "alice", pw("other-password"), true))
        .isInstanceOf(UserExistsException.class)
        .hasMessageContaining("alice");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "Alice", "-alice", ".alice", "_alice", "al ice", "al/ice", "al:ice", "álice",
        "a2345678901234567890123456789012345678901234567890123456789012345"
      })
  void addUser_invalidName_throwsIllegalArgumentNamingTheRule(String name) {
    assertThatThrownBy(() -> security.addUser("admin", name, pw("long enough"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid user name")
        .hasMessageContaining("a-z, 0-9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "alice", "a.b-c_d", "9lives", "a23456789012345678901234567890123456789012345678901234567890123"})
  void addUser_validName_accepted(String name) throws IOException {
    security.addUser("admin", name, pw("long enough"), false);

    assertThat(security.listUsers()).extracting(UserInfo::name).containsExactly(name);
  }

  @Test
  void addUser_shortPassword_throwsIllegalArgument() {
    assertThatThrownBy(() -> security.addUser("admin", "alice", pw("1234567"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
  }

  @Test
  void authenticate_rightPassword_returnsPrincipal() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);
    security.addUser("admin", "root", pw("root-password"), true);

    assertThat(security.authenticate("alice", "alice-password"))
        .contains(new Principal("alice", false));
    assertThat(security.authenticate("root", "root-password"))
        .contains(new Principal("root", true));
  }

  @Test
  void authenticate_wrongPasswordOrUnknownUser_empty() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);

    assertThat(security.authenticate("alice", "alice-passwore")).isEmpty();
    assertThat(security.authenticate("alice", "")).isEmpty();
    assertThat(security.authenticate("mallory", "alice-password")).isEmpty();
    assertThat(security.authenticate("Not A Name!", "alice-password")).isEmpty();
    assertThat(security.authenticate("", "")).isEmpty();
  }

  @Test
  void setPassword_existing_oldStopsNewWorks() throws IOException {
    security.addUser("admin", "alice", pw("old-password"), false);

    security.setPassword("alice", "alice", pw("new-password"));

    assertThat(security.authenticate("alice", "old-password")).isEmpty();
    assertThat(security.authenticate("alice", "new-password")).isPresent();
    assertThat(security.listUsers()).containsExactly(new UserInfo("alice", false, T0));
  }

  @Test
  void setPassword_unknownUser_throwsUnknownUser() {
    assertThatThrownBy(() -> security.setPassword("admin", "ghost", pw("new-password")))
        .isInstanceOf(UnknownUserException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void authenticate_hashWithFewerIterations_rehashedAtCurrentCost() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);
    SecurityStore stronger = new SecurityStore(meta, audit, clock, 2 * FAST);

    assertThat(stronger.authenticate("alice", "alice-password")).isPresent();

    assertThat(storedPasswordHash("alice")).contains("$i=" + (2 * FAST) + "$");
    assertThat(stronger.authenticate("alice", "alice-password")).isPresent();
  }

  @Test
  void deleteUser_existing_removesUserTokensAndGrants() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);
    CreatedToken token = security.createToken("alice", "alice", "laptop", null);
    security.grant("admin", "alice", repo("app"), Role.WRITE);

    boolean deleted = security.deleteUser("admin", "alice");

    assertThat(deleted).isTrue();
    assertThat(security.listUsers()).isEmpty();
    assertThat(security.authenticate("alice", token.secret())).isEmpty();
    assertThat(security.grantsOn(repo("app"))).isEmpty();
    assertThat(security.grantsOf("alice")).isEmpty();
    assertThat(meta.scan(new byte[0], Integer.MAX_VALUE))
        .allSatisfy(e -> assertThat(new String(e.key(), StandardCharsets.UTF_8)).startsWith("audit/"));
  }

  @Test
  void deleteUser_unknown_returnsFalse() throws IOException {
    assertThat(security.deleteUser("admin", "ghost")).isFalse();
  }

  @Test
  void deleteUser_thenAddAgain_startsClean() throws IOException {
    security.addUser("admin", "alice", pw("alice-password"), false);
    security.grant("admin", "alice", repo("app"), Role.ADMIN);
    security.deleteUser("admin", "alice");

    security.addUser("admin", "alice", pw("new-password"), false);

    assertThat(security.grantsOf("alice")).isEmpty();
    assertThat(security.authenticate("alice", "alice-password")).isEmpty();
  }

  @Test
  void changes_eachAppendAnAuditEventByTheActor() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    security.setPassword("alice", "alice", pw("new-password"));
    CreatedToken token = security.createToken("alice", "alice", "ci", null);
    security.revokeToken("alice", "alice", token.id());
    security.grant("root", "alice", repo("app"), Role.READ);
    security.revoke("root", "alice", repo("app"));
    security.recordAuthFailure("alice", "10.0.0.7");
    security.deleteUser("root", "alice");

    List<AuditRecord> records = audit.tail(100);

    assertThat(records)
        .extracting(r -> r.event().actor() + " " + r.event().action() + " " + r.event().target())
        .containsExactly(
            "root user.add alice",
            "alice user.password alice",
            "alice token.create alice",
            "alice token.revoke alice",
            "root grant app",
            "root revoke app",
            "anonymous auth.failure alice",
            "root user.delete alice");
    assertThat(records.get(4).event().details()).containsEntry("role", "READ");
    assertThat(records.get(6).event().details()).containsEntry("remote", "10.0.0.7");
    assertThat(audit.verify().ok()).isTrue();
  }

  @Test
  void audit_neverContainsPasswordsOrSecrets() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    CreatedToken token = security.createToken("alice", "alice", "ci", null);

    assertThat(audit.tail(10).toString())
        .doesNotContain("alice-password")
        .doesNotContain(token.secret().substring(4));
  }

  @Test
  void revoke_noGrant_returnsFalseAndAuditsNothing() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    long before = audit.size();

    assertThat(security.revoke("root", "alice", repo("app"))).isFalse();
    assertThat(audit.size()).isEqualTo(before);
  }

  @Test
  void grant_unknownUser_throwsUnknownUser() {
    assertThatThrownBy(() -> security.grant("root", "ghost", repo("app"), Role.READ))
        .isInstanceOf(UnknownUserException.class);
  }

  @Test
  void grant_again_replacesTheRole() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    security.grant("root", "alice", repo("app"), Role.ADMIN);

    security.grant("root", "alice", repo("app"), Role.READ);

    assertThat(security.grantsOf("alice")).containsExactly(Map.entry(repo("app"), Role.READ));
    assertThat(security.grantsOn(repo("app")))
        .containsExactly(new GrantInfo("alice", repo("app"), Role.READ));
  }

  @Test
  void grants_similarNames_doNotLeakAcrossUsersOrRepositories() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    security.addUser("root", "alice2", pw("alice-password"), false);
    security.grant("root", "alice", repo("team"), Role.READ);
    security.grant("root", "alice2", repo("team/app"), Role.WRITE);
    security.grant("root", "alice", repo("team-b"), Role.ADMIN);

    assertThat(security.grantsOf("alice"))
        .containsOnly(Map.entry(repo("team"), Role.READ), Map.entry(repo("team-b"), Role.ADMIN));
    assertThat(security.grantsOf("alice2")).containsOnly(Map.entry(repo("team/app"), Role.WRITE));
    assertThat(security.grantsOn(repo("team")))
        .containsExactly(new GrantInfo("alice", repo("team"), Role.READ));
  }

  @Test
  void mayCreateRepositories_onlyServerAdmins() {
    assertThat(security.mayCreateRepositories(Optional.empty())).isFalse();
    assertThat(security.mayCreateRepositories(Optional.of(new Principal("alice", false)))).isFalse();
    assertThat(security.mayCreateRepositories(Optional.of(new Principal("root", true)))).isTrue();
  }

  @Test
  void createToken_pastExpiryOrBadLabel_throwsIllegalArgument() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);

    assertThatThrownBy(() -> security.createToken("alice", "alice", "ci", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("future");
    assertThatThrownBy(() -> security.createToken("alice", "alice", " ", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> security.createToken("alice", "alice", "a\nb", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control");
  }

  @Test
  void createToken_unknownUser_throwsUnknownUser() {
    assertThatThrownBy(() -> security.createToken("root", "ghost", "ci", null))
        .isInstanceOf(UnknownUserException.class);
  }

  @Test
  void createToken_secret_hasPrefixAndIsUrlSafe() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);

    CreatedToken token = security.createToken("alice", "alice", "ci", null);

    assertThat(token.secret()).matches("hel_[A-Za-z0-9_-]{43}");
    assertThat(token.toString()).doesNotContain(token.secret());
  }

  @Test
  void authenticate_token_returnsPrincipalUntilRevoked() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), true);
    CreatedToken token = security.createToken("alice", "alice", "laptop", null);

    assertThat(security.authenticate("alice", token.secret())).contains(new Principal("alice", true));

    assertThat(security.revokeToken("alice", "alice", token.id())).isTrue();
    assertThat(security.authenticate("alice", token.secret())).isEmpty();
    assertThat(security.revokeToken("alice", "alice", token.id())).isFalse();
  }

  @Test
  void authenticate_tokenOfAnotherUser_empty() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    security.addUser("root", "bob", pw("bob-password"), false);
    CreatedToken token = security.createToken("alice", "alice", "laptop", null);

    assertThat(security.authenticate("bob", token.secret())).isEmpty();
  }

  @Test
  void authenticate_expiredToken_empty() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    CreatedToken token =
        security.createToken("alice", "alice", "ci", T0.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofMinutes(59));
    assertThat(security.authenticate("alice", token.secret())).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(security.authenticate("alice", token.secret())).isEmpty();
  }

  @Test
  void authenticate_passwordStillWorks_besideTokens() throws IOException {
    security.addUser("root", "alice", pw("hel_looks-like-a-token"), false);
    security.createToken("alice", "alice", "ci", null);

    assertThat(security.authenticate("alice", "hel_looks-like-a-token")).isPresent();
  }

  @Test
  void listTokens_showsMetadataNeverSecrets() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    Instant expiry = T0.plus(Duration.ofDays(30));
    CreatedToken laptop = security.createToken("alice", "alice", "laptop", null);
    CreatedToken ci = security.createToken("alice", "alice", "ci", expiry);

    List<TokenInfo> tokens = security.listTokens("alice");

    assertThat(tokens)
        .containsExactlyInAnyOrder(
            new TokenInfo(laptop.id(), "alice", "laptop", T0, null),
            new TokenInfo(ci.id(), "alice", "ci", T0, expiry));
    assertThat(security.listTokens("bob")).isEmpty();
  }

  @Test
  void createToken_secretNotStoredAnywhereInTheStore() throws IOException {
    security.addUser("root", "alice", pw("alice-password"), false);
    CreatedToken token = security.createToken("alice", "alice", "laptop", null);
    String random = token.secret().substring(SecurityStore.TOKEN_PREFIX.length());

    List<KeyValueStore.Entry> everything = meta.scan(new byte[0], Integer.MAX_VALUE);

    assertThat(everything).isNotEmpty();
    for (KeyValueStore.Entry entry : everything) {
      String key = new String(entry.key(), StandardCharsets.ISO_8859_1);
      String value = new String(entry.value(), StandardCharsets.ISO_8859_1);
      assertThat(key).doesNotContain(random);
      assertThat(value).doesNotContain(random).doesNotContain("alice-password");
    }
  }

  static char[] pw(String password) {
    return password.toCharArray();
  }

  static RepositoryName repo(String name) {
    return new RepositoryName(name);
  }

  private String storedPasswordHash(String user) throws IOException {
    byte[] value = meta.get(("user/" + user).getBytes(StandardCharsets.UTF_8)).orElseThrow();
    String text = new String(value, StandardCharsets.ISO_8859_1);
    return text.substring(text.indexOf("$pbkdf2"));
  }
}
