package dev.helios.git.server;

import dev.helios.engine.Storage;
import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.security.Role;
import dev.helios.git.security.SecurityStore;
import dev.helios.git.storage.GcResult;
import dev.helios.git.storage.RepositoryInfo;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Every store of one Helios data directory, opened together: the storage, the repositories, the
 * audit log and the users and permissions. The server runs on one; the command line opens one
 * for commands that work on the directory directly. Thread-safe.
 *
 * <p>Only one process can have a data directory open at a time; {@link #open} fails with {@link
 * dev.helios.engine.errors.DataDirectoryInUseException} while another holds it.
 */
public final class DataDirectory implements AutoCloseable {
  /*
   * Layout: DATA/db is the RocksDB database (chunks and metadata, see Storage); the initial
   * administrator's password file is written beside it by SecurityStore.bootstrapAdmin. Nothing
   * else lives outside the database, so a backup of DATA while the server is stopped is complete.
   *
   * The administrative operations that are not SecurityStore's own (repository creation,
   * deletion, gc) live here so that the HTTP API and the command line audit them identically.
   */

  private final Path path;
  private final Storage storage;
  private final RepositoryStore repositories;
  private final AuditLog audit;
  private final SecurityStore security;

  private DataDirectory(
      Path path,
      Storage storage,
      RepositoryStore repositories,
      AuditLog audit,
      SecurityStore security) {
    this.path = path;
    this.storage = storage;
    this.repositories = repositories;
    this.audit = audit;
    this.security = security;
  }

  /**
   * Opens (creating if needed) the data directory {@code path}. The caller must close it.
   *
   * @param syncPolicy how acknowledged writes are made durable
   * @param autoGcPushThreshold packs a repository may collect from pushes before it is compacted;
   *     0 turns automatic compaction off
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process holds it
   * @throws IOException if it cannot be opened or created
   * @throws IllegalArgumentException if {@code autoGcPushThreshold} is negative
   */
  public static DataDirectory open(Path path, SyncPolicy syncPolicy, int autoGcPushThreshold)
      throws IOException {
    return open(
        path,
        syncPolicy,
        RepositoryStore.Options.builder().autoGcPushThreshold(autoGcPushThreshold).build());
  }

  /**
   * Opens (creating if needed) the data directory {@code path} with the given repository
   * settings; the server passes a background executor for automatic compaction, so a push never
   * waits for it, and must close the directory before shutting that executor down.
   *
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process holds it
   * @throws IOException if it cannot be opened or created
   */
  public static DataDirectory open(
      Path path, SyncPolicy syncPolicy, RepositoryStore.Options options) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(syncPolicy, "syncPolicy");
    Path absolute = path.toAbsolutePath().normalize();
    Storage storage =
        Storage.open(
            StorageOptions.builder(absolute.resolve("db")).syncPolicy(syncPolicy).build(),
            CacheOptions.defaults());
    try {
      RepositoryStore repositories = new RepositoryStore(storage, options);
      AuditLog audit = new AuditLog(storage.meta(), Clock.systemUTC());
      SecurityStore security = new SecurityStore(storage.meta(), audit, Clock.systemUTC());
      return new DataDirectory(absolute, storage, repositories, audit, security);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** The directory, absolute. */
  public Path path() {
    return path;
  }

  /** The storage underneath; closed by {@link #close()}. */
  public Storage storage() {
    return storage;
  }

  /** The repositories; closed by {@link #close()}. */
  public RepositoryStore repositories() {
    return repositories;
  }

  /** The audit log. */
  public AuditLog audit() {
    return audit;
  }

  /** Users, tokens and grants. */
  public SecurityStore security() {
    return security;
  }

  /**
   * Creates the repository {@code name} on behalf of {@code actor} and audits it as {@code
   * repo.create}.
   *
   * @throws dev.helios.git.errors.RepositoryExistsException if it exists
   * @throws IOException if the storage cannot be written
   */
  public RepositoryInfo createRepository(String actor, RepositoryName name) throws IOException {
    Repository created = repositories.create(name);
    created.close();
    audit.append(AuditEvent.of(actor, "repo.create", name.value()));
    return info(name).orElseThrow(() -> new RepositoryNotFoundException(name));
  }

  /**
   * Deletes the repository {@code name} on behalf of {@code actor}, auditing it as {@code
   * repo.delete}.
   *
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws IOException if the storage cannot be written
   */
  public void deleteRepository(String actor, RepositoryName name) throws IOException {
    if (!repositories.delete(name)) {
      throw new RepositoryNotFoundException(name);
    }
    audit.append(AuditEvent.of(actor, "repo.delete", name.value()));
  }

  /**
   * Gives {@code user} the {@code role} on repository {@code name} on behalf of {@code actor}
   * (audited by the security store).
   *
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws dev.helios.git.security.UnknownUserException if there is no such user
   * @throws IOException if the store fails
   */
  public void grant(String actor, String user, RepositoryName name, Role role) throws IOException {
    Optional<Repository> repository = repositories.open(name);
    if (repository.isEmpty()) {
      throw new RepositoryNotFoundException(name);
    }
    repository.get().close();
    security.grant(actor, user, name, role);
  }

  /**
   * Returns the summary of repository {@code name}, or empty if there is none.
   *
   * @throws IOException if the storage cannot be read
   */
  public Optional<RepositoryInfo> info(RepositoryName name) throws IOException {
    return repositories.list().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * Garbage-collects {@code name} (or every repository when it is empty) on behalf of {@code
   * actor} and audits each as {@code gc}. Returns the results in name order.
   *
   * @throws RepositoryNotFoundException if {@code name} names no repository
   * @throws IOException if the storage cannot be read or written
   */
  public List<GcResult> gc(String actor, Optional<RepositoryName> name) throws IOException {
    List<GcResult> results =
        name.isPresent() ? List.of(repositories.gc(name.get())) : repositories.gcAll();
    for (GcResult r : results) {
      audit.append(
          new AuditEvent(
              actor,
              "gc",
              r.name().value(),
              Map.of(
                  "packsBefore", Integer.toString(r.packsBefore()),
                  "packsAfter", Integer.toString(r.packsAfter()),
                  "bytesBefore", Long.toString(r.bytesBefore()),
                  "bytesAfter", Long.toString(r.bytesAfter()))));
    }
    return results;
  }

  /**
   * Returns audit record {@code sequence}, or empty when it is missing or cannot be decoded (as a
   * record that failed {@link AuditLog#verify()} may not be).
   */
  public Optional<AuditRecord> readAuditRecord(long sequence) {
    try {
      List<AuditRecord> found = audit.range(sequence, 1);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // unreadable: the verify result already says what is wrong
    }
  }

  /**
   * Closes the repositories, then the storage; idempotent.
   *
   * @throws IOException if the storage fails to close
   */
  @Override
  public void close() throws IOException {
    try {
      repositories.close();
    } finally {
      storage.close();
    }
  }
}
