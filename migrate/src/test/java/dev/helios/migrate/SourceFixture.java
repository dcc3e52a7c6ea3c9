package dev.helios.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;

/** Deterministic source repositories built with JGit's inserter: a flat tree of files, commits on a branch. */
final class SourceFixture implements AutoCloseable {
  final Repository repository;
  private final TreeMap<String, ObjectId> files = new TreeMap<>();
  private final Random random;
  private ObjectId head;
  private int time = 1_600_000_000;

  private SourceFixture(Repository repository, long seed) {
    this.repository = repository;
    this.random = new Random(seed);
  }

  /** A new bare repository at {@code dir}, HEAD at refs/heads/main. */
  static SourceFixture bare(Path dir, long seed) throws Exception {
    Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
    return new SourceFixture(new FileRepository(dir.toFile()), seed);
  }

  /** A new repository with a work tree at {@code dir} (objects in dir/.git). */
  static SourceFixture workTree(Path dir, long seed) throws Exception {
    Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call().close();
    return new SourceFixture(new FileRepository(dir.resolve(".git").toFile()), seed);
  }

  /** Opens an existing bare repository and continues from {@code branch}. */
  static SourceFixture open(Path gitDir, String branch, long seed) throws Exception {
    SourceFixture f = new SourceFixture(new FileRepository(gitDir.toFile()), seed);
    f.head = f.repository.resolve(branch);
    try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(f.repository)) {
      walk.addTree(f.repository.parseCommit(f.head).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        f.files.put(walk.getPathString(), walk.getObjectId(0));
      }
    }
    return f;
  }

  /** Adds {@code count} commits to {@code branch}, each changing one to three of {@code fileCount} files. */
  ObjectId commits(String branch, int count, int fileCount) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      for (int i = 0; i < count; i++) {
        int changes = files.isEmpty() ? fileCount : 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          String name = String.format("src/file%04d.txt", files.isEmpty() ? c : random.nextInt(fileCount));
          if (files.isEmpty() || changes == fileCount) {
            name = String.format("src/file%04d.txt", c);
          }
          files.put(name, inserter.insert(Constants.OBJ_BLOB, content(name)));
        }
        head = commit(inserter, "commit " + i);
      }
      inserter.flush();
    }
    setRef(Constants.R_HEADS + branch, head);
    return head;
  }

  /** An annotated tag at the current head. */
  void tag(String name) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      TagBuilder tag = new TagBuilder();
      tag.setObjectId(head, Constants.OBJ_COMMIT);
      tag.setTag(name);
      tag.setTagger(ident());
      tag.setMessage("tag " + name + "\n");
      ObjectId id = inserter.insert(tag);
      inserter.flush();
      setRef(Constants.R_TAGS + name, id);
    }
  }

  void setRef(String name, ObjectId id) throws IOException {
    RefUpdate update = repository.updateRef(name);
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("cannot set " + name + ": " + result);
    }
  }

  ObjectId head() {
    return head;
  }

  /** Packs everything (JGit gc), as a real repository mostly is. */
  void gc() throws Exception {
    try (Git git = new Git(repository)) {
      git.gc().setAggressive(false).call();
    }
  }

  private ObjectId commit(ObjectInserter inserter, String message) throws IOException {
    Map<String, TreeMap<String, ObjectId>> dirs = new TreeMap<>();
    for (var e : files.entrySet()) {
      int slash = e.getKey().indexOf('/');
      dirs.computeIfAbsent(e.getKey().substring(0, slash), k -> new TreeMap<>()).put(e.getKey().substring(slash + 1), e.getValue());
    }
    TreeFormatter root = new TreeFormatter();
    for (var dir : dirs.entrySet()) {
      TreeFormatter sub = new TreeFormatter();
      dir.getValue().forEach((n, id) -> sub.append(n, FileMode.REGULAR_FILE, id));
      root.append(dir.getKey(), FileMode.TREE, inserter.insert(sub));
    }
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(inserter.insert(root));
    if (head != null) {
      commit.setParentId(head);
    }
    commit.setAuthor(ident());
    commit.setCommitter(ident());
    commit.setMessage(message + "\n");
    return inserter.insert(commit);
  }

  private PersonIdent ident() {
    time += 60;
    return new PersonIdent("A U Thor", "author@example.com", java.time.Instant.ofEpochSecond(time), java.time.ZoneOffset.UTC);
  }

  private final Map<String, Integer> versions = new TreeMap<>();

  private byte[] content(String name) {
    // A stable body per file with one line edited per version: history deltas well, as code does.
    int version = versions.merge(name, 1, Integer::sum);
    Random base = new Random(name.hashCode());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String line = i == version % 40 ? "edit " + version + " " + Long.toHexString(random.nextLong()) : Long.toHexString(base.nextLong());
      text.append(name).append(" line ").append(i).append(' ').append(line).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
