package dev.helios.git.workspace;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.storage.RepositoryStore;
import dev.helios.git.twin.GitTwins;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Turns snapshots of the Virtual State Tree into Git blobs, trees and commits on a branch of a
 * repository, so that a stock Git client can fetch them. Thread-safe: concurrent publishes of the
 * same snapshot write the same objects, and branch moves are compare-and-swap.
 */
public final class SnapshotPublisher {
  /*
   * Publishing snapshot S to branch B of repository R:
   *
   * 1. Commits. S and every ancestor not yet published become commits, parents first (an
   *    explicit stack, so a long history does not exhaust the Java stack). A snapshot is
   *    published when the metadata store maps it to a commit present in R (key
   *    vst/published/<snapshot hex>/<repository>), or when it is itself the twin of a commit
   *    present in R.
   * 2. Trees. A directory node that is the twin of a tree present in R is that tree; any other
   *    is written from its entries in Git order (byte order of the UTF-8 names, a directory
   *    sorting as if its name ended in '/'), with the entry kinds' modes. Empty directories
   *    cannot exist in Git and are left out (and counted); a root that ends up empty is the
   *    empty tree.
   * 3. Blobs. A blob's id is determined by its content, so a content hash whose Git twin names
   *    a blob present in R (content held in a pack, of R or of another repository) costs
   *    nothing; otherwise the content is read and inserted.
   * 4. Commit objects: tree, parents in snapshot order, author and committer both the
   *    snapshot's author ("Name <email>"; anything else becomes "Name <name@helios>"), the
   *    snapshot time in whole seconds at +0000, the message with a final newline added when
   *    missing. Nothing else (no metadata, no signature), so the same snapshot always gives the
   *    same SHA-1 in any repository, except where a reused tree twin kept non-canonical raw
   *    bytes: such a tree is reused as it is.
   * 5. The inserter is flushed, the snapshot → commit records are written, and B moves from the
   *    value read before step 1 to the new commit with a RefUpdate: compare-and-swap, and only
   *    by fast-forward, as a push without force. Then the store is told a pack arrived, as
   *    after a push: the new objects get their twins in the background, and gc may run.
   *
   * The records are a cache of a deterministic function: one whose commit has gone (a gc after
   * a lost ref race) is simply published again.
   */

  private static final long IN_MEMORY_BLOB = 1L << 20;
  private static final String PUBLISHED_PREFIX = "vst/published/";
  private static final Pattern PERSON = Pattern.compile("^\\s*(.*?)\\s*<([^<>]*)>\\s*$");
  private static final Pattern NOT_EMAIL_LOCAL = Pattern.compile("[^A-Za-z0-9._+-]+");

  private final RepositoryStore repositories;
  private final GitTwins twins;
  private final Workspaces workspaces;

  private final BeforeRefUpdate beforeRefUpdate;

  /** Creates a publisher for the repositories of {@code repositories} and their storage. */
  public SnapshotPublisher(RepositoryStore repositories) {
    this(repositories, () -> {});
  }

  /** As {@link #SnapshotPublisher(RepositoryStore)}, with a hook run just before a branch moves. */
  SnapshotPublisher(RepositoryStore repositories, BeforeRefUpdate beforeRefUpdate) {
    this.repositories = Objects.requireNonNull(repositories, "repositories");
    this.twins = repositories.twins();
    this.workspaces = twins.storage().workspaces();
    this.beforeRefUpdate = Objects.requireNonNull(beforeRefUpdate, "beforeRefUpdate");
  }

  /** Runs between building the commits and moving the branch; a seam for race tests. */
  @FunctionalInterface
  interface BeforeRefUpdate {
    void run() throws IOException;
  }

  /**
   * A snapshot that became a commit.
   *
   * @param snapshot the snapshot's id
   * @param commit the commit's SHA-1
   */
  public record Published(Hash snapshot, ObjectId commit) {
    public Published {
      Objects.requireNonNull(snapshot, "snapshot");
      commit = commit.copy();
    }
  }

  /**
   * What a publish did.
   *
   * @param commit the commit the branch now points at
   * @param branch the full ref name, e.g. {@code refs/heads/main}
   * @param previous what the branch pointed at before, or null when it did not exist
   * @param published the snapshots that became commits in this call, parents first (empty when
   *     all of them were published before)
   * @param objectsWritten Git objects written in this call (blobs, trees and commits)
   * @param emptyDirectoriesSkipped empty directories left out, which Git cannot hold
   */
  public record Result(
      ObjectId commit,
      String branch,
      @Nullable ObjectId previous,
      List<Published> published,
      long objectsWritten,
      long emptyDirectoriesSkipped) {
    public Result {
      commit = commit.copy();
      Objects.requireNonNull(branch, "branch");
      previous = previous == null ? null : previous.copy();
      published = List.copyOf(published);
    }

    /** Whether the branch moved (or was created). */
    public boolean moved() {
      return !commit.equals(previous);
    }

    /**
     * The JSON shape shared by the HTTP API and {@code helios ws publish --json}: {@code {commit,
     * branch, ref, previous, snapshots: [{snapshot, commit}], objects, emptyDirectoriesSkipped}},
     * where {@code branch} is the short name and {@code previous} null for a new branch.
     */
    public Map<String, Object> document() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("commit", commit.name());
      out.put("branch", Repository.shortenRefName(branch));
      out.put("ref", branch);
      out.put("previous", previous == null ? null : previous.name());
      List<Map<String, Object>> snapshots = new ArrayList<>();
      for (Published p : published) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("snapshot", p.snapshot().toHex());
        one.put("commit", p.commit().name());
        snapshots.add(one);
      }
      out.put("snapshots", snapshots);
      out.put("objects", objectsWritten);
      out.put("emptyDirectoriesSkipped", emptyDirectoriesSkipped);
      return out;
    }
  }

  /**
   * The branch did not move: another update moved it first (the compare-and-swap failed), or the
   * published commit does not descend from the branch's commit.
   */
  public static final class ConflictException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message naming the repository and the branch. */
    public ConflictException(String message) {
      super(message);
    }
  }

  /**
   * Publishes {@code snapshot} and its unpublished ancestors to {@code branch} of {@code
   * repository}, creating the branch when it does not exist.
   *
   * @param branch a branch name ({@code main}) or a full ref name under {@code refs/heads/}
   * @throws ConflictException if the branch moved meanwhile or would not move by fast-forward
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws dev.helios.engine.errors.MissingChunkException if a snapshot or node is missing
   * @throws IllegalArgumentException if {@code branch} is not a valid branch name
   * @throws IOException if the repository or the storage cannot be read or written
   */
  public Result publish(RepositoryName repository, Hash snapshot, String branch)
      throws IOException {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(snapshot, "snapshot");
    String refName = refName(branch);
    try (Repository git =
        repositories.open(repository).orElseThrow(() -> new RepositoryNotFoundException(repository))) {
      Ref current = git.exactRef(refName);
      ObjectId previous = current == null || current.getObjectId() == null
          ? null : current.getObjectId().copy();
      Run run;
      try (ObjectInserter inserter = git.newObjectInserter();
          ObjectReader reader = inserter.newReader()) {
        run = new Run(repository, inserter, reader);
        run.commitOf(snapshot);
        inserter.flush();
      }
      record(repository, run.published);
      ObjectId commit = run.commits.get(snapshot);
      if (!commit.equals(previous)) {
        beforeRefUpdate.run();
        move(git, repository, refName, previous, commit);
      }
      if (run.written > 0) {
        repositories.packReceived(repository); // schedules the twins of the new objects too
      }
      return new Result(
          commit, refName, previous, run.published, run.written, run.emptyDirectories);
    }
  }

  /**
   * The commit {@code snapshot} was published as in {@code repository}, if it was and the
   * commit is still there, or the commit whose twin it is when that commit is in the repository.
   *
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws IOException if the repository or the storage cannot be read
   */
  public Optional<ObjectId> published(RepositoryName repository, Hash snapshot)
      throws IOException {
    try (Repository git =
            repositories.open(repository)
                .orElseThrow(() -> new RepositoryNotFoundException(repository));
        ObjectReader reader = git.newObjectReader()) {
      return existing(repository, reader, snapshot);
    }
  }

  // ---- one publish ---------------------------------------------------------------------------

  /** The state of one publish; confined to its thread. */
  private final class Run {
    private final RepositoryName repository;
    private final ObjectInserter inserter;
    private final ObjectReader reader;
    final Map<Hash, ObjectId> commits = new HashMap<>();
    final List<Published> published = new ArrayList<>();
    private final Map<Hash, Optional<ObjectId>> trees = new HashMap<>();
    private final Map<Hash, ObjectId> blobs = new HashMap<>();
    private final Set<Hash> checked = new HashSet<>();
    long written;
    long emptyDirectories;

    Run(RepositoryName repository, ObjectInserter inserter, ObjectReader reader) {
      this.repository = repository;
      this.inserter = inserter;
      this.reader = reader;
    }

    /** Publishes {@code top} and its unpublished ancestors, parents first. */
    void commitOf(Hash top) throws IOException {
      Deque<Hash> pending = new ArrayDeque<>();
      pending.push(top);
      Map<Hash, Snapshot> loaded = new HashMap<>();
      while (!pending.isEmpty()) {
        Hash id = pending.peek();
        if (commits.containsKey(id)) {
          pending.pop();
          continue;
        }
        if (checked.add(id)) {
          Optional<ObjectId> known = existing(repository, reader, id);
          if (known.isPresent()) {
            commits.put(id, known.get());
            pending.pop();
            continue;
          }
        }
        Snapshot snapshot = loaded.get(id);
        if (snapshot == null) {
          snapshot = workspaces.snapshot(id);
          loaded.put(id, snapshot);
        }
        boolean ready = true;
        for (Hash parent : snapshot.parents()) {
          if (!commits.containsKey(parent)) {
            pending.push(parent);
            ready = false;
          }
        }
        if (ready) {
          pending.pop();
          loaded.remove(id);
          ObjectId commit = writeCommit(snapshot);
          commits.put(id, commit);
          published.add(new Published(id, commit));
        }
      }
    }

    private ObjectId writeCommit(Snapshot snapshot) throws IOException {
      CommitBuilder commit = new CommitBuilder();
      Optional<ObjectId> tree = tree(snapshot.root());
      commit.setTreeId(tree.isPresent() ? tree.get() : emptyTree());
      List<ObjectId> parents = new ArrayList<>();
      for (Hash parent : snapshot.parents()) {
        parents.add(commits.get(parent));
      }
      commit.setParentIds(parents);
      PersonIdent person = person(snapshot);
      commit.setAuthor(person);
      commit.setCommitter(person);
      commit.setMessage(message(snapshot.message()));
      return insert(Constants.OBJ_COMMIT, commit.build());
    }

    /** The tree of directory node {@code address}, or empty when it holds no file at all. */
    private Optional<ObjectId> tree(Hash address) throws IOException {
      Optional<ObjectId> done = trees.get(address);
      if (done != null) {
        return done;
      }
      Optional<ObjectId> twin = twins.gitId(address);
      if (twin.isPresent() && hasObject(twin.get(), Constants.OBJ_TREE)) {
        trees.put(address, twin);
        return twin;
      }
      List<DirEntry> entries = new ArrayList<>();
      workspaces.walkTree(address, (path, entry) -> {
        entries.add(entry);
        return false;
      });
      List<GitEntry> out = new ArrayList<>(entries.size());
      for (DirEntry e : entries) {
        ObjectId id = entryId(e);
        if (id != null) {
          out.add(new GitEntry(e.name().getBytes(StandardCharsets.UTF_8), e.kind(), id));
        }
      }
      Optional<ObjectId> result;
      if (out.isEmpty()) {
        emptyDirectories++;
        result = Optional.empty();
      } else {
        out.sort(GitEntry::compare);
        TreeFormatter formatter = new TreeFormatter();
        for (GitEntry e : out) {
          formatter.append(e.name, FileMode.fromBits(e.kind.gitMode()), e.id);
        }
        result = Optional.of(insert(Constants.OBJ_TREE, formatter.toByteArray()));
      }
      trees.put(address, result);
      return result;
    }

    private @Nullable ObjectId entryId(DirEntry e) throws IOException {
      return switch (e.kind()) {
        case DIRECTORY -> tree(e.hash()).orElse(null);
        case GITLINK -> ObjectId.fromRaw(e.gitlinkId());
        case FILE, EXECUTABLE, SYMLINK -> blob(e);
      };
    }

    private ObjectId blob(DirEntry file) throws IOException {
      ObjectId done = blobs.get(file.hash());
      if (done != null) {
        return done;
      }
      ObjectId known = twins.gitId(file.hash()).orElse(null);
      ObjectId id;
      if (known != null && hasObject(known, Constants.OBJ_BLOB)) {
        id = known;
      } else if (file.size() <= IN_MEMORY_BLOB) {
        id = insert(Constants.OBJ_BLOB, workspaces.readContent(file));
      } else {
        // Hashed first and streamed a second time only when new, so a large file the
        // repository already holds is never written again.
        try (InputStream in = workspaces.openContent(file)) {
          id = inserter.idFor(Constants.OBJ_BLOB, file.size(), in);
        }
        if (!reader.has(id)) {
          try (InputStream in = workspaces.openContent(file)) {
            inserter.insert(Constants.OBJ_BLOB, file.size(), in);
          }
          written++;
        }
      }
      blobs.put(file.hash(), id);
      return id;
    }

    private ObjectId insert(int type, byte[] data) throws IOException {
      ObjectId id = inserter.idFor(type, data);
      if (!reader.has(id)) {
        inserter.insert(type, data);
        written++;
      }
      return id;
    }

    private ObjectId emptyTree() throws IOException {
      return insert(Constants.OBJ_TREE, new byte[0]);
    }

    private boolean hasObject(ObjectId id, int type) throws IOException {
      return SnapshotPublisher.hasObject(reader, id, type);
    }
  }

  /** A Git tree entry before sorting. */
  private record GitEntry(byte[] name, EntryKind kind, ObjectId id) {
    // Git order: names compared as unsigned bytes, a tree's name as if followed by '/'.
    static int compare(GitEntry a, GitEntry b) {
      int n = Math.min(a.name.length, b.name.length);
      for (int i = 0; i < n; i++) {
        int c = Integer.compare(a.name[i] & 0xff, b.name[i] & 0xff);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.charAt(n), b.charAt(n));
    }

    private int charAt(int i) {
      if (i < name.length) {
        return name[i] & 0xff;
      }
      return i == name.length && kind == EntryKind.DIRECTORY ? '/' : 0;
    }
  }

  // ---- records and refs ----------------------------------------------------------------------

  private Optional<ObjectId> existing(RepositoryName repository, ObjectReader reader, Hash id)
      throws IOException {
    Optional<byte[]> recorded = twins.storage().meta().get(publishedKey(id, repository));
    if (recorded.isPresent() && recorded.get().length == Constants.OBJECT_ID_LENGTH) {
      ObjectId commit = ObjectId.fromRaw(recorded.get());
      if (hasObject(reader, commit, Constants.OBJ_COMMIT)) {
        return Optional.of(commit);
      }
    }
    Optional<ObjectId> twin = twins.gitId(id);
    if (twin.isPresent() && hasObject(reader, twin.get(), Constants.OBJ_COMMIT)) {
      return Optional.of(twin.get().copy());
    }
    return Optional.empty();
  }

  private void record(RepositoryName repository, List<Published> published) throws IOException {
    if (published.isEmpty()) {
      return;
    }
    KvBatch batch = new KvBatch();
    for (Published p : published) {
      byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
      p.commit().copyRawTo(raw, 0);
      batch.put(publishedKey(p.snapshot(), repository), raw);
    }
    twins.storage().meta().write(batch);
  }

  private static void move(
      Repository git, RepositoryName repository, String refName, @Nullable ObjectId previous,
      ObjectId commit) throws IOException {
    RefUpdate update = git.updateRef(refName);
    update.setExpectedOldObjectId(previous == null ? ObjectId.zeroId() : previous);
    update.setNewObjectId(commit);
    update.setRefLogMessage("publish", false);
    RefUpdate.Result result;
    try (RevWalk walk = new RevWalk(git)) {
      result = update.update(walk);
    }
    switch (result) {
      case NEW, FAST_FORWARD, NO_CHANGE -> {
        // moved (or already there)
      }
      case LOCK_FAILURE -> throw new ConflictException(
          "branch " + refName + " of repository " + repository
              + " moved while publishing; publish again");
      case REJECTED -> throw new ConflictException(
          "branch " + refName + " of repository " + repository + " is at "
              + (previous == null ? "nothing" : previous.name()) + ", which " + commit.name()
              + " does not descend from; not a fast-forward");
      default -> throw new IOException(
          "cannot move branch " + refName + " of repository " + repository + " to "
              + commit.name() + ": " + result);
    }
  }

  private static boolean hasObject(ObjectReader reader, ObjectId id, int type) throws IOException {
    if (!reader.has(id)) {
      return false;
    }
    try {
      return reader.open(id).getType() == type;
    } catch (MissingObjectException e) {
      return false; // gone between the two calls (a concurrent gc): not there
    }
  }

  private static byte[] publishedKey(Hash snapshot, RepositoryName repository) {
    return (PUBLISHED_PREFIX + snapshot.toHex() + "/" + repository.value())
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The full ref name of {@code branch}, checked. */
  static String refName(String branch) {
    Objects.requireNonNull(branch, "branch");
    String full = branch.startsWith(Constants.R_HEADS) ? branch : Constants.R_HEADS + branch;
    if (full.equals(Constants.R_HEADS) || !Repository.isValidRefName(full)) {
      throw new IllegalArgumentException("'" + branch + "' is not a valid branch name");
    }
    return full;
  }

  static PersonIdent person(Snapshot snapshot) {
    String author = snapshot.author();
    String name;
    String email;
    Matcher m = PERSON.matcher(author);
    if (m.matches()) {
      name = clean(m.group(1));
      email = clean(m.group(2));
    } else {
      name = clean(author);
      String local = NOT_EMAIL_LOCAL.matcher(name).replaceAll("-").replaceAll("^-+|-+$", "");
      email = (local.isEmpty() ? "helios" : local) + "@helios";
    }
    if (name.isEmpty()) {
      name = "helios";
    }
    return new PersonIdent(
        name, email, snapshot.time().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }

  // Angle brackets and line breaks would break the ident line of the commit header.
  private static String clean(String s) {
    return s.replaceAll("[<>\\x00\\r\\n]", "").strip();
  }

  static String message(String message) {
    return message.isEmpty() || message.endsWith("\n") ? message : message + "\n";
  }
}
