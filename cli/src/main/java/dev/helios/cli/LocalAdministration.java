package dev.helios.cli;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.CreatedToken;
import dev.helios.git.security.Role;
import dev.helios.git.security.UserInfo;
import dev.helios.git.server.ApiDocuments;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.storage.GcResult;
import dev.helios.git.storage.RepositoryInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Administration} on a data directory opened by this process. Confined to the command's
 * thread.
 */
final class LocalAdministration implements Administration {
  /*
   * Whoever can open the data directory owns everything in it, so no permission is checked; the
   * audit log names the operating-system user ("local:NAME") as the actor.
   */

  private final DataDirectory data;
  private final String actor;

  LocalAdministration(DataDirectory data) {
    this.data = data;
    String osUser = System.getProperty("user.name", "");
    this.actor = "local:" + (osUser.isBlank() ? "unknown" : osUser);
  }

  @Override
  public Map<String, Object> createRepository(String name) throws IOException {
    return ApiDocuments.repository(data.createRepository(actor, RepositoryName.parse(name)));
  }

  @Override
  public List<Map<String, Object>> listRepositories() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RepositoryInfo info : data.repositories().list()) {
      out.add(ApiDocuments.repository(info));
    }
    return out;
  }

  @Override
  public void deleteRepository(String name) throws IOException {
    data.deleteRepository(actor, RepositoryName.parse(name));
  }

  @Override
  public Map<String, Object> addUser(String name, char[] password, boolean admin)
      throws IOException {
    data.security().addUser(actor, name, password, admin);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("admin", admin);
    return out;
  }

  @Override
  public List<Map<String, Object>> listUsers() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (UserInfo user : data.security().listUsers()) {
      out.add(ApiDocuments.user(user));
    }
    return out;
  }

  @Override
  public Map<String, Object> createToken(String user, String label) throws IOException {
    CreatedToken token = data.security().createToken(actor, user, label, null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", token.id());
    out.put("secret", token.secret());
    return out;
  }

  @Override
  public void grant(String user, String repository, String role) throws IOException {
    data.grant(actor, user, RepositoryName.parse(repository), role(role));
  }

  @Override
  public void revoke(String user, String repository) throws IOException {
    if (!data.security().revoke(actor, user, RepositoryName.parse(repository))) {
      throw new CliException("user " + user + " has no grant on " + repository);
    }
  }

  @Override
  public List<Map<String, Object>> auditTail(int n) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AuditRecord r : data.audit().tail(n)) {
      out.add(ApiDocuments.auditRecord(r));
    }
    return out;
  }

  @Override
  public Map<String, Object> auditVerify() throws IOException {
    AuditLog.VerifyResult result = data.audit().verify();
    Optional<AuditRecord> broken =
        result.firstBroken().isPresent()
            ? data.readAuditRecord(result.firstBroken().getAsLong())
            : Optional.empty();
    return ApiDocuments.auditVerify(result, broken);
  }

  @Override
  public Map<String, Object> gc(Optional<String> repository) throws IOException {
    List<Map<String, Object>> results = new ArrayList<>();
    for (GcResult r : data.gc(actor, repository.map(RepositoryName::parse))) {
      results.add(ApiDocuments.gc(r));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("results", results);
    out.put("sweep", ApiDocuments.sweep(data.repositories().sweepChunks()));
    return out;
  }

  static Role role(String raw) {
    try {
      return Role.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("role must be read, write or admin: '" + raw + "'", 2);
    }
  }

  @Override
  public void close() throws IOException {
    data.close();
  }
}
