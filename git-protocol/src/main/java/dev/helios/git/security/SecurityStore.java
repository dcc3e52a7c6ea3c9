package dev.helios.git.security;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.internal.OwnerOnlyFile;
import dev.helios.git.security.internal.PasswordHasher;
import dev.helios.git.security.internal.Secrets;
import dev.helios.git.security.internal.SecurityCodec;
import dev.helios.git.security.internal.SecurityCodec.StoredToken;
import dev.helios.git.security.internal.SecurityCodec.StoredUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Users, passwords, access tokens and per-repository roles, kept in the metadata store, with
 * every change written to the {@link AuditLog}. Thread-safe.
 *
 * <p>Every mutating method takes the {@code actor} who asked for the change first (a user name or
 * {@link AuditEvent#SYSTEM}); it is recorded in the audit event, not checked: callers decide who
 * may make changes, for example with {@link #isAllowed} and {@link Principal#serverAdmin()}.
 * All arguments are non-null unless marked otherwise. Methods that read or write the store throw
 * {@link IOException} when it fails.
 */
public final class SecurityStore {
  /*
   * Passwords: PBKDF2-HMAC-SHA256 (PasswordHasher), 210,000 iterations by default, 16-byte
   * salt, stored as "$pbkdf2-sha256$i=N$salt$key" so the cost can rise later; a successful login
   * with an older, cheaper hash re-hashes the password at the current cost.
   *
   * Tokens: "hel_" + base64url(32 random bytes). Only BLAKE3(secret) is stored, as the key of
   * the token record, so authentication is one point read. A slow KDF is for low-entropy
   * secrets that can be guessed; a 256-bit random secret cannot be brute-forced from its hash,
   * and a fast hash keeps per-request token checks cheap (git sends credentials on every
   * request). A second key per user lists the tokens and finds them by id for revocation.
   *
   * Timing: authenticate() always ends in one PBKDF2 derivation unless a valid token matched.
   * An unknown or malformed user name is checked against a dummy hash of the same cost, so
   * response time does not tell which user names exist. A token lookup is keyed by the secret
   * only and does not depend on the user. Known residual: a user whose stored hash predates a
   * cost increase verifies at the old cost until their next login re-hashes it.
   *
   * Concurrency: mutations hold one lock for their read-modify-write of the store, so that, for
   * example, deleting a user cannot miss a grant added at the same moment; they also commit
   * with expectations on the user record, which guards against other processes sharing the
   * store. Reads (authenticate, isAllowed, listings) take no lock. Audit events are appended
   * after the lock is released: the audit log is another resource with its own atomicity.
   * A crash between a change and its audit append loses that audit event; the change itself
   * is durable.
   */

  /** The name of the user {@link #bootstrapAdmin} creates. */
  public static final String BOOTSTRAP_ADMIN = "admin";

  /** The file {@link #bootstrapAdmin} writes the first administrator's password to. */
  public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

  /** The shortest password accepted, in characters. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  /** The longest password accepted, in characters. */
  public static final int MAX_PASSWORD_LENGTH = 1024;

  /** The longest token label accepted, in characters. */
  public static final int MAX_LABEL_LENGTH = 100;

  /** The prefix of every token secret. */
  public static final String TOKEN_PREFIX = Secrets.TOKEN_PREFIX;

  private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int BOOTSTRAP_PASSWORD_BYTES = 24;
  private static final int MAX_AUDIT_FIELD = 256;

  private final KeyValueStore meta;
  private final AuditLog audit;
  private final Clock clock;
  private final PasswordHasher passwords;
  private final Secrets secrets;
  private final ReentrantLock mutations = new ReentrantLock();
  private final ReentrantLock bootstrap = new ReentrantLock();

  /**
   * Creates a store over {@code meta} that hashes passwords with the default cost ({@value
   * PasswordHasher#DEFAULT_ITERATIONS} PBKDF2 iterations). It does not own {@code meta} or
   * {@code audit} and never closes them.
   */
  public SecurityStore(KeyValueStore meta, AuditLog audit, Clock clock) {
    this(meta, audit, clock, PasswordHasher.DEFAULT_ITERATIONS);
  }

  /**
   * Creates a store that hashes new passwords with {@code passwordIterations} PBKDF2 iterations.
   * Lower counts than the default are for tests only.
   *
   * @throws IllegalArgumentException if {@code passwordIterations} is below {@value
   *     PasswordHasher#MIN_ITERATIONS}
   */
  public SecurityStore(KeyValueStore meta, AuditLog audit, Clock clock, int passwordIterations) {
    this.meta = Objects.requireNonNull(meta, "meta");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    SecureRandom random = new SecureRandom();
    this.secrets = new Secrets(random);
    this.passwords = new PasswordHasher(passwordIterations, random);
  }

  /**
   * Checks a user name: 1 to 64 characters of {@code a-z 0-9 . _ -}, starting with a letter or
   * digit.
   *
   * @throws IllegalArgumentException naming the rule if {@code name} breaks it
   */
  public static void checkUserName(String name) {
    if (!USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid user name '"
              + printable(name)
              + "': use 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a"
              + " letter or digit");
    }
  }

  /**
   * Creates the first administrator when the store has no users yet: user {@value
   * #BOOTSTRAP_ADMIN}, a server admin, with a random 32-character URL-safe password. The password
   * is written to {@code dataDirectory/}{@value #INITIAL_PASSWORD_FILE}, created readable and
   * writable by the owner only (mode 0600 where the file system is POSIX), and returned so the
   * caller can print it once. Returns empty when any user exists.
   *
   * @throws IOException if the file or the store cannot be written
   */
  public Optional<String> bootstrapAdmin(Path dataDirectory) throws IOException {
    // Serializes bootstraps in this process, so two of them never share the password file.
    bootstrap.lock();
    try {
      return bootstrapLocked(dataDirectory);
    } finally {
      bootstrap.unlock();
    }
  }

  private Optional<String> bootstrapLocked(Path dataDirectory) throws IOException {
    if (!meta.scan(SecurityCodec.userPrefix(), 1).isEmpty()) {
      return Optional.empty();
    }
    String password = secrets.randomText(BOOTSTRAP_PASSWORD_BYTES);
    Files.createDirectories(dataDirectory);
    Path file = dataDirectory.resolve(INITIAL_PASSWORD_FILE);
    // Written before the user exists: a failure here leaves no administrator nobody can log in as.
    OwnerOnlyFile.write(file, (password + "\n").getBytes(StandardCharsets.US_ASCII));
    char[] chars = password.toCharArray();
    try {
      addUser(AuditEvent.SYSTEM, BOOTSTRAP_ADMIN, chars, true);
    } catch (UserExistsException e) {
      // Another process bootstrapped first; its password file is the valid one.
      Files.deleteIfExists(file);
      return Optional.empty();
    } finally {
      Arrays.fill(chars, '\0');
    }
    return Optional.of(password);
  }

  /**
   * Adds a user. The password array is not modified; the caller should clear it.
   *
   * @throws IllegalArgumentException if {@code name} is invalid (see {@link #checkUserName}) or
   *     the password is shorter than {@value #MIN_PASSWORD_LENGTH} or longer than {@value
   *     #MAX_PASSWORD_LENGTH} characters
   * @throws UserExistsException if the name is taken
   * @throws IOException if the store fails
   */
  public void addUser(String actor, String name, char[] password, boolean serverAdmin)
      throws IOException {
    checkUserName(name);
    checkPassword(password);
    StoredUser user = new StoredUser(serverAdmin, clock.instant(), passwords.hash(password));
    byte[] key = SecurityCodec.userKey(name);
    mutations.lock();
    try {
      if (!meta.commit(new KvBatch().expect(key, null).put(key, user.encode()))) {
        throw new UserExistsException(name);
      }
    } finally {
      mutations.unlock();
    }
    audit(actor, "user.add", name, Map.of("serverAdmin", Boolean.toString(serverAdmin)));
  }

  /**
   * Replaces a user's password. Existing tokens keep working.
   *
   * @throws IllegalArgumentException if the password length is out of bounds
   * @throws UnknownUserException if there is no such user
   * @throws IOException if the store fails
   */
  public void setPassword(String actor, String name, char[] password) throws IOException {
    checkPassword(password);
    String hash = passwords.hash(password);
    byte[] key = SecurityCodec.userKey(name);
    mutations.lock();
    try {
      Optional<byte[]> current = meta.get(key);
      if (current.isEmpty()) {
        throw new UnknownUserException(name);
      }
      StoredUser old = StoredUser.decode(current.get());
      StoredUser updated = new StoredUser(old.serverAdmin(), old.created(), hash);
      if (!meta.commit(new KvBatch().expect(key, current.get()).put(key, updated.encode()))) {
        throw new IOException("user '" + name + "' changed concurrently in another process");
      }
    } finally {
      mutations.unlock();
    }
    audit(actor, "user.password", name, Map.of());
  }

  /**
   * Deletes a user with all their tokens and grants. Returns false when there was no such user.
   *
   * @throws IOException if the store fails
   */
  public boolean deleteUser(String actor, String name) throws IOException {
    byte[] key = SecurityCodec.userKey(name);
    int tokens;
    int grants;
    mutations.lock();
    try {
      Optional<byte[]> current = meta.get(key);
      if (current.isEmpty()) {
        return false;
      }
      KvBatch batch = new KvBatch().expect(key, current.get()).delete(key);
      List<KeyValueStore.Entry> tokenEntries =
          meta.scan(SecurityCodec.userTokenPrefix(name), Integer.MAX_VALUE);
      for (KeyValueStore.Entry entry : tokenEntries) {
        batch.delete(entry.key()).delete(SecurityCodec.tokenKey(entry.value()));
      }
      byte[] grantPrefix = SecurityCodec.grantPrefix(name);
      List<KeyValueStore.Entry> grantEntries = meta.scan(grantPrefix, Integer.MAX_VALUE);
      for (KeyValueStore.Entry entry : grantEntries) {
        String repo = SecurityCodec.suffix(entry.key(), grantPrefix);
        batch.delete(entry.key()).delete(SecurityCodec.repoGrantKey(repo, name));
      }
      if (!meta.commit(batch)) {
        throw new IOException("user '" + name + "' changed concurrently in another process");
      }
      tokens = tokenEntries.size();
      grants = grantEntries.size();
    } finally {
      mutations.unlock();
    }
    audit(
        actor,
        "user.delete",
        name,
        Map.of("tokens", Integer.toString(tokens), "grants", Integer.toString(grants)));
    return true;
  }

  /**
   * Returns every user in name order; unmodifiable.
   *
   * @throws IOException if the store fails or holds a malformed user record
   */
  public List<UserInfo> listUsers() throws IOException {
    byte[] prefix = SecurityCodec.userPrefix();
    List<UserInfo> users = new ArrayList<>();
    for (KeyValueStore.Entry entry : meta.scan(prefix, Integer.MAX_VALUE)) {
      StoredUser user = StoredUser.decode(entry.value());
      users.add(
          new UserInfo(SecurityCodec.suffix(entry.key(), prefix), user.serverAdmin(), user.created()));
    }
    return Collections.unmodifiableList(users);
  }

  /**
   * Creates an access token for {@code user} and returns it with its secret, which is not
   * stored and cannot be shown again.
   *
   * @param expires when the token stops working, or null for never
   * @throws IllegalArgumentException if {@code label} is blank, longer than {@value
   *     #MAX_LABEL_LENGTH} characters or has control characters, or {@code expires} is not in the
   *     future
   * @throws UnknownUserException if there is no such user
   * @throws IOException if the store fails
   */
  public CreatedToken createToken(
      String actor, String user, String label, @Nullable Instant expires) throws IOException {
    checkLabel(label);
    Instant now = clock.instant();
    if (expires != null && !expires.isAfter(now)) {
      throw new IllegalArgumentException("token expiry must be in the future: " + expires);
    }
    String secret = secrets.tokenSecret();
    String id = secrets.tokenId();
    byte[] tokenHash = Secrets.tokenHash(secret);
    byte[] userKey = SecurityCodec.userKey(user);
    mutations.lock();
    try {
      Optional<byte[]> current = meta.get(userKey);
      if (current.isEmpty()) {
        throw new UnknownUserException(user);
      }
      StoredToken token = new StoredToken(id, user, label, now, expires);
      byte[] tokenKey = SecurityCodec.tokenKey(tokenHash);
      byte[] listKey = SecurityCodec.userTokenKey(user, id);
      KvBatch batch =
          new KvBatch()
              .expect(userKey, current.get())
              .expect(tokenKey, null)
              .expect(listKey, null)
              .put(tokenKey, token.encode())
              .put(listKey, tokenHash);
      if (!meta.commit(batch)) {
        throw new IOException("user '" + user + "' changed concurrently in another process");
      }
    } finally {
      mutations.unlock();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("id", id);
    details.put("label", label);
    if (expires != null) {
      details.put("expires", expires.toString());
    }
    audit(actor, "token.create", user, details);
    return new CreatedToken(id, secret);
  }

  /**
   * Returns {@code user}'s tokens (expired ones included) ordered by id; unmodifiable. Empty for
   * an unknown user.
   *
   * @throws IOException if the store fails or holds a malformed token record
   */
  public List<TokenInfo> listTokens(String user) throws IOException {
    List<TokenInfo> tokens = new ArrayList<>();
    for (KeyValueStore.Entry entry :
        meta.scan(SecurityCodec.userTokenPrefix(user), Integer.MAX_VALUE)) {
      Optional<byte[]> value = meta.get(SecurityCodec.tokenKey(entry.value()));
      if (value.isPresent()) {
        StoredToken token = StoredToken.decode(value.get());
        tokens.add(
            new TokenInfo(token.id(), token.user(), token.label(), token.created(), token.expires()));
      }
    }
    return Collections.unmodifiableList(tokens);
  }

  /**
   * Revokes {@code user}'s token {@code id}. Returns false when there was no such token.
   *
   * @throws IOException if the store fails
   */
  public boolean revokeToken(String actor, String user, String id) throws IOException {
    byte[] listKey = SecurityCodec.userTokenKey(user, id);
    mutations.lock();
    try {
      Optional<byte[]> tokenHash = meta.get(listKey);
      if (tokenHash.isEmpty()) {
        return false;
      }
      meta.write(new KvBatch().delete(listKey).delete(SecurityCodec.tokenKey(tokenHash.get())));
    } finally {
      mutations.unlock();
    }
    audit(actor, "token.revoke", user, Map.of("id", id));
    return true;
  }

  /**
   * Returns the principal {@code user} authenticates as with {@code secret}, which may be the
   * user's password or the secret of one of their unexpired tokens; empty when it is neither.
   * An unknown user takes as long as a wrong password. Does not record failures: see {@link
   * #recordAuthFailure}.
   *
   * @throws IOException if the store fails or holds a malformed record
   */
  public Optional<Principal> authenticate(String user, String secret) throws IOException {
    boolean validName = USER_NAME.matcher(user).matches();
    if (validName && secret.startsWith(TOKEN_PREFIX)) {
      Optional<Principal> byToken = authenticateToken(user, secret);
      if (byToken.isPresent()) {
        return byToken;
      }
      // Fall through: a password may start with the token prefix too.
    }
    char[] password = secret.toCharArray();
    try {
      Optional<byte[]> value =
          validName ? meta.get(SecurityCodec.userKey(user)) : Optional.empty();
      if (value.isEmpty()) {
        passwords.verifyDummy(password);
        return Optional.empty();
      }
      StoredUser stored = StoredUser.decode(value.get());
      if (!verify(password, stored.passwordHash(), user)) {
        return Optional.empty();
      }
      if (passwords.needsRehash(stored.passwordHash())) {
        rehash(user, value.get(), stored, password);
      }
      return Optional.of(new Principal(user, stored.serverAdmin()));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Records a failed login by {@code user} (as the client typed it) from {@code remoteAddress}
   * as an {@code auth.failure} audit event by {@value AuditEvent#ANONYMOUS}.
   *
   * @throws IOException if the audit log cannot be written
   */
  public void recordAuthFailure(String user, String remoteAddress) throws IOException {
    audit(AuditEvent.ANONYMOUS, "auth.failure", clip(user), Map.of("remote", clip(remoteAddress)));
  }

  /**
   * Gives {@code user} {@code role} on {@code repo}, replacing any role they had there.
   *
   * @throws UnknownUserException if there is no such user
   * @throws IOException if the store fails
   */
  public void grant(String actor, String user, RepositoryName repo, Role role) throws IOException {
    Objects.requireNonNull(role, "role");
    byte[] userKey = SecurityCodec.userKey(user);
    byte[] roleBytes = role.name().getBytes(StandardCharsets.US_ASCII);
    mutations.lock();
    try {
      Optional<byte[]> current = meta.get(userKey);
      if (current.isEmpty()) {
        throw new UnknownUserException(user);
      }
      KvBatch batch =
          new KvBatch()
              .expect(userKey, current.get())
              .put(SecurityCodec.grantKey(user, repo.value()), roleBytes)
              .put(SecurityCodec.repoGrantKey(repo.value(), user), roleBytes);
      if (!meta.commit(batch)) {
        throw new IOException("user '" + user + "' changed concurrently in another process");
      }
    } finally {
      mutations.unlock();
    }
    audit(actor, "grant", repo.value(), Map.of("user", user, "role", role.name()));
  }

  /**
   * Takes away whatever role {@code user} has on {@code repo}. Returns false when they had none.
   *
   * @throws IOException if the store fails
   */
  public boolean revoke(String actor, String user, RepositoryName repo) throws IOException {
    byte[] grantKey = SecurityCodec.grantKey(user, repo.value());
    Role old;
    mutations.lock();
    try {
      Optional<byte[]> current = meta.get(grantKey);
      if (current.isEmpty()) {
        return false;
      }
      old = decodeRole(current.get());
      meta.write(
          new KvBatch().delete(grantKey).delete(SecurityCodec.repoGrantKey(repo.value(), user)));
    } finally {
      mutations.unlock();
    }
    audit(actor, "revoke", repo.value(), Map.of("user", user, "role", old.name()));
    return true;
  }

  /**
   * Returns {@code user}'s roles by repository, in repository order; unmodifiable. Empty for an
   * unknown user.
   *
   * @throws IOException if the store fails or holds a malformed grant
   */
  public Map<RepositoryName, Role> grantsOf(String user) throws IOException {
    byte[] prefix = SecurityCodec.grantPrefix(user);
    Map<RepositoryName, Role> grants = new LinkedHashMap<>();
    for (KeyValueStore.Entry entry : meta.scan(prefix, Integer.MAX_VALUE)) {
      grants.put(
          new RepositoryName(SecurityCodec.suffix(entry.key(), prefix)), decodeRole(entry.value()));
    }
    return Collections.unmodifiableMap(grants);
  }

  /**
   * Returns the grants on {@code repo}, in user order; unmodifiable.
   *
   * @throws IOException if the store fails or holds a malformed grant
   */
  public List<GrantInfo> grantsOn(RepositoryName repo) throws IOException {
    byte[] prefix = SecurityCodec.repoGrantPrefix(repo.value());
    List<GrantInfo> grants = new ArrayList<>();
    for (KeyValueStore.Entry entry : meta.scan(prefix, Integer.MAX_VALUE)) {
      grants.add(
          new GrantInfo(SecurityCodec.suffix(entry.key(), prefix), repo, decodeRole(entry.value())));
    }
    return Collections.unmodifiableList(grants);
  }

  /**
   * Whether {@code who} may do what {@code needed} permits in {@code repo}. Server admins may do
   * everything; a user may do what their grant on {@code repo} includes; anyone, signed in or
   * not, may do what {@code anonymous} allows (never {@link Role#ADMIN}).
   *
   * @param who the authenticated user, or empty for an anonymous request
   * @throws IOException if the store fails or holds a malformed grant
   */
  public boolean isAllowed(
      Optional<Principal> who, RepositoryName repo, Role needed, AnonymousAccess anonymous)
      throws IOException {
    Objects.requireNonNull(needed, "needed");
    Objects.requireNonNull(anonymous, "anonymous");
    if (anonymous.allows(needed)) {
      return true;
    }
    if (who.isEmpty()) {
      return false;
    }
    Principal principal = who.get();
    if (principal.serverAdmin()) {
      return true;
    }
    Optional<byte[]> grant = meta.get(SecurityCodec.grantKey(principal.user(), repo.value()));
    return grant.isPresent() && decodeRole(grant.get()).includes(needed);
  }

  /** Whether {@code who} may create repositories: server admins only. */
  public boolean mayCreateRepositories(Optional<Principal> who) {
    return who.map(Principal::serverAdmin).orElse(false);
  }

  private Optional<Principal> authenticateToken(String user, String secret) throws IOException {
    Optional<byte[]> value = meta.get(SecurityCodec.tokenKey(Secrets.tokenHash(secret)));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    StoredToken token = StoredToken.decode(value.get());
    Instant expires = token.expires();
    if (!token.user().equals(user) || (expires != null && !clock.instant().isBefore(expires))) {
      return Optional.empty();
    }
    Optional<byte[]> stored = meta.get(SecurityCodec.userKey(user));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Principal(user, StoredUser.decode(stored.get()).serverAdmin()));
  }

  private boolean verify(char[] password, String hash, String user) throws IOException {
    try {
      return passwords.verify(password, hash);
    } catch (IllegalArgumentException e) {
      throw new IOException("the stored password of user '" + user + "' is malformed", e);
    }
  }

  private void rehash(String user, byte[] current, StoredUser stored, char[] password)
      throws IOException {
    StoredUser updated =
        new StoredUser(stored.serverAdmin(), stored.created(), passwords.hash(password));
    // Best effort: if the user changed meanwhile, the next login tries again.
    meta.compareAndSet(SecurityCodec.userKey(user), current, updated.encode());
  }

  private void audit(String actor, String action, String target, Map<String, String> details)
      throws IOException {
    audit.append(new AuditEvent(actor, action, target, details));
  }

  private static Role decodeRole(byte[] value) throws IOException {
    String name = new String(value, StandardCharsets.US_ASCII);
    try {
      return Role.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed grant: unknown role '" + printable(name) + "'", e);
    }
  }

  private static void checkPassword(char[] password) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password too short: "
              + password.length
              + " characters, at least "
              + MIN_PASSWORD_LENGTH
              + " needed");
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "password too long: "
              + password.length
              + " characters, at most "
              + MAX_PASSWORD_LENGTH
              + " allowed");
    }
  }

  private static void checkLabel(String label) {
    if (label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "token label must be 1 to " + MAX_LABEL_LENGTH + " characters and not blank: '"
              + printable(label) + "'");
    }
    if (label.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "token label must not contain control characters: '" + printable(label) + "'");
    }
  }

  private static String clip(String s) {
    return s.length() <= MAX_AUDIT_FIELD ? s : s.substring(0, MAX_AUDIT_FIELD) + "…";
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    String clipped = s.length() <= 80 ? s : s.substring(0, 80) + "…";
    clipped.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** PBKDF2 iterations computed so far; lets tests check that every failed login costs alike. */
  long passwordWork() {
    return passwords.work();
  }
}
