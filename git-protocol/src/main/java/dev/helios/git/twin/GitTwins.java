package dev.helios.git.twin;

import dev.helios.engine.Storage;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.vst.ExternalContent;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLAKE3 twins of the Git objects of every repository of one {@link RepositoryStore}: blob
 * → content (BLAKE3 of the raw bytes, which stay in the pack), tree → directory node, commit →
 * snapshot, annotated tag → annotation. Thread-safe; one per repository store ({@link
 * RepositoryStore#twins()}).
 *
 * <p>Twins are built after each push, in the background ({@link #schedule}), or on demand
 * ({@link #build}); a repository with twin work recorded but not done is not {@link
 * #isComplete}, and a restart picks the work up again ({@link #resumePending}). Twins are
 * shared by repositories holding the same objects, and registered with the storage's garbage
 * collector.
 */
public final class GitTwins {
  private static final Logger LOG = LoggerFactory.getLogger(GitTwins.class);

  /** The name of the root set under which twin nodes are kept from garbage collection. */
  public static final String ROOT_SET = "git-twins";

  private final RepositoryStore repositories;
  private final Storage storage;
  private final Executor executor;
  // Per repository: a build running (value true: another one was asked for meanwhile).
  private final Map<RepositoryName, Boolean> running = new ConcurrentHashMap<>();

  /** Creates the twins of {@code repositories}' repositories; {@link RepositoryStore} does. */
  public GitTwins(RepositoryStore repositories, Storage storage, Executor executor) {
    this.repositories = Objects.requireNonNull(repositories, "repositories");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.executor = Objects.requireNonNull(executor, "executor");
    storage.workspaces().registerContentSource(new PackContent());
    storage.collector().register(ROOT_SET, this::forEachReferencedChunk);
  }

  /** The storage the twins are kept in; its {@link Storage#workspaces()} reads them. */
  public Storage storage() {
    return storage;
  }

  /**
   * Builds the twins of every object reachable from the refs of {@code name} that has none yet,
   * and returns what it did. Idempotent; after a crash it goes on where it stopped. Runs on the
   * calling thread; one build per repository at a time (a second call waits).
   *
   * @throws dev.helios.git.errors.RepositoryNotFoundException if there is no such repository
   * @throws IOException if the repository or the storage cannot be read or written
   */
  public TwinReport build(RepositoryName name) throws IOException {
    Objects.requireNonNull(name, "name");
    synchronized (lockFor(name)) {
      try (Repository repository = open(name)) {
        return new TwinBuilder(storage, name, repository, false, null).run();
      }
    }
  }

  /**
   * Records that {@code name} has twin work to do and does it on the executor; failures are
   * logged and the work stays recorded. Returns at once.
   */
  public void schedule(RepositoryName name) {
    Objects.requireNonNull(name, "name");
    try {
      storage.meta().write(new dev.helios.engine.kv.KvBatch().put(TwinIndex.pendingKey(name), new byte[0]));
    } catch (IOException e) {
      LOG.warn("cannot record twin work for repository '{}': {}", name, e.toString());
    }
    if (running.putIfAbsent(name, Boolean.FALSE) != null) {
      running.put(name, Boolean.TRUE);
      return;
    }
    try {
      executor.execute(() -> runScheduled(name));
    } catch (RuntimeException e) {
      running.remove(name);
      LOG.warn("cannot schedule twins of repository '{}': {}", name, e.toString());
    }
  }

  /** Schedules every repository whose twin work was recorded and not finished (after a restart). */
  public void resumePending() throws IOException {
    for (KeyValueStore.Entry e :
        storage.meta().scan(TwinIndex.PENDING.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE)) {
      String text = new String(e.key(), StandardCharsets.UTF_8).substring(TwinIndex.PENDING.length());
      if (RepositoryName.problem(text).isEmpty()) {
        schedule(RepositoryName.parse(text));
      }
    }
  }

  /** Whether {@code name} has no twin work recorded or running. */
  public boolean isComplete(RepositoryName name) throws IOException {
    return !running.containsKey(name) && storage.meta().get(TwinIndex.pendingKey(name)).isEmpty();
  }

  /** The twin of Git object {@code id}, or empty when it has none (yet). */
  public Optional<Twin> twin(AnyObjectId id) throws IOException {
    return TwinIndex.lookup(storage.meta(), id);
  }

  /** The snapshot id that twins commit {@code commit}, or empty. */
  public Optional<Hash> snapshotOf(AnyObjectId commit) throws IOException {
    return twin(commit).filter(t -> t.kind() == Twin.Kind.COMMIT).map(Twin::address);
  }

  /**
   * The Git object a twin address stands for: the commit of a snapshot, the tree of a directory
   * node, the tag of an annotation, or a blob of content held in a pack. Empty when none does.
   */
  public Optional<ObjectId> gitId(Hash address) throws IOException {
    Optional<byte[]> reverse = storage.meta().get(TwinIndex.reverseKey(address));
    if (reverse.isPresent()) {
      return Optional.of(ObjectId.fromRaw(reverse.get(), 1));
    }
    return storage
        .workspaces()
        .externalLocator(address, TwinIndex.CONTENT_SOURCE)
        .filter(l -> TwinIndex.locatorRepository(l) != null)
        .map(TwinIndex::locatorObject);
  }

  /**
   * Resolves {@code revision} in {@code name} (anything JGit resolves: a branch, a tag, a SHA-1,
   * {@code HEAD~2}) to a commit, builds missing twins, and returns the commit's snapshot id.
   *
   * @throws IllegalArgumentException if the revision does not name a commit of the repository
   * @throws dev.helios.git.errors.RepositoryNotFoundException if there is no such repository
   */
  public Hash snapshot(RepositoryName name, String revision) throws IOException {
    ObjectId commit;
    try (Repository repository = open(name)) {
      try {
        commit = repository.resolve(revision + "^{commit}");
      } catch (org.eclipse.jgit.errors.RevisionSyntaxException | IOException e) {
        commit = null;
      }
    }
    if (commit == null) {
      throw new IllegalArgumentException(
          "no revision '" + revision + "' in repository '" + name + "'");
    }
    Optional<Hash> snapshot = snapshotOf(commit);
    if (snapshot.isEmpty()) {
      build(name);
      snapshot = snapshotOf(commit);
    }
    return snapshot.orElseThrow(
        () -> new IllegalArgumentException(
            "revision '" + revision + "' of repository '" + name + "' is not reachable from a ref"));
  }

  /**
   * Recomputes the twin of every object reachable from the refs of {@code name} — the BLAKE3 of
   * all content, every node — and compares each with what is stored; returns up to {@code limit}
   * problems, each naming the object. Empty means every twin is present and right.
   */
  public List<TwinProblem> check(RepositoryName name, int limit) throws IOException {
    List<TwinProblem> found = new ArrayList<>();
    try (Repository repository = open(name)) {
      new TwinBuilder(
              storage, name, repository, true,
              p -> {
                if (found.size() < limit) {
                  found.add(p);
                }
              })
          .run();
    }
    return found;
  }

  private void runScheduled(RepositoryName name) {
    try {
      while (true) {
        build(name);
        // Another push while building: build again (its objects may have been missed).
        if (running.replace(name, Boolean.TRUE, Boolean.FALSE)) {
          continue;
        }
        storage.meta().write(new dev.helios.engine.kv.KvBatch().delete(TwinIndex.pendingKey(name)));
        if (running.remove(name, Boolean.FALSE)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      running.remove(name);
      LOG.warn("cannot build the twins of repository '{}': {}", name, e.toString());
    }
  }

  private Repository open(RepositoryName name) throws IOException {
    return repositories
        .open(name)
        .orElseThrow(() -> new dev.helios.git.errors.RepositoryNotFoundException(name));
  }

  private final Map<RepositoryName, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(RepositoryName name) {
    return locks.computeIfAbsent(name, n -> new Object());
  }

  // Every twin node (snapshots with their trees, annotations, directories) and kept raw object.
  private void forEachReferencedChunk(java.util.function.Consumer<Hash> action) throws IOException {
    Workspaces.ChunkMarker marker = storage.workspaces().newChunkMarker(action);
    byte[] objects = TwinIndex.OBJECT.getBytes(StandardCharsets.UTF_8);
    for (KeyValueStore.Entry e : storage.meta().scan(objects, Integer.MAX_VALUE)) {
      Twin twin = TwinIndex.decode(e.value());
      try {
        switch (twin.kind()) {
          case COMMIT -> marker.snapshot(twin.address());
          case TREE -> marker.directory(twin.address());
          case TAG -> marker.annotation(twin.address());
          case BLOB -> { }
        }
      } catch (MissingChunkException missing) {
        // A twin whose node is gone is verify's to report; keep marking the rest.
        LOG.warn("twin of {} is missing a node: {}", new String(e.key(), StandardCharsets.UTF_8), missing.getMessage());
      }
    }
    byte[] raw = TwinIndex.RAW.getBytes(StandardCharsets.UTF_8);
    for (KeyValueStore.Entry e : storage.meta().scan(raw, Integer.MAX_VALUE)) {
      action.accept(Hash.fromBytes(e.value()));
    }
  }

  /** Blob content read from the packs of the repository named in the locator. */
  private final class PackContent implements ExternalContent {
    @Override
    public String name() {
      return TwinIndex.CONTENT_SOURCE;
    }

    @Override
    public InputStream open(byte[] locator, Hash hash, long size) throws IOException {
      String repository = TwinIndex.locatorRepository(locator);
      Optional<RepositoryName> name =
          repository == null || RepositoryName.problem(repository).isPresent()
              ? Optional.empty()
              : Optional.of(RepositoryName.parse(repository));
      Optional<Repository> opened = name.isEmpty() ? Optional.empty() : repositories.open(name.get());
      if (opened.isEmpty()) {
        throw new MissingChunkException(hash, "content of repository '" + repository + "', which is gone");
      }
      Repository repo = opened.get();
      ObjectReader reader = repo.newObjectReader();
      try {
        InputStream in = reader.open(TwinIndex.locatorObject(locator), Constants.OBJ_BLOB).openStream();
        return new FilterInputStream(in) {
          @Override
          public void close() throws IOException {
            try {
              super.close();
            } finally {
              reader.close();
              repo.close();
            }
          }
        };
      } catch (IOException | RuntimeException e) {
        reader.close();
        repo.close();
        throw e;
      }
    }
  }
}
