package dev.helios.git.server;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.git.security.UserInfo;
import dev.helios.git.storage.GcResult;
import dev.helios.git.storage.RepositoryInfo;
import dev.helios.git.storage.SweepResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the admin API ({@code /api/v1}), as trees of maps, strings, numbers and
 * booleans that Jackson writes as-is. The server answers with them and the command line prints
 * them for {@code --json} in both its modes, so the two always agree. Stateless; every returned
 * map is a new, modifiable {@link LinkedHashMap} in a stable key order.
 */
public final class ApiDocuments {
  private ApiDocuments() {}

  /**
   * {@code {name, head, packs, packBytes, created}}; {@code created} is ISO-8601. The map is
   * mutable: a caller may add fields (the repository endpoint adds {@code twins}).
   */
  public static Map<String, Object> repository(RepositoryInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", info.name().value());
    out.put("head", info.head());
    out.put("packs", info.packCount());
    out.put("packBytes", info.packBytes());
    out.put("created", info.created().toString());
    return out;
  }

  /** {@code {name, admin, created}}. */
  public static Map<String, Object> user(UserInfo user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", user.name());
    out.put("admin", user.serverAdmin());
    out.put("created", user.created().toString());
    return out;
  }

  /** {@code {sequence, time, actor, action, target, details, hash}}. */
  public static Map<String, Object> auditRecord(AuditRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sequence", r.sequence());
    out.put("time", r.time().toString());
    out.put("actor", r.event().actor());
    out.put("action", r.event().action());
    out.put("target", r.event().target());
    out.put("details", new LinkedHashMap<>(r.event().details()));
    out.put("hash", r.hash().toString());
    return out;
  }

  /**
   * {@code {ok, checked}} plus, when broken, {@code firstBroken}, {@code problem} and (when it can
   * be read) {@code record}.
   */
  public static Map<String, Object> auditVerify(
      AuditLog.VerifyResult result, Optional<AuditRecord> broken) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", result.ok());
    out.put("checked", result.checked());
    if (result.firstBroken().isPresent()) {
      out.put("firstBroken", result.firstBroken().getAsLong());
      out.put("problem", result.problem());
      broken.ifPresent(r -> out.put("record", auditRecord(r)));
    }
    return out;
  }

  /** {@code {repo, packsBefore, packsAfter, bytesBefore, bytesAfter, millis}}. */
  public static Map<String, Object> gc(GcResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("repo", r.name().value());
    out.put("packsBefore", r.packsBefore());
    out.put("packsAfter", r.packsAfter());
    out.put("bytesBefore", r.bytesBefore());
    out.put("bytesAfter", r.bytesAfter());
    out.put("millis", r.took().toMillis());
    return out;
  }

  /** {@code {chunksDeleted, bytesFreed}}. */
  public static Map<String, Object> sweep(SweepResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("chunksDeleted", r.chunksDeleted());
    out.put("bytesFreed", r.bytesFreed());
    return out;
  }
}
