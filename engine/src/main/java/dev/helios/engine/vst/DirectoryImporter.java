package dev.helios.engine.vst;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.StatCache.Entry;
import dev.helios.engine.vst.StatCache.FileStat;
import dev.helios.engine.vst.internal.NodeStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes a workspace's working tree equal to a directory on disk, reading and hashing only the files
 * whose stat differs from the stat cache. Confined to one thread; one materialize or import per
 * directory at a time.
 */
final class DirectoryImporter {
  /*
   * One depth-first walk of the directory, merged per directory with the workspace's entries
   * (Workspace.list): what is on disk is written or linked, what is only in the workspace is
   * deleted. A file whose stat (kind, size, mtime, ctime, inode) matches a non-racy cache entry
   * is linked to the cached content with Workspace.link: no read, no hash. When the workspace
   * already has that content at the path, nothing is done at all, so the working tree is only
   * path-copied where something changed.
   *
   * The stat is read before the content: a file changed while it is read keeps the old stat in
   * the cache and is seen as changed next time.
   *
   * Cache entries may name content stored only once the workspace is saved or committed (the
   * CLI saves right after importing). If that never happens, link returns false next time and
   * the file is read again.
   *
   * Skipped: a top-level `.git` (Git's own data, never part of a tree; a `.git` entry of the
   * workspace is left as it is too), names starting with Materializer.TEMP_PREFIX (leftovers
   * of an interrupted materialize), and fifos, sockets and devices. A directory the cache or
   * the workspace knows as a gitlink stays a gitlink and is not descended, as Git treats a
   * submodule's directory.
   *
   * Limit: a file is read whole into memory (Workspace.write takes an array), so files must be
   * below 2 GiB and fit in the heap.
   */

  private final Workspaces owner;
  private final Workspace workspace;
  private final Path directory;
  private final StatCache cache;
  private final Map<String, Entry> old;
  private final Map<String, Entry> fresh = new HashMap<>();
  private long scanned;
  private long hashed;
  private long reused;
  private long deleted;
  private long bytesHashed;

  private DirectoryImporter(Workspaces owner, Workspace workspace, Path directory)
      throws IOException {
    this.owner = owner;
    this.workspace = workspace;
    this.directory = directory;
    this.cache = new StatCache(owner.meta(), directory);
    this.old = cache.load();
  }

  /** Makes the working tree of {@code workspace} equal to {@code directory}. */
  static ImportResult importDirectory(Workspaces owner, Workspace workspace, Path directory)
      throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new NotDirectoryException(directory.toString());
    }
    return new DirectoryImporter(owner, workspace, directory.toRealPath()).run();
  }

  private ImportResult run() throws IOException {
    importDir("", directory, true);
    // After every read: an mtime this recent cannot prove a file unchanged (see StatCache).
    long nowNanos = System.currentTimeMillis() * 1_000_000L;
    KvBatch batch = new KvBatch();
    Set<String> paths = new HashSet<>(old.keySet());
    paths.addAll(fresh.keySet());
    for (String path : paths) {
      Entry e = fresh.get(path);
      if (e != null) {
        e = Entry.of(e.kind(), e.hash(), e.contentSize(), e.stat(), nowNanos);
      }
      cache.update(batch, path, old.get(path), e);
    }
    cache.record(batch, workspace.root());
    owner.meta().write(batch);
    return new ImportResult(scanned, hashed, reused, deleted, bytesHashed);
  }

  // Imports the directory `dir` at `rel`; returns whether it holds anything imported.
  private boolean importDir(String rel, Path dir, boolean inWorkspace) throws IOException {
    Map<String, DirEntry> known = new HashMap<>();
    if (inWorkspace) {
      for (DirEntry e : workspace.list(rel)) {
        known.put(e.name(), e);
      }
    }
    if (rel.isEmpty()) {
      known.remove(".git");
    }
    boolean any = false;
    for (Path child : children(dir)) {
      String name = child.getFileName().toString();
      if ((rel.isEmpty() && name.equals(".git")) || name.startsWith(Materializer.TEMP_PREFIX)) {
        continue;
      }
      String path = VstPaths.child(rel, name);
      FileStat stat = FileStat.read(child);
      if (stat == null || stat.kind() == null) {
        continue; // gone meanwhile, or a fifo, socket or device
      }
      DirEntry current = known.remove(name);
      if (stat.kind() == EntryKind.DIRECTORY) {
        importSubdirectory(path, child, stat, current);
        any = true;
      } else if (importFile(path, child, stat, current)) {
        any = true;
      } else if (current != null && workspace.delete(path)) {
        deleted++;
      }
    }
    for (DirEntry gone : known.values()) {
      workspace.delete(VstPaths.child(rel, gone.name()));
      deleted++;
    }
    return any;
  }

  private void importSubdirectory(String path, Path dir, FileStat stat, @Nullable DirEntry current)
      throws IOException {
    Entry cached = old.get(path);
    Hash gitlink =
        cached != null && cached.kind() == EntryKind.GITLINK
            ? cached.hash()
            : current != null && current.kind() == EntryKind.GITLINK ? current.hash() : null;
    if (gitlink != null) {
      if (current == null
          || !(current.kind() == EntryKind.GITLINK && current.hash().equals(gitlink))) {
        if (current != null && current.kind() == EntryKind.DIRECTORY) {
          workspace.delete(path);
        }
        workspace.writeGitlink(path, Arrays.copyOf(gitlink.toBytes(), DirEntry.SHA1_LENGTH));
      }
      fresh.put(path, new Entry(EntryKind.GITLINK, gitlink, 0, stat, false));
      return;
    }
    boolean inWorkspace = current != null && current.kind() == EntryKind.DIRECTORY;
    if (current != null && !inWorkspace) {
      workspace.delete(path); // a file became a directory
      deleted++;
    }
    if (!importDir(path, dir, inWorkspace)) {
      if (!inWorkspace) {
        workspace.mkdir(path);
      }
      fresh.put(path, new Entry(EntryKind.DIRECTORY, NodeStore.emptyDirectory(), 0, stat, false));
    }
  }

  // Returns false when the file vanished before it could be read.
  private boolean importFile(String path, Path file, FileStat stat, @Nullable DirEntry current)
      throws IOException {
    EntryKind kind = stat.kind();
    if (current != null && current.kind() == EntryKind.DIRECTORY) {
      workspace.delete(path); // a directory became a file
      deleted++;
      current = null;
    }
    Entry cached = old.get(path);
    if (cached != null && cached.trusts(stat)) {
      if (holds(current, kind, cached.hash())
          || workspace.link(path, kind, cached.hash(), cached.contentSize())) {
        scanned++;
        reused++;
        fresh.put(path, cached);
        return true;
      }
      // The cached content is not stored (an import never saved): read it again.
    }
    byte[] content;
    try {
      content =
          kind == EntryKind.SYMLINK ? Materializer.linkTarget(file) : Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return false;
    }
    scanned++;
    hashed++;
    bytesHashed += content.length;
    Hash hash = Blake3.hash(content);
    if (!holds(current, kind, hash)) {
      workspace.write(path, content, kind);
    }
    fresh.put(path, new Entry(kind, hash, content.length, stat, false));
    return true;
  }

  private static boolean holds(@Nullable DirEntry current, EntryKind kind, Hash hash) {
    return current != null && current.kind() == kind && current.hash().equals(hash);
  }

  private static List<Path> children(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    return children;
  }
}
