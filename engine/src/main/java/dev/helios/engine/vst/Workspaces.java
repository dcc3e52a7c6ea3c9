package dev.helios.engine.vst;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.internal.ContentStore;
import dev.helios.engine.vst.internal.DiffWalker;
import dev.helios.engine.vst.internal.Dir;
import dev.helios.engine.vst.internal.DirRef;
import dev.helios.engine.vst.internal.Directories;
import dev.helios.engine.vst.internal.Entry;
import dev.helios.engine.vst.internal.LeafDir;
import dev.helios.engine.vst.internal.NodeStore;
import dev.helios.engine.vst.internal.ShardDir;
import dev.helios.engine.vst.internal.Trees;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The workspaces of one {@link Storage}: creates, opens, lists and deletes them, and reads
 * snapshots (log, diff, read, walk) whoever made them. Thread-safe; one per storage.
 *
 * <p>A workspace is a named, mutable tree with branches. Its branches are refs {@code
 * vst/ref/<workspace>/<branch>} → snapshot in the metadata store, moved by compare-and-swap on
 * commit; its record {@code vst/ws/<workspace>} holds the current branch and, after {@link
 * Workspace#save}, the root of uncommitted changes.
 */
public final class Workspaces {
  /*
   * Storage layout (metadata store):
   *   vst/ws/<name>             record: version, current branch, saved root (optional)
   *   vst/ref/<name>/<branch>   32-byte snapshot id
   *   vst/content/<hex>         large-content index (ContentStore)
   * Nodes and content are chunks of the chunk store; a commit writes them and moves the ref in
   * one atomic Storage.commit, so a ref never points at a snapshot whose nodes are missing.
   *
   * Garbage collection: forEachReferencedChunk marks everything reachable from every ref, every
   * saved root and every workspace open in this process (its working tree and its head), with
   * each snapshot's whole history.
   */

  /** The branch a new workspace starts on. */
  public static final String DEFAULT_BRANCH = "main";

  /** The author of snapshots when the workspace sets none. */
  public static final String DEFAULT_AUTHOR = "Helios <helios@localhost>";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final String WS_PREFIX = "vst/ws/";
  private static final String REF_PREFIX = "vst/ref/";
  private static final int RECORD_VERSION = 1;

  private final Storage storage;
  private final NodeStore nodes;
  private final ContentStore content;
  private final Set<Workspace> open = ConcurrentHashMap.newKeySet();

  /**
   * Creates the workspaces of {@code storage}. {@link Storage} does, once, and registers their
   * garbage-collection roots; use {@link Storage#workspaces()} rather than another instance,
   * whose open workspaces a sweep would not see.
   */
  public Workspaces(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.nodes = new NodeStore(storage.chunks());
    this.content = new ContentStore(storage.chunks(), storage.meta());
  }

  /**
   * Makes content held by {@code source} readable through every workspace and snapshot of this
   * storage. Register it before reading such content; a source of the same name is replaced.
   */
  public void registerContentSource(ExternalContent source) {
    content.register(Objects.requireNonNull(source, "source"));
  }

  /**
   * Adds to {@code batch} the content-index entry saying that the content {@code hash} lives in
   * the source named {@code sourceName} under {@code locator}, so that trees may refer to it
   * without storing it again. Apply the batch before any node referring to the content.
   */
  public static void indexExternalContent(
      KvBatch batch, Hash hash, String sourceName, byte[] locator) {
    ContentStore.indexExternal(batch, hash, sourceName, locator);
  }

  /** The locator under which source {@code sourceName} holds content {@code hash}, or empty. */
  public Optional<byte[]> externalLocator(Hash hash, String sourceName) throws IOException {
    return content.externalLocator(hash, sourceName);
  }

  /** Whether content {@code hash} of {@code size} bytes can be read. */
  public boolean hasContent(Hash hash, long size) throws IOException {
    return content.exists(hash, size);
  }

  /** Returns why {@code name} cannot name a workspace or branch, or null when it can. */
  public static @Nullable String nameProblem(String name) {
    if (NAME.matcher(name).matches() && !name.endsWith(".lock") && !name.contains("..")) {
      return null;
    }
    return "'"
        + name
        + "' is not a valid name: use 1 to 100 letters, digits, '.', '_' or '-', starting with a"
        + " letter or digit";
  }

  /**
   * Creates an empty workspace on branch {@value #DEFAULT_BRANCH}, with no snapshot yet.
   *
   * @throws WorkspaceExistsException if one of that name exists
   * @throws IllegalArgumentException if the name is invalid
   * @throws IOException if the store cannot be written
   */
  public Workspace create(String name) throws IOException {
    return create(name, null);
  }

  /**
   * Creates a workspace whose branch {@value #DEFAULT_BRANCH} starts at {@code snapshot} (which
   * must exist), or empty when it is null. O(1): nothing is copied.
   *
   * @throws WorkspaceExistsException if one of that name exists
   * @throws dev.helios.engine.errors.MissingChunkException if the snapshot does not exist
   * @throws IllegalArgumentException if the name is invalid
   * @throws IOException if the store cannot be written
   */
  public Workspace create(String name, @Nullable Hash snapshot) throws IOException {
    checkName(name);
    if (snapshot != null) {
      nodes.snapshot(snapshot);
    }
    KvBatch batch = new KvBatch().expect(wsKey(name), null);
    batch.put(wsKey(name), encodeRecord(DEFAULT_BRANCH, null));
    for (KeyValueStore.Entry stale : meta().scan(refPrefix(name), Integer.MAX_VALUE)) {
      batch.delete(stale.key());
    }
    if (snapshot != null) {
      batch.put(refKey(name, DEFAULT_BRANCH), snapshot.toBytes());
    }
    if (!meta().commit(batch)) {
      throw new WorkspaceExistsException("workspace '" + name + "' already exists");
    }
    return open(name);
  }

  /**
   * Opens the workspace {@code name} on its current branch, with its saved changes if any. The
   * caller closes it.
   *
   * @throws NoSuchWorkspaceException if there is none
   * @throws IOException if the store cannot be read
   */
  public Workspace open(String name) throws IOException {
    checkName(name);
    Record record = record(name).orElseThrow(() -> missing(name));
    Hash head = ref(name, record.branch).orElse(null);
    Hash headRoot = head == null ? emptyRoot() : nodes.snapshot(head).root();
    Hash root = record.savedRoot != null ? record.savedRoot : headRoot;
    Workspace workspace =
        new Workspace(
            this, name, record.branch, head, headRoot, DirRef.stored(root, 0), record.savedRoot);
    open.add(workspace);
    return workspace;
  }

  /** Whether a workspace called {@code name} exists. */
  public boolean exists(String name) throws IOException {
    return nameProblem(name) == null && record(name).isPresent();
  }

  /** Returns what is stored about workspace {@code name}, or empty when there is none. */
  public Optional<WorkspaceInfo> info(String name) throws IOException {
    checkName(name);
    Optional<Record> record = record(name);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    List<String> branches = branches(name);
    if (!branches.contains(record.get().branch)) {
      branches.add(record.get().branch);
      branches.sort(null);
    }
    return Optional.of(
        new WorkspaceInfo(
            name, record.get().branch, ref(name, record.get().branch), List.copyOf(branches),
            record.get().savedRoot != null));
  }

  /** Every workspace, by name. */
  public List<WorkspaceInfo> list() throws IOException {
    List<WorkspaceInfo> all = new ArrayList<>();
    for (KeyValueStore.Entry e : meta().scan(ascii(WS_PREFIX), Integer.MAX_VALUE)) {
      String name = new String(e.key(), StandardCharsets.UTF_8).substring(WS_PREFIX.length());
      info(name).ifPresent(all::add);
    }
    return all;
  }

  /**
   * Deletes workspace {@code name} and its branches (their data goes at the next gc unless
   * something else refers to it). Returns whether it existed. Workspaces already open keep
   * working in memory but cannot commit.
   */
  public boolean delete(String name) throws IOException {
    checkName(name);
    if (record(name).isEmpty()) {
      return false;
    }
    KvBatch batch = new KvBatch().delete(wsKey(name));
    for (KeyValueStore.Entry e : meta().scan(refPrefix(name), Integer.MAX_VALUE)) {
      batch.delete(e.key());
    }
    meta().write(batch);
    return true;
  }

  /** The snapshot {@code branch} of {@code workspace} points at, or empty. */
  public Optional<Hash> ref(String workspace, String branch) throws IOException {
    return meta().get(refKey(workspace, branch)).map(Hash::fromBytes);
  }

  /** The branches of {@code workspace} that point at a snapshot, sorted. */
  public List<String> branches(String workspace) throws IOException {
    List<String> branches = new ArrayList<>();
    int skip = refPrefix(workspace).length;
    for (KeyValueStore.Entry e : meta().scan(refPrefix(workspace), Integer.MAX_VALUE)) {
      branches.add(new String(e.key(), skip, e.key().length - skip, StandardCharsets.UTF_8));
    }
    return branches;
  }

  /**
   * Resolves {@code revision} in {@code workspace}: a branch name, {@code HEAD} (the current
   * branch), or a full 64-digit snapshot id.
   *
   * @throws NoSuchWorkspaceException if the workspace, or the branch, does not exist
   */
  public Hash resolve(String workspace, String revision) throws IOException {
    if (revision.length() == Hash.LENGTH * 2 && revision.matches("[0-9a-fA-F]+")) {
      Hash id = Hash.fromHex(revision.toLowerCase(java.util.Locale.ROOT));
      nodes.snapshot(id);
      return id;
    }
    Record record = record(workspace).orElseThrow(() -> missing(workspace));
    String branch = revision.equals("HEAD") ? record.branch : revision;
    return ref(workspace, branch)
        .orElseThrow(
            () ->
                new NoSuchWorkspaceException(
                    "workspace '" + workspace + "' has no branch or snapshot '" + revision + "'"));
  }

  /**
   * Reads snapshot {@code id}.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if it does not exist
   */
  public Snapshot snapshot(Hash id) throws IOException {
    return nodes.snapshot(id);
  }

  /**
   * Reads annotation {@code id}.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if it does not exist
   */
  public Annotation annotation(Hash id) throws IOException {
    return nodes.annotation(id);
  }

  /** Up to {@code limit} snapshots from {@code from} back along first parents, newest first. */
  public List<Snapshot> log(Hash from, int limit) throws IOException {
    List<Snapshot> log = new ArrayList<>();
    Hash next = from;
    while (next != null && log.size() < limit) {
      Snapshot s = nodes.snapshot(next);
      log.add(s);
      next = s.parents().isEmpty() ? null : s.parents().get(0);
    }
    return log;
  }

  /** The changes from snapshot {@code from} to snapshot {@code to}, in path order. */
  public List<Change> diff(Hash from, Hash to) throws IOException {
    return DiffWalker.diff(
        DirRef.stored(nodes.snapshot(from).root(), 0),
        DirRef.stored(nodes.snapshot(to).root(), 0),
        nodes);
  }

  /**
   * The changes between two trees given by their root directory addresses, Merkle-pruned.
   * Changes are passed to {@code out} in path order.
   */
  public void diffTrees(Hash fromRoot, Hash toRoot, Consumer<Change> out) throws IOException {
    DiffWalker.diff(DirRef.stored(fromRoot, 0), DirRef.stored(toRoot, 0), nodes, out);
  }

  /** The entry at {@code path} in {@code snapshot}, or empty. */
  public Optional<DirEntry> stat(Hash snapshot, String path) throws IOException {
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the root has no entry; list it instead");
    }
    Entry e = Trees.find(DirRef.stored(nodes.snapshot(snapshot).root(), 0), names, nodes);
    return Optional.ofNullable(e).map(Entry::toDirEntry);
  }

  /**
   * The entries of directory {@code path} of {@code snapshot}, by name.
   *
   * @throws NoSuchFileException if there is no such directory
   * @throws NotDirectoryException if it is not a directory
   */
  public List<DirEntry> list(Hash snapshot, String path) throws IOException {
    DirRef root = DirRef.stored(nodes.snapshot(snapshot).root(), 0);
    return listDirectory(Trees.directory(root, VstPaths.split(path), nodes));
  }

  /**
   * The content of file (or symlink) {@code path} of {@code snapshot}.
   *
   * @throws NoSuchFileException if there is none
   * @throws java.nio.file.FileSystemException if it is a directory or gitlink
   */
  public byte[] read(Hash snapshot, String path) throws IOException {
    DirRef root = DirRef.stored(nodes.snapshot(snapshot).root(), 0);
    Entry e = fileEntry(root, path);
    return content.read(Objects.requireNonNull(e.hash()), e.size());
  }

  /** Reads the content of a file or symlink entry. */
  public byte[] readContent(DirEntry file) throws IOException {
    checkContent(file);
    return content.read(file.hash(), file.size());
  }

  /** Opens the content of a file or symlink entry as a stream; the caller closes it. */
  public InputStream openContent(DirEntry file) throws IOException {
    checkContent(file);
    return content.open(file.hash(), file.size());
  }

  /**
   * Writes the tree of {@code snapshot} into {@code directory}; see {@link #materializeTree}.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if the snapshot, or part of its
   *     tree, is not stored
   * @throws IOException if the directory cannot be written or the store read or written
   */
  public MaterializeResult materialize(Hash snapshot, Path directory) throws IOException {
    return materializeTree(nodes.snapshot(snapshot).root(), directory);
  }

  /**
   * Writes the tree whose root directory is at {@code root} into {@code directory} (created if
   * missing), so that afterwards every path the tree has, or the tree recorded there before had,
   * is exactly as in the tree: regular and executable files (POSIX execute bits set or cleared),
   * symlinks, empty directories, and gitlinks as empty directories. When the directory holds a
   * tree materialized or imported before, only the differences are written and what is gone is
   * deleted; files changed by hand since are restored (found by their stat, kept in the metadata
   * store per directory); files that neither tree has are left alone, and so is a top-level
   * {@code .git}. Each file is written to a temporary name and renamed, so a killed process
   * never leaves a half-written file under a final name. Not safe to run concurrently with
   * another materialize or import of the same directory.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if part of the tree is not stored
   * @throws IOException if the directory cannot be written or the store read or written
   */
  public MaterializeResult materializeTree(Hash root, Path directory) throws IOException {
    return Materializer.materialize(this, root, directory);
  }

  /** Visits every entry of a tree, depth first, in path order. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Called with an entry's path and the entry; for a directory, before its contents. Return
     * false to skip a directory's contents.
     */
    boolean visit(String path, DirEntry entry) throws IOException;
  }

  /** Walks the tree of {@code snapshot}, calling {@code visitor} for every entry. */
  public void walk(Hash snapshot, Visitor visitor) throws IOException {
    walkTree(nodes.snapshot(snapshot).root(), visitor);
  }

  /** Walks the tree whose root directory is at {@code root}. */
  public void walkTree(Hash root, Visitor visitor) throws IOException {
    walk("", DirRef.stored(root, 0), visitor);
  }

  private void walk(String prefix, DirRef dir, Visitor visitor) throws IOException {
    for (Entry e : Directories.sorted(dir.load(nodes), nodes)) {
      String path = VstPaths.child(prefix, e.name());
      if (visitor.visit(path, e.toDirEntry()) && e.dir() != null) {
        walk(path, e.dir(), visitor);
      }
    }
  }

  /**
   * Calls {@code action} with every chunk that workspace data refers to: nodes and content
   * reachable from every branch, every saved working tree and every workspace open in this
   * process. Repeats are possible. For garbage collection.
   */
  public void forEachReferencedChunk(Consumer<Hash> action) throws IOException {
    ChunkMarker marker = new ChunkMarker(action);
    for (KeyValueStore.Entry e : meta().scan(ascii(REF_PREFIX), Integer.MAX_VALUE)) {
      marker.snapshot(Hash.fromBytes(e.value()));
    }
    for (KeyValueStore.Entry e : meta().scan(ascii(WS_PREFIX), Integer.MAX_VALUE)) {
      Record record = decodeRecord(e.value());
      if (record.savedRoot != null) {
        marker.dir(DirRef.stored(record.savedRoot, 0));
      }
    }
    for (Workspace w : open) {
      Hash head = w.head().orElse(null);
      if (head != null) {
        marker.snapshot(head);
      }
      marker.dir(w.workingRoot());
    }
  }

  /**
   * Returns a marker that passes to {@code action} every chunk of the nodes it is given and of
   * everything below them, each stored node once however often it is reached: for garbage
   * collection roots other than workspaces (the twins of Git objects). Not thread-safe.
   */
  public ChunkMarker newChunkMarker(Consumer<Hash> action) {
    return new ChunkMarker(Objects.requireNonNull(action, "action"));
  }

  /** Marks nodes and content for garbage collection; see {@link #newChunkMarker}. */
  public final class ChunkMarker {
    private final Consumer<Hash> action;
    private final Set<Hash> seen = new HashSet<>();

    ChunkMarker(Consumer<Hash> action) {
      this.action = action;
    }

    /** Marks snapshot {@code id}, its tree and its whole history. */
    public void snapshot(Hash id) throws IOException {
      Deque<Hash> pending = new ArrayDeque<>();
      pending.push(id);
      while (!pending.isEmpty()) {
        Hash next = pending.pop();
        if (!seen.add(next)) {
          continue;
        }
        action.accept(next);
        Snapshot s = nodes.snapshot(next);
        dir(DirRef.stored(s.root(), 0));
        s.parents().forEach(pending::push);
      }
    }

    /** Marks the directory node at {@code address} and everything below it. */
    public void directory(Hash address) throws IOException {
      dir(DirRef.stored(address, 0));
    }

    /** Marks annotation {@code id} and, if stored here, what it points at. */
    public void annotation(Hash id) throws IOException {
      if (!seen.add(id)) {
        return;
      }
      action.accept(id);
      Annotation a = nodes.annotation(id);
      switch (a.targetKind()) {
        case SNAPSHOT -> snapshot(a.target());
        case DIRECTORY -> directory(a.target());
        case ANNOTATION -> annotation(a.target());
        case CONTENT -> content.forEachChunk(a.target(), a.targetSize(), action);
      }
    }

    void dir(DirRef ref) throws IOException {
      Hash address = ref.isStored() ? ref.knownAddress() : null;
      if (address != null) {
        if (!seen.add(address)) {
          return;
        }
        action.accept(address);
      }
      // Loaded refs are walked in memory; stored ones are read (and not kept: a gc walks all).
      Dir dir = ref.loaded() != null ? ref.loaded() : nodes.loadDir(address, ref.depth());
      if (dir instanceof ShardDir shard) {
        for (DirRef child : shard.children()) {
          this.dir(child);
        }
        return;
      }
      for (Entry e : ((LeafDir) dir).entries()) {
        if (e.dir() != null) {
          this.dir(e.dir());
        } else if (e.kind().hasContent()) {
          content.forEachChunk(Objects.requireNonNull(e.hash()), e.size(), action);
        }
      }
    }
  }

  // ---- shared with Workspace ----

  NodeStore nodes() {
    return nodes;
  }

  ContentStore content() {
    return content;
  }

  Storage storage() {
    return storage;
  }

  KeyValueStore meta() {
    return storage.meta();
  }

  void closed(Workspace workspace) {
    open.remove(workspace);
  }

  Hash emptyRoot() {
    return NodeStore.emptyDirectory();
  }

  List<DirEntry> listDirectory(DirRef dir) throws IOException {
    List<DirEntry> entries = new ArrayList<>();
    for (Entry e : Directories.sorted(dir.load(nodes), nodes)) {
      entries.add(e.toDirEntry());
    }
    return entries;
  }

  Entry fileEntry(DirRef root, String path) throws IOException {
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      throw new java.nio.file.FileSystemException("/", null, "is a directory");
    }
    Entry e = Trees.find(root, names, nodes);
    if (e == null) {
      throw new NoSuchFileException(VstPaths.normalize(path));
    }
    if (!e.kind().hasContent()) {
      throw new java.nio.file.FileSystemException(
          VstPaths.normalize(path), null, "is a " + e.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    return e;
  }

  Optional<Record> record(String name) throws IOException {
    return meta().get(wsKey(name)).map(Workspaces::decodeRecord);
  }

  static byte[] wsKey(String name) {
    return ascii(WS_PREFIX + name);
  }

  static byte[] refKey(String workspace, String branch) {
    return ascii(REF_PREFIX + workspace + "/" + branch);
  }

  private static byte[] refPrefix(String workspace) {
    return ascii(REF_PREFIX + workspace + "/");
  }

  static void checkName(String name) {
    String problem = nameProblem(Objects.requireNonNull(name, "name"));
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static void checkContent(DirEntry file) {
    if (!file.kind().hasContent()) {
      throw new IllegalArgumentException(file.name() + " is a " + file.kind() + ", not content");
    }
  }

  private static NoSuchWorkspaceException missing(String name) {
    return new NoSuchWorkspaceException("no workspace '" + name + "'");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A workspace's record: its branch and the root of saved uncommitted changes. */
  record Record(String branch, @Nullable Hash savedRoot) {}

  static byte[] encodeRecord(String branch, @Nullable Hash savedRoot) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(RECORD_VERSION);
      out.writeUTF(branch);
      out.writeBoolean(savedRoot != null);
      if (savedRoot != null) {
        out.write(savedRoot.toBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Record decodeRecord(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != RECORD_VERSION) {
        throw new IllegalStateException("workspace record of unknown version " + version);
      }
      String branch = in.readUTF();
      Hash saved = null;
      if (in.readBoolean()) {
        saved = Hash.fromBytes(in.readNBytes(Hash.LENGTH));
      }
      return new Record(branch, saved);
    } catch (IOException e) {
      throw new IllegalStateException("malformed workspace record", e);
    }
  }
}
