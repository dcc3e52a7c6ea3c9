package dev.helios.engine.vst;

import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.StatCache.Entry;
import dev.helios.engine.vst.StatCache.FileStat;
import dev.helios.engine.vst.internal.NodeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes a tree of the Virtual State Tree into a directory on disk, incrementally when the
 * directory holds a tree written (or imported) before. Confined to one thread; one materialize or
 * import per directory at a time.
 */
final class Materializer {
  /*
   * Plan, then apply, then record.
   *
   * Plan. The stat cache records the root of the tree the directory holds. When that tree is
   * still stored, Workspaces.diffTrees (Merkle-pruned: O(changes)) gives the paths to write and
   * to delete; every other path the cache knows is only verified. Otherwise (first run, or the
   * recorded tree was an import never saved, or was collected) the whole target is walked, and
   * each path is verified when the cache says it already holds that content, else written;
   * cached paths the target lacks are deleted, with the directories that held them.
   *
   * Verify. A path is left alone when its stat matches the cache entry (and the entry is not
   * racy, see StatCache), or, failing that, when it has the expected kind and size and its bytes
   * hash to the expected content (a touched but unchanged file is not rewritten). Otherwise it
   * is written. So files changed by hand are restored; the cost is one stat per known path,
   * like `git status`.
   *
   * Apply. Deletions first, deepest first; a directory is removed only when empty, so files the
   * user added that neither tree knows survive. Then writes, in path order: content goes to a
   * temporary file in the same directory, which is then renamed over the final name, so a crash
   * never leaves a half-written file under a final name (only a stray temporary, which import
   * ignores and the next materialize does not trip on). No fsync: this protects against a
   * killed process, not against power loss. A non-directory where a directory is needed (a
   * parent, a gitlink, an empty directory) is removed, and so is whatever occupies the name of
   * a file to write: the target wins. Parents are checked without following symlinks, so
   * nothing is ever written or deleted through a symlink.
   *
   * Record. Finally the cache entries that changed and the new root go to the metadata store in
   * one batch. A crash before it leaves the old record, which is still safe: the next run
   * rewrites or re-verifies whatever it might have done.
   *
   * A top-level `.git` is neither written nor deleted: it belongs to Git, as in
   * DirectoryImporter. Gitlinks become empty directories, as Git leaves uninitialized
   * submodules.
   */

  /** The prefix of temporary files; import skips names that start with it. */
  static final String TEMP_PREFIX = ".helios-tmp-";

  private static final String GIT_DIR = ".git";

  private final Workspaces owner;
  private final Hash root;
  private final Path directory;
  private final StatCache cache;
  private final Map<String, Entry> old;
  private final Map<String, Entry> now;
  private final Set<String> changed = new HashSet<>();
  // Directories (relative paths) known in this run to be real directories, not symlinks.
  private final Set<String> realDirs = new HashSet<>();
  private long written;
  private long deleted;
  private long unchanged;
  private long bytesWritten;

  private Materializer(Workspaces owner, Hash root, Path directory, StatCache cache)
      throws IOException {
    this.owner = owner;
    this.root = root;
    this.directory = directory;
    this.cache = cache;
    this.old = cache.load();
    this.now = new HashMap<>(old);
  }

  /** Writes the tree at {@code root} into {@code directory}, creating it if missing. */
  static MaterializeResult materialize(Workspaces owner, Hash root, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Path real = directory.toRealPath();
    return new Materializer(owner, root, real, new StatCache(owner.meta(), real)).run();
  }

  private MaterializeResult run() throws IOException {
    Plan plan = null;
    Hash recorded = cache.recordedRoot().orElse(null);
    if (recorded != null) {
      plan = incrementalPlan(recorded);
    }
    if (plan == null) {
      plan = fullPlan();
    }
    plan.deletes.sort(Comparator.comparingInt(String::length).reversed());
    for (String path : plan.deletes) {
      delete(path);
    }
    for (Target t : plan.verifies) {
      verify(t);
    }
    plan.writes.sort(Comparator.comparing(Target::path));
    for (Target t : plan.writes) {
      write(t);
    }
    record();
    return new MaterializeResult(written, deleted, unchanged, bytesWritten, plan.incremental);
  }

  /** What to delete, verify and write. */
  private record Plan(
      List<String> deletes, List<Target> verifies, List<Target> writes, boolean incremental) {}

  /** A path and the entry it must hold. */
  private record Target(String path, EntryKind kind, Hash hash, long size) {
    static Target of(String path, DirEntry e) {
      return new Target(path, e.kind(), e.hash(), e.size());
    }
  }

  // Returns null when the recorded tree cannot be read (not stored, or collected).
  private @Nullable Plan incrementalPlan(Hash recorded) throws IOException {
    List<Change> changes = new ArrayList<>();
    try {
      owner.diffTrees(recorded, root, changes::add);
    } catch (MissingChunkException e) {
      return null; // expected after an import that was never saved: fall back to a full pass
    }
    Set<String> touched = new HashSet<>();
    List<String> deletes = new ArrayList<>();
    List<Target> writes = new ArrayList<>();
    for (Change c : changes) {
      if (isGit(c.path())) {
        continue;
      }
      touched.add(c.path());
      DirEntry after = c.after();
      if (c.type() == Change.Type.DELETED) {
        deletes.add(c.path()); // a dir <-> file change is DELETED, then ADDED
      }
      if (after != null && (after.kind() != EntryKind.DIRECTORY || isEmptyDir(after))) {
        writes.add(Target.of(c.path(), after));
      }
    }
    List<Target> verifies = new ArrayList<>();
    for (Map.Entry<String, Entry> e : old.entrySet()) {
      if (!touched.contains(e.getKey())) {
        Entry o = e.getValue();
        verifies.add(new Target(e.getKey(), o.kind(), o.hash(), o.contentSize()));
      }
    }
    return new Plan(deletes, verifies, writes, true);
  }

  private Plan fullPlan() throws IOException {
    Set<String> paths = new HashSet<>();
    Set<String> dirs = new HashSet<>();
    List<Target> verifies = new ArrayList<>();
    List<Target> writes = new ArrayList<>();
    owner.walkTree(
        root,
        (path, e) -> {
          if (isGit(path)) {
            return false;
          }
          paths.add(path);
          if (e.kind() == EntryKind.DIRECTORY) {
            dirs.add(path);
            if (!isEmptyDir(e)) {
              return true;
            }
          }
          Entry o = old.get(path);
          (o != null && o.holds(e.kind(), e.hash()) ? verifies : writes).add(Target.of(path, e));
          return e.kind() == EntryKind.DIRECTORY;
        });
    Set<String> deletes = new HashSet<>();
    for (String path : old.keySet()) {
      if (!paths.contains(path)) {
        deletes.add(path);
        // Remove the directories that held it too, unless the target has them.
        for (int slash = path.lastIndexOf('/');
            slash > 0;
            slash = path.lastIndexOf('/', slash - 1)) {
          String parent = path.substring(0, slash);
          if (dirs.contains(parent) || !deletes.add(parent)) {
            break;
          }
        }
      }
    }
    return new Plan(new ArrayList<>(deletes), verifies, writes, false);
  }

  private void delete(String path) throws IOException {
    forget(path);
    if (!parentsAreReal(path)) {
      return; // a parent is not a directory of ours: nothing of the tree is below it
    }
    Path file = resolve(path);
    FileStat disk = FileStat.read(file);
    if (disk == null) {
      return;
    }
    try {
      Files.delete(file);
      deleted++;
      realDirs.remove(path);
    } catch (DirectoryNotEmptyException e) {
      // Left on purpose: it holds files the user added, which neither tree knows.
    }
  }

  private void verify(Target t) throws IOException {
    if (!parentsAreReal(t.path)) {
      write(t); // a parent was replaced, e.g. by a symlink: what is below it is not ours
      return;
    }
    Path file = resolve(t.path);
    FileStat disk = FileStat.read(file);
    Entry o = old.get(t.path);
    if (o != null && o.trusts(disk)) {
      if (t.kind.hasContent()) {
        unchanged++;
      }
      return;
    }
    if (disk != null && t.kind.hasContent() && disk.kind() == t.kind && sameContent(file, t)) {
      unchanged++;
      remember(t, disk);
      return;
    }
    write(t);
  }

  private boolean sameContent(Path file, Target t) throws IOException {
    if (t.kind == EntryKind.SYMLINK) {
      return Blake3.hash(linkTarget(file)).equals(t.hash);
    }
    if (Files.size(file) != t.size) {
      return false;
    }
    // Large files are read whole; see DirectoryImporter for the limit.
    return Blake3.hash(Files.readAllBytes(file)).equals(t.hash);
  }

  private void write(Target t) throws IOException {
    ensureParents(t.path);
    Path file = resolve(t.path);
    FileStat disk = FileStat.read(file);
    if (!t.kind.hasContent()) {
      if (disk == null || disk.kind() != EntryKind.DIRECTORY) {
        if (disk != null) {
          Files.delete(file);
        }
        Files.createDirectory(file);
      }
      realDirs.add(t.path);
      remember(t, FileStat.read(file));
      return;
    }
    Path temp =
        file.resolveSibling(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      if (t.kind == EntryKind.SYMLINK) {
        String target = new String(owner.content().read(t.hash, t.size), StandardCharsets.UTF_8);
        Files.createSymbolicLink(temp, file.getFileSystem().getPath(target));
      } else {
        try (InputStream in = owner.content().open(t.hash, t.size);
            OutputStream out =
                Files.newOutputStream(
                    temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          in.transferTo(out);
        }
        setExecutable(temp, t.kind == EntryKind.EXECUTABLE);
      }
      if (disk != null && disk.kind() == EntryKind.DIRECTORY) {
        deleteTree(file); // the target has a file here: it wins over whatever the directory holds
        realDirs.remove(t.path);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    written++;
    bytesWritten += t.size;
    remember(t, FileStat.read(file));
  }

  // Makes every parent of `path` a real directory, creating missing ones and removing files and
  // symlinks in the way.
  private void ensureParents(String path) throws IOException {
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String parent = path.substring(0, slash);
      if (realDirs.contains(parent)) {
        continue;
      }
      Path dir = resolve(parent);
      FileStat disk = FileStat.read(dir);
      if (disk == null || disk.kind() != EntryKind.DIRECTORY) {
        if (disk != null) {
          Files.delete(dir);
          forget(parent);
        }
        Files.createDirectory(dir);
      }
      realDirs.add(parent);
    }
  }

  private boolean parentsAreReal(String path) throws IOException {
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String parent = path.substring(0, slash);
      if (!realDirs.contains(parent)) {
        FileStat disk = FileStat.read(resolve(parent));
        if (disk == null || disk.kind() != EntryKind.DIRECTORY) {
          return false;
        }
        realDirs.add(parent);
      }
    }
    return true;
  }

  private void remember(Target t, @Nullable FileStat stat) throws IOException {
    if (stat == null) {
      throw new IOException(resolve(t.path) + " vanished while it was being written");
    }
    now.put(t.path, new Entry(t.kind, t.hash, t.kind.hasContent() ? t.size : 0, stat, false));
    changed.add(t.path);
  }

  private void forget(String path) {
    now.remove(path);
    changed.add(path);
  }

  private void record() throws IOException {
    // After every write: an mtime this recent cannot prove a file unchanged (see StatCache).
    long nowNanos = System.currentTimeMillis() * 1_000_000L;
    KvBatch batch = new KvBatch();
    for (String path : changed) {
      Entry e = now.get(path);
      if (e != null) {
        e = Entry.of(e.kind(), e.hash(), e.contentSize(), e.stat(), nowNanos);
      }
      cache.update(batch, path, old.get(path), e);
    }
    cache.record(batch, root);
    owner.meta().write(batch);
  }

  private Path resolve(String path) {
    return directory.resolve(path);
  }

  static boolean isGit(String path) {
    return path.equals(GIT_DIR) || path.startsWith(GIT_DIR + "/");
  }

  private static boolean isEmptyDir(DirEntry e) {
    return e.kind() == EntryKind.DIRECTORY && e.hash().equals(NodeStore.emptyDirectory());
  }

  static byte[] linkTarget(Path link) throws IOException {
    return Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
  }

  // Executable: an execute bit for each read bit, as Git checks out mode 100755; otherwise none.
  private static void setExecutable(Path file, boolean executable) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    Set<PosixFilePermission> wanted = new HashSet<>(perms);
    wanted.removeAll(
        List.of(
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE));
    if (executable) {
      wanted.add(PosixFilePermission.OWNER_EXECUTE);
      if (perms.contains(PosixFilePermission.GROUP_READ)) {
        wanted.add(PosixFilePermission.GROUP_EXECUTE);
      }
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        wanted.add(PosixFilePermission.OTHERS_EXECUTE);
      }
    }
    if (!wanted.equals(perms)) {
      view.setPermissions(wanted);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
