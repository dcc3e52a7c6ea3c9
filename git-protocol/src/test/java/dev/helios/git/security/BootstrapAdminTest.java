package dev.helios.git.security;

import static dev.helios.git.security.SecurityStoreTest.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapAdminTest {
  private final MutableClock clock = new MutableClock(SecurityStoreTest.T0);
  private final KeyValueStore meta = KeyValueStores.inMemory();
  private final AuditLog audit = new AuditLog(meta, clock);
  private final SecurityStore security =
      new SecurityStore(meta, audit, clock, SecurityStoreTest.FAST);

  @TempDir Path data;

  @AfterEach
  void close() throws IOException {
    meta.close();
  }

  @Test
  void bootstrapAdmin_noUsers_createsAdminWithRandomPassword() throws IOException {
    Optional<String> password = security.bootstrapAdmin(data);

    assertThat(password).isPresent();
    assertThat(password.get()).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
    assertThat(security.listUsers())
        .containsExactly(new UserInfo("admin", true, SecurityStoreTest.T0));
    assertThat(security.authenticate("admin", password.get()))
        .contains(new Principal("admin", true));
    assertThat(audit.tail(1).get(0).event().actor()).isEqualTo("system");
  }

  @Test
  void bootstrapAdmin_noUsers_writesThePasswordToAnOwnerOnlyFile() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "file modes are POSIX-only");

    String password = security.bootstrapAdmin(data).orElseThrow();

    Path file = data.resolve(SecurityStore.INITIAL_PASSWORD_FILE);
    assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void bootstrapAdmin_secondCall_emptyAndPasswordUnchanged() throws IOException {
    String password = security.bootstrapAdmin(data).orElseThrow();

    Optional<String> again = security.bootstrapAdmin(data);

    assertThat(again).isEmpty();
    assertThat(security.authenticate("admin", password)).isPresent();
    assertThat(security.listUsers()).hasSize(1);
  }

  @Test
  void bootstrapAdmin_otherUserExists_emptyAndNoFile() throws IOException {
    security.addUser("system", "alice", pw("alice-password"), true);

    Optional<String> password = security.bootstrapAdmin(data);

    assertThat(password).isEmpty();
    assertThat(data.resolve(SecurityStore.INITIAL_PASSWORD_FILE)).doesNotExist();
  }

  @Test
  void bootstrapAdmin_missingDirectory_createsIt() throws IOException {
    Path nested = data.resolve("a/b");

    assertThat(security.bootstrapAdmin(nested)).isPresent();
    assertThat(nested.resolve(SecurityStore.INITIAL_PASSWORD_FILE)).exists();
  }
}
