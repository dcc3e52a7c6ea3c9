package dev.helios.engine.vst;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.internal.DiffWalker;
import dev.helios.engine.vst.internal.Dir;
import dev.helios.engine.vst.internal.DirRef;
import dev.helios.engine.vst.internal.Entry;
import dev.helios.engine.vst.internal.LeafDir;
import dev.helios.engine.vst.internal.NodeCodec;
import dev.helios.engine.vst.internal.ShardDir;
import dev.helios.engine.vst.internal.Trees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A mutable tree over an immutable snapshot: copy-on-write in memory, committed as a new
 * snapshot in microseconds. Not thread-safe: use one workspace object from one thread at a
 * time (open the same workspace twice for two threads; their commits then race by
 * compare-and-swap). Close it when done.
 *
 * <p>Changes stay in memory until {@link #commit} (a snapshot, moving the branch) or {@link
 * #save} (kept uncommitted in the store, so that another process can open them).
 */
public final class Workspace implements AutoCloseable {
  /*
   * State: `root` is an immutable persistent tree (DirRef/Dir/Entry). A write hashes the new
   * content, keeps it in `staged` and path-copies the directories from the file up to the root:
   * O(depth) small arrays, sharing everything else. Unchanged subtrees stay as stored refs,
   * loaded lazily, so open, restore and checkout cost one snapshot read.
   *
   * Commit collects the nodes not yet stored (exactly the path-copied ones: a stored node's
   * subtree is all stored), encodes them children first, hashes each once, and hands them with
   * the staged content they reference and the snapshot node to Storage.commit together with the
   * ref's compare-and-swap: one atomic write. Only after it succeeds are the refs marked stored.
   * A lost race writes nothing and leaves the workspace as it was.
   */

  private final Workspaces owner;
  private final String name;
  private String branch;
  private @Nullable Hash head;
  private Hash headRoot;
  private volatile DirRef root;
  // Replaced, not cleared, after a commit: clear() costs the capacity, which a big import grows.
  private Map<Hash, byte[]> staged = new HashMap<>();
  // The root recorded by the last save() when it differs from the head's, else null.
  private @Nullable Hash savedRoot;
  private SyncPolicy durability = SyncPolicy.WAL;
  private String author = Workspaces.DEFAULT_AUTHOR;
  private boolean closed;

  Workspace(
      Workspaces owner, String name, String branch, @Nullable Hash head, Hash headRoot,
      DirRef root, @Nullable Hash savedRoot) {
    this.owner = owner;
    this.name = name;
    this.branch = branch;
    this.head = head;
    this.headRoot = headRoot;
    this.root = root;
    this.savedRoot = savedRoot;
  }

  /** The workspace's name. */
  public String name() {
    return name;
  }

  /** The branch commits move. */
  public String branch() {
    return branch;
  }

  /** The snapshot the branch pointed at when this workspace last committed or opened it. */
  public Optional<Hash> head() {
    return Optional.ofNullable(head);
  }

  /**
   * Sets how commits and saves are made durable: {@link SyncPolicy#WAL} (the default: survives
   * a killed process), {@link SyncPolicy#FSYNC} (survives power loss; one fsync per commit) or
   * {@link SyncPolicy#GROUP} (survives power loss; commits arriving together share an fsync).
   */
  public void durability(SyncPolicy policy) {
    this.durability = Objects.requireNonNull(policy, "policy");
  }

  /** Sets the author of the next snapshots, e.g. {@code Name <email>}. */
  public void author(String author) {
    this.author = Objects.requireNonNull(author, "author");
  }

  // ---- reading ----

  /**
   * Returns the content of the file or symlink at {@code path}.
   *
   * @throws NoSuchFileException if there is none
   * @throws FileSystemException if it is a directory or a gitlink
   */
  public byte[] read(String path) throws IOException {
    checkOpen();
    Entry e = owner.fileEntry(root, path);
    byte[] pending = staged.get(e.hash());
    return pending != null ? pending.clone() : owner.content().read(e.hash(), e.size());
  }

  /** The entry at {@code path}, or empty when there is none. */
  public Optional<DirEntry> stat(String path) throws IOException {
    checkOpen();
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the root has no entry; list it instead");
    }
    return Optional.ofNullable(Trees.find(root, names, owner.nodes())).map(Entry::toDirEntry);
  }

  /**
   * The entries of directory {@code path} ({@code ""} for the root), sorted by name.
   *
   * @throws NoSuchFileException if there is no such directory
   * @throws java.nio.file.NotDirectoryException if it is not a directory
   */
  public List<DirEntry> list(String path) throws IOException {
    checkOpen();
    return owner.listDirectory(Trees.directory(root, VstPaths.split(path), owner.nodes()));
  }

  // ---- changing ----

  /** Writes a regular file; see {@link #write(String, byte[], EntryKind)}. */
  public void write(String path, byte[] content) throws IOException {
    write(path, content, EntryKind.FILE);
  }

  /**
   * Creates or replaces the file (or, with {@link EntryKind#SYMLINK}, the symlink whose target
   * is {@code content}) at {@code path}, creating missing parent directories. The content is
   * copied and hashed now; it is stored by the next commit or save.
   *
   * @throws FileSystemException if {@code path} is a directory, or a parent is a file
   * @throws IllegalArgumentException if the path is invalid or {@code kind} has no content
   */
  public void write(String path, byte[] content, EntryKind kind) throws IOException {
    checkOpen();
    if (!kind.hasContent()) {
      throw new IllegalArgumentException("cannot write content as a " + kind);
    }
    List<String> names = checkWritable(path);
    byte[] copy = content.clone();
    Hash hash = Blake3.hash(copy);
    put(names, Entry.leaf(names.get(names.size() - 1), kind, hash, copy.length));
    staged.put(hash, copy);
  }

  /**
   * Points {@code path} at content already stored (from an earlier commit or save), without
   * reading or hashing it. Returns false, changing nothing, when the content is not stored.
   */
  public boolean link(String path, EntryKind kind, Hash contentHash, long size) throws IOException {
    checkOpen();
    if (!kind.hasContent()) {
      throw new IllegalArgumentException("cannot link content as a " + kind);
    }
    List<String> names = checkWritable(path);
    if (!staged.containsKey(contentHash) && !owner.content().exists(contentHash, size)) {
      return false;
    }
    put(names, Entry.leaf(names.get(names.size() - 1), kind, contentHash, size));
    return true;
  }

  /** Creates or replaces a gitlink (submodule commit {@code sha1}, 20 bytes) at {@code path}. */
  public void writeGitlink(String path, byte[] sha1) throws IOException {
    checkOpen();
    List<String> names = checkWritable(path);
    DirEntry e = DirEntry.gitlink(names.get(names.size() - 1), sha1);
    put(names, Entry.leaf(e.name(), EntryKind.GITLINK, e.hash(), 0));
  }

  /**
   * Creates directory {@code path} and missing parents; does nothing if it exists.
   *
   * @throws FileAlreadyExistsException if it, or a parent, is not a directory
   */
  public void mkdir(String path) throws IOException {
    checkOpen();
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      return;
    }
    Entry existing = Trees.find(root, names, owner.nodes());
    if (existing != null) {
      if (existing.dir() == null) {
        throw new FileAlreadyExistsException(VstPaths.normalize(path), null, "is not a directory");
      }
      return;
    }
    Entry dir = Entry.directory(names.get(names.size() - 1), DirRef.of(LeafDir.empty(), 0));
    root = update(names, dir);
  }

  /**
   * Deletes the file, symlink, gitlink or directory (with everything in it) at {@code path}.
   * Returns whether there was one.
   */
  public boolean delete(String path) throws IOException {
    checkOpen();
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("cannot delete the root; delete its entries");
    }
    DirRef before = root;
    root = Trees.update(root, names, null, false, owner.nodes());
    return root != before;
  }

  /**
   * Moves the entry at {@code from} to {@code to} (replacing a file there), creating missing
   * parents of {@code to}. O(depth): a moved directory is not copied.
   *
   * @throws NoSuchFileException if {@code from} does not exist
   * @throws FileAlreadyExistsException if {@code to} is a directory
   * @throws IllegalArgumentException if {@code to} is inside {@code from}
   */
  public void rename(String from, String to) throws IOException {
    checkOpen();
    List<String> source = VstPaths.split(from);
    List<String> target = VstPaths.split(to);
    if (source.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("cannot move the root");
    }
    if (source.equals(target)) {
      return;
    }
    if (target.size() > source.size() && target.subList(0, source.size()).equals(source)) {
      throw new IllegalArgumentException("cannot move " + from + " into itself");
    }
    Entry entry = Trees.find(root, source, owner.nodes());
    if (entry == null) {
      throw new NoSuchFileException(VstPaths.normalize(from));
    }
    Entry existing = Trees.find(root, target, owner.nodes());
    if (existing != null && existing.dir() != null) {
      throw new FileAlreadyExistsException(VstPaths.normalize(to), null, "is a directory");
    }
    DirRef without = Trees.update(root, source, null, false, owner.nodes());
    root = Trees.update(without, target, entry, true, owner.nodes());
  }

  /**
   * Makes the working tree that of {@code snapshot}, dropping uncommitted changes. O(1): one
   * snapshot read; the tree loads lazily as it is read. The branch does not move: the next
   * commit follows the current head with the restored tree.
   *
   * @throws dev.helios.engine.errors.MissingChunkException if there is no such snapshot
   */
  public void restore(Hash snapshot) throws IOException {
    checkOpen();
    root = DirRef.stored(owner.nodes().snapshot(snapshot).root(), 0);
    dropStaged();
  }

  /**
   * Makes the working tree equal to {@code directory} (without committing): files, executable
   * files, symlinks and empty directories; entries gone from the directory are deleted. Files
   * whose stat matches the one recorded at the last import or materialize of that directory are
   * taken over without being read; the others are read whole and hashed. A top-level {@code .git}
   * is skipped, and a directory recorded as a gitlink stays one. The stat cache may then name
   * content that is stored only by the next {@link #save} or {@link #commit}: save soon after.
   * Not safe to run concurrently with another materialize or import of the same directory.
   *
   * @throws java.nio.file.NotDirectoryException if {@code directory} is not a directory
   * @throws IOException if the directory cannot be read or the store read or written
   */
  public ImportResult importDirectory(Path directory) throws IOException {
    checkOpen();
    return DirectoryImporter.importDirectory(owner, this, directory);
  }

  /** The changes from the head (an empty tree before the first commit) to the working tree. */
  public List<Change> diff() throws IOException {
    checkOpen();
    return DiffWalker.diff(DirRef.stored(headRoot, 0), root, owner.nodes());
  }

  /** The address of the working tree's root directory (computing, not storing, what changed). */
  public Hash root() {
    return root.address();
  }

  // ---- committing and branches ----

  /** Commits with no metadata; see {@link #commit(String, Map)}. */
  public Hash commit(String message) throws IOException {
    return commit(message, Map.of());
  }

  /**
   * Stores the working tree as a new snapshot following the head and moves the branch to it, in
   * one atomic write made durable as {@link #durability} says. Returns the snapshot's id. Empty
   * commits (nothing changed) are allowed.
   *
   * @throws CommitConflictException if the branch moved since this workspace's head (another
   *     workspace object committed to it); nothing is written and the changes are kept
   * @throws IOException if the store cannot be written; nothing of the commit is visible
   */
  public Hash commit(String message, Map<String, String> metadata) throws IOException {
    checkOpen();
    Objects.requireNonNull(message, "message");
    ChunkBatch chunks = new ChunkBatch();
    KvBatch meta = new KvBatch();
    List<DirRef> fresh = new ArrayList<>();
    Hash rootAddress = collect(root, chunks, meta, fresh);
    Snapshot.Draft draft =
        new Snapshot.Draft(
            rootAddress, head == null ? List.of() : List.of(head), author,
            Instant.ofEpochMilli(System.currentTimeMillis()), message, metadata);
    byte[] encoded = NodeCodec.encodeSnapshot(draft);
    Hash id = NodeCodec.address(encoded);
    chunks.add(id, encoded);
    byte[] refKey = Workspaces.refKey(name, branch);
    meta.expect(refKey, head == null ? null : head.toBytes());
    meta.put(refKey, id.toBytes());
    if (savedRoot != null) {
      meta.put(Workspaces.wsKey(name), Workspaces.encodeRecord(branch, null));
    }
    if (!owner.storage().commit(chunks, meta, durability)) {
      throw new CommitConflictException(name, branch, head, owner.ref(name, branch).orElse(null));
    }
    fresh.forEach(DirRef::markStored);
    dropStaged();
    head = id;
    headRoot = rootAddress;
    savedRoot = null;
    return id;
  }

  /**
   * Stores the working tree without committing it, so that {@link Workspaces#open} (in this or
   * another process) finds it. Durable as {@link #durability} says.
   */
  public void save() throws IOException {
    checkOpen();
    ChunkBatch chunks = new ChunkBatch();
    KvBatch meta = new KvBatch();
    List<DirRef> fresh = new ArrayList<>();
    Hash rootAddress = collect(root, chunks, meta, fresh);
    Hash saved = rootAddress.equals(headRoot) ? null : rootAddress;
    meta.put(Workspaces.wsKey(name), Workspaces.encodeRecord(branch, saved));
    owner.storage().commit(chunks, meta, durability);
    fresh.forEach(DirRef::markStored);
    dropStaged();
    savedRoot = saved;
  }

  /**
   * Creates branch {@code name} at the head and switches to it, keeping the working tree. O(1).
   *
   * @throws WorkspaceExistsException if the branch exists
   */
  public void branch(String newBranch) throws IOException {
    checkOpen();
    Workspaces.checkName(newBranch);
    KvBatch batch = new KvBatch();
    byte[] key = Workspaces.refKey(name, newBranch);
    batch.expect(key, null);
    if (head != null) {
      batch.put(key, head.toBytes());
    }
    batch.put(Workspaces.wsKey(name), Workspaces.encodeRecord(newBranch, savedRoot));
    if (newBranch.equals(branch) || !owner.meta().commit(batch)) {
      throw new WorkspaceExistsException(
          "workspace '" + name + "' already has a branch '" + newBranch + "'");
    }
    branch = newBranch;
  }

  /**
   * Switches to existing branch {@code name}: the working tree becomes its head's, dropping
   * uncommitted changes. O(1).
   *
   * @throws NoSuchWorkspaceException if there is no such branch
   */
  public void checkout(String existingBranch) throws IOException {
    checkOpen();
    Workspaces.checkName(existingBranch);
    Hash target =
        owner
            .ref(name, existingBranch)
            .orElseThrow(
                () ->
                    new NoSuchWorkspaceException(
                        "workspace '" + name + "' has no branch '" + existingBranch + "'"));
    Hash targetRoot = owner.nodes().snapshot(target).root();
    owner.meta().write(
        new KvBatch().put(Workspaces.wsKey(name), Workspaces.encodeRecord(existingBranch, null)));
    branch = existingBranch;
    head = target;
    headRoot = targetRoot;
    root = DirRef.stored(targetRoot, 0);
    dropStaged();
    savedRoot = null;
  }

  /** Forgets this object's changes not committed or saved; the workspace itself stays. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      dropStaged();
      owner.closed(this);
    }
  }

  private void dropStaged() {
    if (!staged.isEmpty()) {
      staged = new HashMap<>();
    }
  }

  DirRef workingRoot() {
    return root;
  }

  // Collects the unstored nodes below `ref`, children first, and the staged content they use.
  private Hash collect(DirRef ref, ChunkBatch chunks, KvBatch meta, List<DirRef> fresh)
      throws IOException {
    Hash known = ref.knownAddress();
    if (ref.isStored()) {
      return Objects.requireNonNull(known);
    }
    Dir dir = Objects.requireNonNull(ref.loaded());
    if (dir instanceof ShardDir shard) {
      for (DirRef child : shard.children()) {
        collect(child, chunks, meta, fresh);
      }
    } else {
      for (Entry e : ((LeafDir) dir).entries()) {
        if (e.dir() != null) {
          collect(e.dir(), chunks, meta, fresh);
        } else if (e.kind().hasContent()) {
          byte[] content = staged.get(e.hash());
          if (content != null) {
            owner.content().addTo(chunks, meta, e.hash(), content);
          }
        }
      }
    }
    byte[] encoded = NodeCodec.encode(dir);
    Hash address = known;
    if (address == null) {
      address = NodeCodec.address(encoded);
      ref.setAddress(address);
    }
    chunks.add(address, encoded);
    fresh.add(ref);
    return address;
  }

  // The path's names; whether a directory is in the way is checked by the update itself.
  private static List<String> checkWritable(String path) throws IOException {
    List<String> names = VstPaths.split(path);
    if (names.isEmpty()) {
      throw new FileSystemException("/", null, "is a directory");
    }
    return names;
  }


  private void put(List<String> names, Entry entry) throws IOException {
    root = update(names, entry);
  }

  private DirRef update(List<String> names, Entry entry) throws IOException {
    try {
      return Trees.update(root, names, entry, true, owner.nodes());
    } catch (java.nio.file.NotDirectoryException e) {
      throw new FileSystemException(e.getFile(), null, "is not a directory");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("workspace '" + name + "' is closed");
    }
  }

  @Override
  public String toString() {
    return "workspace " + name + " on " + branch;
  }
}
