package dev.helios.git.storage;

import dev.helios.engine.Storage;
import dev.helios.engine.gc.ChunkCollector;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.GitStoreException;
import dev.helios.git.errors.RepositoryExistsException;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.twin.GitTwins;
import dev.helios.git.storage.internal.CasRepository;
import dev.helios.git.storage.internal.Collector;
import dev.helios.git.storage.internal.MetaKeys;
import dev.helios.git.storage.internal.PackLists;
import dev.helios.git.storage.internal.RepositoryRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Git repositories of one {@link Storage}: JGit DFS repositories whose pack, index, bitmap
 * and reftable files live as content-defined chunks in the chunk store (so equal runs of bytes
 * across repositories are stored once) and whose pack lists and configuration live in the
 * metadata store. Thread-safe.
 *
 * <p>Repositories returned by {@link #create} and {@link #open} are shared: the store keeps one
 * live instance per name and hands it out with its open count incremented. Every caller closes
 * what it got ({@link Repository#close()}); the instance stays usable by others until the store
 * itself closes. Object and ref writes through the JGit API are atomic and durable with the
 * storage's {@link dev.helios.engine.SyncPolicy} once they return (an {@code ObjectInserter}
 * flush, a {@code RefUpdate} or {@code BatchRefUpdate}).
 *
 * <p>The store does not own the {@link Storage}: close the store first, then the storage.
 */
public final class RepositoryStore implements AutoCloseable {
  /*
   * Registry. Each repository has an entry under repo/name/<name> (MetaKeys) holding a random id
   * and its creation time; its pack list and configuration hang off the id. Creating and
   * deleting are single KeyValueStore.commit calls guarded by the entry's absence or exact
   * value, so concurrent creates of one name cannot both win.
   *
   * Instances. `open` keeps one CasRepository per name in `live`, created under `lock` on first
   * use, and hands it out with incrementOpen(); the store's own reference is released in
   * delete() and close(). One instance per name matters: JGit's reftable database serializes
   * ref updates with an in-process lock per instance, and the pack list's compareAndSet is the
   * backstop should a second instance exist (a deleted one still held by a caller).
   *
   * GC and sweep. gc() runs JGit's DfsGarbageCollector, which packs what was reachable when it
   * started and replaces exactly the packs it read: packs committed while it runs survive the
   * commit (CasObjDatabase's replace is by name, against the current list). Unreachable objects
   * go to an UNREACHABLE_GARBAGE pack, which is then dropped from the list. Chunks are deleted
   * only by the storage's ChunkCollector (sweepChunks() runs it): the store registers the
   * repositories as one root set there, and new packs are written through its tracking, which
   * is why a sweep is safe while repositories are written (see ChunkCollector). The root set
   * reads the registry and pack lists from the metadata store, not the open instances, so it
   * stays registered, and correct, after this store is closed: the repositories' chunks must
   * survive sweeps run by the storage's other users for as long as the storage is open.
   */

  /** The name of the repositories' root set in the storage's chunk collector. */
  public static final String ROOT_SET = "git-repositories";

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryStore.class);

  private final Storage storage;
  private final Options options;
  private final GitTwins twins;
  private final Object lock = new Object();
  private final ConcurrentHashMap<RepositoryName, CasRepository> live = new ConcurrentHashMap<>();
  private final Set<RepositoryName> gcScheduled = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Creates a store over {@code storage}. Opening is cheap: repositories are loaded when first
   * opened. Registers the repositories as the root set {@value #ROOT_SET} of the storage's
   * {@link Storage#collector() chunk collector} (replacing one registered by an earlier store on
   * the same storage); it stays registered after {@link #close()}.
   *
   * @throws NullPointerException if an argument is null
   */
  public RepositoryStore(Storage storage, Options options) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.options = Objects.requireNonNull(options, "options");
    storage.collector().register(ROOT_SET, this::forEachReferencedChunk);
    this.twins = new GitTwins(this, storage, options.twinExecutor());
  }

  /** The BLAKE3 twins of the objects of these repositories. */
  public GitTwins twins() {
    return twins;
  }

  /**
   * Creates an empty repository called {@code name}, whose {@code HEAD} is a symbolic ref to
   * {@code refs/heads/<defaultBranch>}, and returns it open: the caller must close it.
   *
   * @throws dev.helios.git.errors.RepositoryExistsException if a repository of that name exists
   * @throws IOException if the storage cannot be read or written
   */
  public Repository create(RepositoryName name) throws IOException {
    Objects.requireNonNull(name, "name");
    checkOpen();
    RepositoryRecord record = RepositoryRecord.createNow();
    byte[] nameKey = MetaKeys.name(name);
    KvBatch batch =
        new KvBatch()
            .expect(nameKey, null)
            .put(nameKey, record.encode())
            .put(MetaKeys.packs(record.id()), PackLists.empty())
            .put(MetaKeys.config(record.id()), new byte[0]);
    if (!storage.meta().commit(batch)) {
      throw new RepositoryExistsException(name);
    }
    Repository repository = open(name).orElseThrow(() -> new RepositoryNotFoundException(name));
    try {
      RefUpdate head = repository.updateRef(Constants.HEAD, true);
      RefUpdate.Result result = head.link(Constants.R_HEADS + options.defaultBranch());
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
        throw new GitStoreException(
            name, "cannot point HEAD of new repository '" + name + "' at its branch: " + result);
      }
      return repository;
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  /**
   * Returns the repository called {@code name}, open (the caller must close it), or empty if there
   * is none. Repeated calls return the same instance while the store is open.
   *
   * @throws IOException if the storage cannot be read
   */
  public Optional<Repository> open(RepositoryName name) throws IOException {
    Objects.requireNonNull(name, "name");
    return openInstance(name).map(repository -> {
      repository.incrementOpen();
      return repository;
    });
  }

  /**
   * Returns a summary of every repository, sorted by name; unmodifiable.
   *
   * @throws IOException if the storage cannot be read
   */
  public List<RepositoryInfo> list() throws IOException {
    checkOpen();
    List<RepositoryInfo> infos = new ArrayList<>();
    for (RepositoryName name : names()) {
      Optional<CasRepository> repository = openInstance(name);
      if (repository.isEmpty()) {
        continue; // deleted since names() listed it
      }
      CasRepository repo = repository.get();
      CasRepository.PackSummary packs;
      try {
        packs = repo.packSummary();
      } catch (RepositoryNotFoundException e) {
        continue;
      }
      infos.add(
          new RepositoryInfo(name, head(repo), packs.count(), packs.bytes(), repo.record().created()));
    }
    return Collections.unmodifiableList(infos);
  }

  /**
   * Deletes the repository called {@code name}: it disappears from the registry at once, and its
   * chunks, unless shared with another repository, are freed by the next {@link #sweepChunks()}.
   * Instances already open can no longer write, and stop reading once the sweep ran. Returns
   * whether there was such a repository.
   *
   * @throws IOException if the storage cannot be read or written
   */
  public boolean delete(RepositoryName name) throws IOException {
    Objects.requireNonNull(name, "name");
    checkOpen();
    byte[] nameKey = MetaKeys.name(name);
    synchronized (lock) {
      Optional<byte[]> entry = storage.meta().get(nameKey);
      if (entry.isEmpty()) {
        return false;
      }
      RepositoryRecord record = RepositoryRecord.decode(name, entry.get());
      KvBatch batch =
          new KvBatch()
              .expect(nameKey, entry.get())
              .delete(nameKey)
              .delete(MetaKeys.packs(record.id()))
              .delete(MetaKeys.config(record.id()));
      if (!storage.meta().commit(batch)) {
        return false;
      }
      CasRepository repository = live.remove(name);
      if (repository != null) {
        repository.close();
      }
      return true;
    }
  }

  /**
   * Makes the repository {@code into} list the packs of {@code from} as well: the pack files of
   * {@code from}'s current pack list (except packs of unreachable garbage, and without the
   * reftables, so none of {@code from}'s refs appear in {@code into}) are appended to {@code
   * into}'s pack list, skipping packs it lists already, in one compare-and-set. No bytes are
   * copied: both lists name the same chunked files, which a {@link #sweepChunks() sweep} keeps
   * for as long as either list names them, also after {@code from} is deleted. Idempotent.
   * Returns how many packs were added. Thread-safe; safe while a sweep runs.
   *
   * <p>Meant for fork networks, where {@code into}'s refs reach most of {@code from}'s objects
   * (a migration shares the packs of an upstream, then transfers only what the fork adds).
   * Objects of the shared packs that {@code into}'s refs do not reach are stored in {@code into}
   * but never served by it: upload-pack accepts only wants reachable from the repository's own
   * refs (the server's request validator), and packs it writes hold only objects reachable from
   * those wants. Later changes of {@code from} (pushes, gc) do not reach {@code into}; a gc of
   * {@code into} rewrites what its refs reach into its own pack and moves the rest of the shared
   * packs to garbage, so the sharing ends for {@code into} then.
   *
   * @throws RepositoryNotFoundException if either repository does not exist
   * @throws IllegalArgumentException if {@code from} and {@code into} are the same repository
   * @throws IOException if the storage cannot be read or written
   */
  public int sharePacksOf(RepositoryName from, RepositoryName into) throws IOException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(into, "into");
    if (from.equals(into)) {
      throw new IllegalArgumentException("cannot share the packs of repository '" + from + "' with itself");
    }
    checkOpen();
    CasRepository source = openInstance(from).orElseThrow(() -> new RepositoryNotFoundException(from));
    CasRepository target = openInstance(into).orElseThrow(() -> new RepositoryNotFoundException(into));
    return target.sharePacksOf(source);
  }

  /**
   * Garbage-collects the repository called {@code name}: packs everything reachable into one
   * pack with bitmaps and a commit graph, compacts its reftables, and moves unreachable objects
   * to a garbage pack that a later gc drops once {@link Options#garbageGrace()} has passed
   * (at once with a zero grace). Readers and writers are not blocked; objects pushed while it
   * runs are kept. The chunks it
   * frees are deleted by the next {@link #sweepChunks()}.
   *
   * @throws dev.helios.git.errors.RepositoryNotFoundException if there is no such repository
   * @throws IOException if the storage cannot be read or written
   */
  public GcResult gc(RepositoryName name) throws IOException {
    Objects.requireNonNull(name, "name");
    CasRepository repository =
        openInstance(name).orElseThrow(() -> new RepositoryNotFoundException(name));
    return Collector.collect(repository, options.garbageGrace());
  }

  /**
   * Garbage-collects every repository in turn, as {@link #gc} does, and returns the results in
   * name order; unmodifiable.
   *
   * @throws IOException if the storage cannot be read or written; repositories collected before
   *     the failure stay collected
   */
  public List<GcResult> gcAll() throws IOException {
    checkOpen();
    List<GcResult> results = new ArrayList<>();
    for (RepositoryName name : names()) {
      try {
        results.add(gc(name));
      } catch (RepositoryNotFoundException e) {
        // Deleted since it was listed: nothing to collect.
      }
    }
    return Collections.unmodifiableList(results);
  }

  /**
   * Deletes every chunk of the chunk store that nothing refers to: no repository, neither
   * through its pack list nor through a file being written now, and no other root set
   * registered with the storage's {@link ChunkCollector}. Runs {@link ChunkCollector#sweep()},
   * where the repositories are one registered root set among others. Safe to run while
   * repositories are written; one sweep runs at a time (a second call waits).
   *
   * <p>Files of packs replaced by gc in this process less than {@link Options#garbageGrace()} ago
   * are kept, for readers still working from the pack list they replaced.
   *
   * @throws IOException if the storage cannot be read or written
   */
  public SweepResult sweepChunks() throws IOException {
    checkOpen();
    dev.helios.engine.gc.SweepResult result = storage.collector().sweep();
    return new SweepResult(result.chunksDeleted(), result.bytesFreed());
  }

  /**
   * Records that a pack was received into {@code name} (the server calls it after each successful
   * push). Once {@link Options#autoGcPushThreshold()} packs have accumulated, or {@value
   * #AUTO_GC_UNBITMAPPED_OBJECTS} objects sit in packs without a reachability bitmap, it schedules
   * {@link #gc} on {@link Options#executor()} (at most one at a time per repository) and returns;
   * failures of that gc are logged. Does nothing for an unknown name, or when automatic gc is
   * off. Either way it schedules the twins of the new objects ({@link GitTwins#schedule}).
   */
  public void packReceived(RepositoryName name) {
    Objects.requireNonNull(name, "name");
    if (!closed) {
      twins.schedule(name);
    }
    int threshold = options.autoGcPushThreshold();
    if (threshold == 0 || closed) {
      return;
    }
    try {
      Optional<CasRepository> repository = openInstance(name);
      if (repository.isEmpty() || !needsGc(repository.get().packSummary(), threshold)) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot count the packs of repository '{}': {}", name, e.toString());
      return;
    }
    if (!gcScheduled.add(name)) {
      return;
    }
    try {
      options.executor().execute(() -> runScheduledGc(name));
    } catch (RuntimeException e) {
      gcScheduled.remove(name);
      LOG.warn("cannot schedule gc of repository '{}': {}", name, e.toString());
    }
  }

  /**
   * Whether a repository should be collected after a push: too many packs, or many objects that
   * no reachability bitmap covers yet (a repository that arrived in one big push would
   * otherwise make every clone walk its whole history until the pack count reaches the
   * threshold).
   */
  static boolean needsGc(CasRepository.PackSummary packs, int packThreshold) {
    return packs.count() >= packThreshold
        || packs.objectsWithoutBitmap() >= AUTO_GC_UNBITMAPPED_OBJECTS;
  }

  /**
   * Objects outside any bitmap that make a push schedule a gc regardless of the pack count:
   * about the size where counting objects for a clone by walking starts to cost seconds.
   */
  static final long AUTO_GC_UNBITMAPPED_OBJECTS = 10_000;

  /**
   * Closes every repository instance the store holds; idempotent. Calls afterwards throw {@link
   * IllegalStateException}. Does not close the {@link Storage}.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (CasRepository repository : live.values()) {
        repository.close();
      }
      live.clear();
    }
  }

  @Override
  public String toString() {
    return "repository store on " + storage;
  }

  private void runScheduledGc(RepositoryName name) {
    try {
      if (!closed) {
        GcResult result = gc(name);
        LOG.info(
            "gc of '{}': {} -> {} packs, {} -> {} bytes in {} ms",
            name,
            result.packsBefore(),
            result.packsAfter(),
            result.bytesBefore(),
            result.bytesAfter(),
            result.took().toMillis());
      }
    } catch (RepositoryNotFoundException e) {
      // Deleted after the push: nothing to collect.
    } catch (Exception e) {
      // An executor task is a boundary: nobody else would see the failure.
      LOG.warn("automatic gc of repository '{}' failed", name, e);
    } finally {
      gcScheduled.remove(name);
    }
  }

  private Optional<CasRepository> openInstance(RepositoryName name) throws IOException {
    checkOpen();
    CasRepository repository = live.get(name);
    if (repository != null) {
      return Optional.of(repository);
    }
    synchronized (lock) {
      checkOpen();
      repository = live.get(name);
      if (repository != null) {
        return Optional.of(repository);
      }
      Optional<byte[]> entry = storage.meta().get(MetaKeys.name(name));
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      repository =
          CasRepository.open(
              name,
              RepositoryRecord.decode(name, entry.get()),
              storage.chunks(),
              storage.meta(),
              storage.collector(),
              options.garbageGrace());
      live.put(name, repository);
      return Optional.of(repository);
    }
  }

  private List<RepositoryName> names() throws IOException {
    List<RepositoryName> names = new ArrayList<>();
    int prefix = MetaKeys.NAME_PREFIX.length();
    for (KeyValueStore.Entry entry :
        storage.meta().scan(MetaKeys.bytes(MetaKeys.NAME_PREFIX), Integer.MAX_VALUE)) {
      String key = new String(entry.key(), StandardCharsets.UTF_8);
      names.add(new RepositoryName(key.substring(prefix)));
    }
    names.sort(null);
    return names;
  }

  /**
   * Walks every chunk that the stored pack lists of all repositories refer to. Reads the
   * registry and the pack lists, not the open instances: it runs for the storage's collector,
   * also after this store is closed.
   */
  private void forEachReferencedChunk(Consumer<Hash> action) throws IOException {
    for (RepositoryName name : names()) {
      Optional<byte[]> entry = storage.meta().get(MetaKeys.name(name));
      if (entry.isEmpty()) {
        continue; // deleted since names() listed it: its chunks are garbage
      }
      CasRepository repository =
          CasRepository.open(
              name,
              RepositoryRecord.decode(name, entry.get()),
              storage.chunks(),
              storage.meta(),
              storage.collector(),
              options.garbageGrace());
      try {
        repository.forEachReferencedChunk(action, storage.chunks());
      } catch (RepositoryNotFoundException e) {
        // Deleted while the sweep ran: its chunks are garbage.
      } finally {
        repository.close();
      }
    }
  }

  private static String head(Repository repository) throws IOException {
    Ref head = repository.getRefDatabase().exactRef(Constants.HEAD);
    if (head == null) {
      return "";
    }
    if (head.isSymbolic()) {
      return head.getTarget().getName();
    }
    return head.getObjectId() == null ? "" : head.getObjectId().name();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /**
   * Settings of a {@link RepositoryStore}. Immutable.
   *
   * @param defaultBranch the branch {@code HEAD} of a new repository points at, without {@code
   *     refs/heads/} (default {@value #DEFAULT_BRANCH})
   * @param autoGcPushThreshold how many packs a repository may accumulate before {@link
   *     RepositoryStore#packReceived} schedules a gc (default {@value
   *     #DEFAULT_AUTO_GC_PUSH_THRESHOLD}); 0 disables automatic gc
   * @param executor runs automatic gc; the default runs it on the thread that calls {@link
   *     RepositoryStore#packReceived}, so the store starts no threads
   * @param garbageGrace how long gc keeps unreachable objects (in a garbage pack) before dropping
   *     them, and how long a sweep in this process keeps the files of packs gc replaced (default
   *     {@link #DEFAULT_GARBAGE_GRACE}): a push stores its objects before it moves its refs, and a
   *     fetch may still read the packs it listed when it started. {@link Duration#ZERO} drops
   *     both at once, which is safe only when nothing reads or writes during gc and sweep (an
   *     offline {@code helios gc}: the data directory is locked to one process)
   * @param twinExecutor builds the twins of pushed objects ({@link GitTwins#schedule})
   */
  public record Options(
      String defaultBranch,
      int autoGcPushThreshold,
      Executor executor,
      Duration garbageGrace,
      Executor twinExecutor) {
    /** The default branch of new repositories. */
    public static final String DEFAULT_BRANCH = "main";

    /** The default pack count that triggers an automatic gc. */
    public static final int DEFAULT_AUTO_GC_PUSH_THRESHOLD = 16;

    /** The default time unreachable objects are kept: one day, as JGit does. */
    public static final Duration DEFAULT_GARBAGE_GRACE = Duration.ofDays(1);

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException if {@code defaultBranch} is not a valid branch name, or
     *     {@code autoGcPushThreshold} or {@code garbageGrace} is negative
     */
    public Options {
      Objects.requireNonNull(defaultBranch, "defaultBranch");
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(garbageGrace, "garbageGrace");
      Objects.requireNonNull(twinExecutor, "twinExecutor");
      Builder.checkGrace(garbageGrace);
      Builder.checkBranch(defaultBranch);
      Builder.checkThreshold(autoGcPushThreshold);
    }

    /** Returns the default options. */
    public static Options defaults() {
      return builder().build();
    }

    /** Returns a builder with every setting at its default. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds {@link Options}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
      private String defaultBranch = DEFAULT_BRANCH;
      private int autoGcPushThreshold = DEFAULT_AUTO_GC_PUSH_THRESHOLD;
      private Executor executor = Runnable::run;
      private Duration garbageGrace = DEFAULT_GARBAGE_GRACE;
      private @Nullable Executor twinExecutor;

      private Builder() {}

      /**
       * Sets the executor that builds the twins of pushed objects; by default the gc executor.
       *
       * @throws NullPointerException if {@code executor} is null
       */
      public Builder twinExecutor(Executor executor) {
        this.twinExecutor = Objects.requireNonNull(executor, "twinExecutor must not be null");
        return this;
      }

      /**
       * Sets the default branch, without {@code refs/heads/}.
       *
       * @throws IllegalArgumentException if {@code branch} is not a valid branch name
       */
      public Builder defaultBranch(String branch) {
        checkBranch(Objects.requireNonNull(branch, "defaultBranch must not be null"));
        this.defaultBranch = branch;
        return this;
      }

      /**
       * Sets the pack count that triggers an automatic gc; 0 disables it.
       *
       * @throws IllegalArgumentException if {@code packs} is negative
       */
      public Builder autoGcPushThreshold(int packs) {
        checkThreshold(packs);
        this.autoGcPushThreshold = packs;
        return this;
      }

      /**
       * Sets the executor that runs automatic gc.
       *
       * @throws NullPointerException if {@code executor} is null
       */
      public Builder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
        return this;
      }

      /**
       * Sets how long gc keeps unreachable objects; {@link Duration#ZERO} drops them at once.
       *
       * @throws IllegalArgumentException if {@code grace} is negative
       * @throws NullPointerException if {@code grace} is null
       */
      public Builder garbageGrace(Duration grace) {
        checkGrace(Objects.requireNonNull(grace, "garbageGrace must not be null"));
        this.garbageGrace = grace;
        return this;
      }

      /** Returns the options. */
      public Options build() {
        return new Options(
            defaultBranch, autoGcPushThreshold, executor, garbageGrace,
            twinExecutor == null ? executor : twinExecutor);
      }

      static void checkGrace(Duration grace) {
        if (grace.isNegative()) {
          throw new IllegalArgumentException("garbageGrace must be >= 0: " + grace);
        }
      }

      static void checkBranch(String branch) {
        if (branch.startsWith(Constants.R_REFS)
            || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
          throw new IllegalArgumentException(
              "defaultBranch must be a valid branch name without refs/heads/: '" + branch + "'");
        }
      }

      static void checkThreshold(int packs) {
        if (packs < 0) {
          throw new IllegalArgumentException("autoGcPushThreshold must be >= 0: " + packs);
        }
      }
    }
  }
}
