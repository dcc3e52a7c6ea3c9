package dev.helios.git.server.internal;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.VstPaths;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.WorkspaceInfo;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.Principal;
import dev.helios.git.security.Role;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.workspace.GitTreeImport;
import dev.helios.git.workspace.SnapshotPublisher;
import dev.helios.git.workspace.WorkspaceDocuments;
import dev.helios.git.workspace.WorkspaceOwners;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * The workspace operations of the HTTP API, with their permission checks, returning JSON
 * documents. Thread-safe: operations on one workspace name run one at a time.
 */
final class WorkspaceApi {
  /*
   * Permissions: every operation needs an authenticated user. A workspace belongs to the user
   * who created it through the API (WorkspaceOwners); its owner and server administrators may
   * read, change, commit and delete it, nobody else (403). Workspaces made with the command line
   * have no owner, so only administrators reach them. Creating from a repository needs read
   * access to that repository. A snapshot id from a non-administrator must be in the history
   * of one of the workspace's branches, so ids cannot reach into other users' workspaces.
   *
   * Each request opens the workspace, works, saves (when it changed something) and closes it:
   * the server keeps no uncommitted state in memory, so a restart loses nothing acknowledged.
   * Requests on one name are serialized by a lock stripe so that two writes cannot both start
   * from the same saved tree and lose one; the lock is held across the store I/O on purpose.
   */

  static final int MAX_LOG = 10_000;
  private static final int STRIPES = 64;

  private final DataDirectory data;
  private final Workspaces workspaces;
  private final WorkspaceOwners owners;
  private final SnapshotPublisher publisher;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  WorkspaceApi(DataDirectory data) {
    this.data = Objects.requireNonNull(data, "data");
    this.workspaces = data.storage().workspaces();
    this.owners = new WorkspaceOwners(data.storage().meta());
    this.publisher = new SnapshotPublisher(data.repositories());
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** An answer other than success: its HTTP status and message. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** A file's content and kind. */
  record FileContent(EntryKind kind, byte[] bytes) {}

  /** What an operation does with an open workspace. */
  @FunctionalInterface
  private interface Operation<T> {
    T apply(Workspace workspace) throws IOException, Refusal;
  }

  // ---- workspaces --------------------------------------------------------------------------

  Map<String, Object> list(Principal caller) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (WorkspaceInfo info : workspaces.list()) {
      Optional<String> owner = owners.owner(info.name());
      if (caller.serverAdmin() || owner.equals(Optional.of(caller.user()))) {
        out.add(document(info, owner));
      }
    }
    return Map.of("workspaces", out);
  }

  Map<String, Object> create(
      Principal caller, String name, @Nullable String repository, @Nullable String ref)
      throws IOException, Refusal {
    checkName(name);
    if (repository == null && ref != null) {
      throw new Refusal(400, "field 'ref' needs 'repository'");
    }
    RepositoryName repo = repository == null ? null : RepositoryName.parse(repository);
    if (repo != null
        && !data.security().isAllowed(Optional.of(caller), repo, Role.READ, AnonymousAccess.NONE)) {
      throw new Refusal(403, "user " + caller.user() + " has no read access to " + repo);
    }
    ReentrantLock lock = lock(name);
    lock.lock();
    try {
      Map<String, String> details = new LinkedHashMap<>();
      Hash snapshot = null;
      if (repo == null) {
        workspaces.create(name).close();
      } else {
        snapshot = GitTreeImport.createWorkspace(data.repositories(), repo, ref, name).snapshot();
        details.put("repository", repo.value());
        details.put("ref", ref == null ? "HEAD" : ref);
        details.put("snapshot", snapshot.toHex());
      }
      owners.set(name, caller.user());
      data.audit().append(new AuditEvent(caller.user(), "ws.create", name, details));
      Map<String, Object> out = document(info(name), Optional.of(caller.user()));
      if (snapshot != null) {
        out.put("snapshot", snapshot.toHex());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  Map<String, Object> show(Principal caller, String name) throws IOException, Refusal {
    return locked(caller, name, false, w -> document(info(name), owners.owner(name)));
  }

  Map<String, Object> delete(Principal caller, String name) throws IOException, Refusal {
    ReentrantLock lock = lock(name);
    lock.lock();
    try {
      checkAccess(caller, name);
      workspaces.delete(name);
      owners.forget(name);
      data.audit().append(AuditEvent.of(caller.user(), "ws.delete", name));
      return Map.of("deleted", name);
    } finally {
      lock.unlock();
    }
  }

  // ---- files -------------------------------------------------------------------------------

  Map<String, Object> writeFile(
      Principal caller, String name, String path, byte[] content, EntryKind kind)
      throws IOException, Refusal {
    return locked(caller, name, true, w -> {
      w.write(path, content, kind);
      return WorkspaceDocuments.entry(w.stat(path).orElseThrow(() -> new NoSuchFileException(path)));
    });
  }

  FileContent readFile(Principal caller, String name, String path, @Nullable String rev)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      if (rev == null) {
        DirEntry e = w.stat(path).orElseThrow(() -> missingFile(name, path));
        return new FileContent(e.kind(), w.read(path));
      }
      Hash snapshot = resolve(caller, name, rev);
      DirEntry e = workspaces.stat(snapshot, path).orElseThrow(() -> missingFile(name, path));
      return new FileContent(e.kind(), workspaces.read(snapshot, path));
    });
  }

  Map<String, Object> deleteFile(Principal caller, String name, String path)
      throws IOException, Refusal {
    return locked(caller, name, true, w -> {
      if (!w.delete(path)) {
        throw missingFile(name, path);
      }
      return Map.of("deleted", VstPaths.normalize(path));
    });
  }

  Map<String, Object> tree(Principal caller, String name, String path, @Nullable String rev)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      List<DirEntry> entries =
          rev == null ? w.list(path) : workspaces.list(resolve(caller, name, rev), path);
      List<Map<String, Object>> out = new ArrayList<>();
      entries.forEach(e -> out.add(WorkspaceDocuments.entry(e)));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("path", VstPaths.normalize(path));
      doc.put("entries", out);
      return doc;
    });
  }

  // ---- history -----------------------------------------------------------------------------

  Map<String, Object> commit(
      Principal caller, String name, String message, Map<String, String> metadata)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      w.durability(data.storage().syncPolicy());
      w.author(caller.user() + " <" + caller.user() + "@helios>");
      Hash id = w.commit(message, metadata);
      data.audit().append(
          new AuditEvent(
              caller.user(), "ws.commit", name,
              Map.of("branch", w.branch(), "snapshot", id.toHex())));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("snapshot", id.toHex());
      out.put("branch", w.branch());
      return out;
    });
  }

  Map<String, Object> log(Principal caller, String name, @Nullable String rev, int limit)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      List<Map<String, Object>> out = new ArrayList<>();
      Hash from = rev == null ? w.head().orElse(null) : resolve(caller, name, rev);
      if (from != null) {
        for (Snapshot s : workspaces.log(from, limit)) {
          out.add(WorkspaceDocuments.snapshot(s));
        }
      }
      return Map.of("snapshots", out);
    });
  }

  Map<String, Object> branches(Principal caller, String name) throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      WorkspaceInfo info = info(name);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("branch", info.branch());
      out.put("branches", info.branches());
      return out;
    });
  }

  Map<String, Object> branch(Principal caller, String name, String branch)
      throws IOException, Refusal {
    return locked(caller, name, true, w -> {
      w.branch(branch);
      return document(info(name), owners.owner(name));
    });
  }

  Map<String, Object> checkout(Principal caller, String name, String branch)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      w.checkout(branch);
      return document(info(name), owners.owner(name));
    });
  }

  Map<String, Object> restore(Principal caller, String name, String rev)
      throws IOException, Refusal {
    return locked(caller, name, true, w -> {
      Hash snapshot = resolve(caller, name, rev);
      w.restore(snapshot);
      return Map.of("restored", snapshot.toHex());
    });
  }

  Map<String, Object> diff(Principal caller, String name, @Nullable String from, @Nullable String to)
      throws IOException, Refusal {
    return locked(caller, name, false, w -> {
      List<Change> changes;
      if (from == null && to == null) {
        changes = w.diff();
      } else if (to == null) {
        Hash fromRoot = workspaces.snapshot(resolve(caller, name, from)).root();
        List<Change> collected = new ArrayList<>();
        workspaces.diffTrees(fromRoot, w.root(), collected::add);
        changes = collected;
      } else {
        changes =
            workspaces.diff(
                resolve(caller, name, from == null ? "HEAD" : from), resolve(caller, name, to));
      }
      List<Map<String, Object>> out = new ArrayList<>();
      changes.forEach(c -> out.add(WorkspaceDocuments.change(c)));
      return Map.of("changes", out);
    });
  }

  /**
   * Publishes snapshot {@code rev} of the workspace (its head when null) and its unpublished
   * ancestors to {@code branch} of {@code repository} (the workspace's branch when null). Needs
   * access to the workspace and write access to the repository.
   */
  Map<String, Object> publish(
      Principal caller, String name, String repository, @Nullable String branch,
      @Nullable String rev) throws IOException, Refusal {
    RepositoryName repo = RepositoryName.parse(repository);
    checkName(name);
    if (!data.security().isAllowed(Optional.of(caller), repo, Role.WRITE, AnonymousAccess.NONE)) {
      throw new Refusal(403, "user " + caller.user() + " has no write access to " + repo);
    }
    return locked(caller, name, false, w -> {
      Hash snapshot;
      if (rev != null) {
        snapshot = resolve(caller, name, rev);
      } else {
        snapshot = w.head().orElseThrow(() -> new Refusal(409, "workspace '" + name
            + "' has no snapshot on branch " + w.branch() + " to publish; commit first"));
      }
      SnapshotPublisher.Result result =
          publisher.publish(repo, snapshot, branch == null ? w.branch() : branch);
      String shortBranch = Repository.shortenRefName(result.branch());
      data.audit().append(
          new AuditEvent(
              caller.user(), "ws.publish", name,
              Map.of("repository", repo.value(), "branch", shortBranch,
                  "snapshot", snapshot.toHex(), "commit", result.commit().name())));
      return result.document();
    });
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private <T> T locked(Principal caller, String name, boolean save, Operation<T> operation)
      throws IOException, Refusal {
    checkName(name);
    ReentrantLock lock = lock(name);
    lock.lock();
    try {
      checkAccess(caller, name);
      try (Workspace workspace = workspaces.open(name)) {
        T result = operation.apply(workspace);
        if (save) {
          workspace.durability(data.storage().syncPolicy());
          workspace.save();
        }
        return result;
      }
    } finally {
      lock.unlock();
    }
  }

  private void checkAccess(Principal caller, String name) throws IOException, Refusal {
    if (!workspaces.exists(name)) {
      throw new Refusal(404, "no workspace '" + name + "'");
    }
    if (!caller.serverAdmin() && !owners.owner(name).equals(Optional.of(caller.user()))) {
      throw new Refusal(403, "user " + caller.user() + " has no access to workspace '" + name + "'");
    }
  }

  /** Resolves a revision; a snapshot id from a non-administrator must be in this history. */
  private Hash resolve(Principal caller, String name, String rev) throws IOException, Refusal {
    boolean id = rev.length() == Hash.LENGTH * 2 && rev.matches("[0-9a-fA-F]+");
    if (id && !caller.serverAdmin() && !inHistory(name, Hash.fromHex(rev.toLowerCase(java.util.Locale.ROOT)))) {
      throw new Refusal(404, "workspace '" + name + "' has no snapshot " + rev);
    }
    return workspaces.resolve(name, rev);
  }

  private boolean inHistory(String name, Hash id) throws IOException {
    for (String branch : workspaces.branches(name)) {
      Hash head = workspaces.ref(name, branch).orElse(null);
      if (head != null) {
        for (Snapshot s : workspaces.log(head, Integer.MAX_VALUE)) {
          if (s.id().equals(id)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private WorkspaceInfo info(String name) throws IOException, Refusal {
    return workspaces.info(name).orElseThrow(() -> new Refusal(404, "no workspace '" + name + "'"));
  }

  private static Map<String, Object> document(WorkspaceInfo info, Optional<String> owner) {
    Map<String, Object> out = WorkspaceDocuments.workspace(info);
    out.put("owner", owner.orElse(null));
    return out;
  }

  private static Refusal missingFile(String name, String path) {
    return new Refusal(404, "no file '" + path + "' in workspace '" + name + "'");
  }

  private static void checkName(String name) {
    String problem = Workspaces.nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  private ReentrantLock lock(String name) {
    return locks[Math.floorMod(name.hashCode(), STRIPES)];
  }
}
