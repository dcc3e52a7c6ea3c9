package dev.helios.git.inspect;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCache;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCacheConfig;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A repository in an in-memory store with two commits on {@code main} whose trees hold every
 * kind of entry, and their twins built. Tests use {@link #first} and {@link #second}.
 */
final class InspectFixture implements AutoCloseable {
  static final RepositoryName NAME = RepositoryName.parse("team/demo");
  static final Instant TIME = Instant.ofEpochSecond(1_700_000_000);
  static final String GITLINK = "0123456789abcdef0123456789abcdef01234567";
  static final byte[] BINARY = {0, 1, 2, 3, (byte) 0xff};

  final Storage storage;
  RepositoryStore repositories;
  final ObjectId first;
  final ObjectId second;
  /** The chunks that the pack of the two commits was written to. */
  final Set<Hash> packChunks;

  private InspectFixture(Storage storage) throws IOException {
    this.storage = storage;
    this.repositories = openStore(storage);
    try (Repository repository = repositories.create(NAME)) {
      Set<Hash> before = chunks(storage);
      Map<String, Entry> one = new LinkedHashMap<>();
      one.put("README.md", Entry.file("hello\n"));
      one.put("bin/run.sh", new Entry(FileMode.EXECUTABLE_FILE, "#!/bin/sh\necho hi\n"));
      one.put("src/main/App.java", Entry.file("class App {}\n"));
      one.put("link", new Entry(FileMode.SYMLINK, "README.md"));
      one.put("lib/sub", new Entry(FileMode.GITLINK, GITLINK));
      one.put("data.bin", new Entry(FileMode.REGULAR_FILE, BINARY));
      Map<String, Entry> two = new LinkedHashMap<>(one);
      two.put("README.md", Entry.file("hello\nworld\n"));
      two.remove("src/main/App.java");
      two.put("src/util/Util.java", Entry.file("class Util {}\n// two\n"));
      two.put("data.bin", new Entry(FileMode.REGULAR_FILE, new byte[] {0, 9, 9}));
      try (ObjectInserter in = repository.newObjectInserter()) {
        first = commit(in, one, "first commit\n\nwith a body\n");
        second = commit(in, two, "second commit\n", first);
        in.flush();
      }
      Set<Hash> after = chunks(storage);
      after.removeAll(before);
      packChunks = after;
      RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
      update.setNewObjectId(second);
      update.update();
      RefUpdate tag = repository.updateRef(Constants.R_TAGS + "v1");
      tag.setNewObjectId(first);
      tag.update();
    }
    repositories.twins().build(NAME);
  }

  static InspectFixture create() throws IOException {
    return new InspectFixture(Storage.inMemory());
  }

  /** The snapshot twin of {@code commit}. */
  Hash snapshot(ObjectId commit) throws IOException {
    return repositories.twins().snapshotOf(commit).orElseThrow();
  }

  /**
   * Deletes the chunks of the pack and reopens the repository store, so that nothing read before
   * (JGit's process-wide block cache, the open pack index) hides the damage.
   */
  void deletePack() throws IOException {
    repositories.close();
    storage.chunks().delete(packChunks);
    DfsBlockCache.reconfigure(new DfsBlockCacheConfig());
    repositories = openStore(storage);
  }

  @Override
  public void close() throws IOException {
    repositories.close();
    storage.close();
  }

  private static RepositoryStore openStore(Storage storage) {
    return new RepositoryStore(
        storage, RepositoryStore.Options.builder().executor(Runnable::run).build());
  }

  private static Set<Hash> chunks(Storage storage) throws IOException {
    Set<Hash> all = new HashSet<>();
    storage.chunks().forEachHash(all::add);
    return all;
  }

  private static ObjectId commit(
      ObjectInserter in, Map<String, Entry> files, String message, ObjectId... parents)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (Map.Entry<String, Entry> f : files.entrySet()) {
      DirCacheEntry e = new DirCacheEntry(f.getKey());
      e.setFileMode(f.getValue().mode());
      e.setObjectId(
          f.getValue().mode() == FileMode.GITLINK
              ? ObjectId.fromString(new String(f.getValue().content(), StandardCharsets.US_ASCII))
              : in.insert(Constants.OBJ_BLOB, f.getValue().content()));
      builder.add(e);
    }
    builder.finish();
    PersonIdent who = new PersonIdent("Ada Tester", "ada@example.com", TIME, ZoneOffset.UTC);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(index.writeTree(in));
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage(message);
    commit.setParentIds(parents);
    return in.insert(commit);
  }

  /** A tree entry to write: its mode and content (a gitlink's content is the SHA-1 in hex). */
  record Entry(FileMode mode, byte[] content) {
    Entry(FileMode mode, String content) {
      this(mode, content.getBytes(StandardCharsets.UTF_8));
    }

    static Entry file(String content) {
      return new Entry(FileMode.REGULAR_FILE, content);
    }
  }
}
