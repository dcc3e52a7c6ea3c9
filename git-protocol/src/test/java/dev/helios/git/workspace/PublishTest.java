package dev.helios.git.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SnapshotPublisher} on an in-memory storage, read back with JGit. */
class PublishTest {
  private static final RepositoryName APP = RepositoryName.parse("app");

  private Storage storage;
  private RepositoryStore repositories;
  private Workspaces workspaces;
  private SnapshotPublisher publisher;

  @BeforeEach
  void open() throws IOException {
    storage = Storage.inMemory();
    repositories = new RepositoryStore(storage, RepositoryStore.Options.defaults());
    workspaces = storage.workspaces();
    publisher = new SnapshotPublisher(repositories);
    repositories.create(APP).close();
  }

  @AfterEach
  void close() throws IOException {
    repositories.close();
    storage.close();
  }

  @Test
  void publish_filesModesNestedAndEmptyDirectory_commitReadsBackWithJGit() throws Exception {
    Hash snapshot;
    try (Workspace w = workspaces.create("demo")) {
      w.author("Ann Example <ann@example.com>");
      w.write("README", bytes("hello\n"));
      w.write("bin/run.sh", bytes("#!/bin/sh\n"), EntryKind.EXECUTABLE);
      w.write("link", bytes("bin/run.sh"), EntryKind.SYMLINK);
      w.write("src/main/App.java", bytes("class App {}\n"));
      w.write("src/main-x", bytes("sorts before src/main/ in Git order\n"));
      w.writeGitlink("vendor/lib", raw(ObjectId.fromString("ab".repeat(20))));
      w.mkdir("empty/inner");
      snapshot = w.commit("first version");
    }

    SnapshotPublisher.Result result = publisher.publish(APP, snapshot, "main");

    assertThat(result.branch()).isEqualTo("refs/heads/main");
    assertThat(result.previous()).isNull();
    assertThat(result.published()).extracting(SnapshotPublisher.Published::snapshot)
        .containsExactly(snapshot);
    assertThat(result.emptyDirectoriesSkipped()).isEqualTo(2);
    try (Repository git = repositories.open(APP).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      assertThat(git.exactRef("refs/heads/main").getObjectId()).isEqualTo(result.commit());
      RevCommit commit = walk.parseCommit(result.commit());
      assertThat(commit.getFullMessage()).isEqualTo("first version\n");
      assertThat(commit.getAuthorIdent().getName()).isEqualTo("Ann Example");
      assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("ann@example.com");
      assertThat(commit.getCommitterIdent()).isEqualTo(commit.getAuthorIdent());
      assertThat(commit.getParentCount()).isZero();
      assertThat(tree(git, commit)).containsExactly(
          "README 100644 hello\n",
          "bin/run.sh 100755 #!/bin/sh\n",
          "link 120000 bin/run.sh",
          "src/main-x 100644 sorts before src/main/ in Git order\n",
          "src/main/App.java 100644 class App {}\n",
          "vendor/lib 160000 " + "ab".repeat(20));
      assertThat(fsck(git, result.commit())).isEqualTo(result.objectsWritten());
    }
  }

  @Test
  void publish_again_sameCommitAndNoNewObjects() throws Exception {
    Hash snapshot = commit("demo", Map.of("a.txt", "a", "d/b.txt", "b"), "one");
    SnapshotPublisher.Result first = publisher.publish(APP, snapshot, "main");

    SnapshotPublisher.Result again = publisher.publish(APP, snapshot, "main");

    assertThat(again.commit()).isEqualTo(first.commit());
    assertThat(again.objectsWritten()).isZero();
    assertThat(again.published()).isEmpty();
    assertThat(again.moved()).isFalse();
    assertThat(publisher.published(APP, snapshot)).contains(first.commit());
  }

  @Test
  void publish_sameSnapshotIntoFreshRepositories_sameSha1() throws Exception {
    Hash snapshot = commit("demo", Map.of("a.txt", "a", "d/e/b.txt", "b"), "one");
    RepositoryName other = RepositoryName.parse("other");
    repositories.create(other).close();

    ObjectId intoApp = publisher.publish(APP, snapshot, "main").commit();
    SnapshotPublisher.Result intoOther = publisher.publish(other, snapshot, "topic");

    assertThat(intoOther.commit()).isEqualTo(intoApp);
    assertThat(intoOther.published()).hasSize(1);
  }

  @Test
  void publish_afterMoreCommits_newCommitsFollowThePublishedOne() throws Exception {
    Hash one = commit("demo", Map.of("a.txt", "a"), "one");
    ObjectId published = publisher.publish(APP, one, "main").commit();
    commit("demo", Map.of("b.txt", "b"), "two");
    Hash three = commit("demo", Map.of("c.txt", "c"), "three");

    SnapshotPublisher.Result result = publisher.publish(APP, three, "main");

    assertThat(result.previous()).isEqualTo(published);
    assertThat(result.published()).hasSize(2);
    try (Repository git = repositories.open(APP).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      RevCommit head = walk.parseCommit(result.commit());
      RevCommit two = walk.parseCommit(head.getParent(0));
      assertThat(head.getFullMessage()).isEqualTo("three\n");
      assertThat(two.getFullMessage()).isEqualTo("two\n");
      assertThat(two.getParent(0)).isEqualTo(published);
      assertThat(tree(git, head)).containsExactly(
          "a.txt 100644 a", "b.txt 100644 b", "c.txt 100644 c");
      fsck(git, result.commit());
    }
  }

  @Test
  void publish_workspaceFromRepositoryRef_followsTheCommitAndReusesUnchangedTrees()
      throws Exception {
    ObjectId original = gitCommit(APP, Map.of(
        "docs/guide.md", "guide", "docs/api/index.md", "api", "src/a.c", "int a;", "x", "x"));
    GitTreeImport.Result start = GitTreeImport.createWorkspace(repositories, APP, "main", "ws");
    Hash edited;
    try (Workspace w = workspaces.open("ws")) {
      w.write("src/b.c", bytes("int b;"));
      edited = w.commit("add b");
    }

    SnapshotPublisher.Result result = publisher.publish(APP, edited, "main");

    assertThat(start.commit()).isEqualTo(original);
    assertThat(result.previous()).isEqualTo(original);
    assertThat(result.published()).hasSize(1);
    // The new blob, the new src tree, the new root tree and the commit; docs is reused.
    assertThat(result.objectsWritten()).isEqualTo(4);
    try (Repository git = repositories.open(APP).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      RevCommit head = walk.parseCommit(result.commit());
      RevCommit parent = walk.parseCommit(original);
      assertThat(head.getParents()).containsExactly(parent);
      assertThat(entry(git, head, "docs")).isEqualTo(entry(git, parent, "docs"));
      assertThat(entry(git, head, "x")).isEqualTo(entry(git, parent, "x"));
      assertThat(entry(git, head, "src")).isNotEqualTo(entry(git, parent, "src"));
      fsck(git, result.commit());
    }
  }

  @Test
  void publish_twinOfACommitInTheRepository_isThatCommit() throws Exception {
    ObjectId original = gitCommit(APP, Map.of("a", "a"));
    Hash start = GitTreeImport.createWorkspace(repositories, APP, null, "ws").snapshot();

    SnapshotPublisher.Result result = publisher.publish(APP, start, "copy");

    assertThat(result.commit()).isEqualTo(original);
    assertThat(result.objectsWritten()).isZero();
    assertThat(result.previous()).isNull();
  }

  @Test
  void publish_branchMovedMeanwhile_failsWithConflict() throws Exception {
    Hash one = commit("demo", Map.of("a.txt", "a"), "one");
    ObjectId first = publisher.publish(APP, one, "main").commit();
    Hash two = commit("demo", Map.of("b.txt", "b"), "two");
    ObjectId intruder = insertCommit(APP, Map.of("z", "z"), first);
    SnapshotPublisher racing = new SnapshotPublisher(repositories, () -> {
      try (Repository git = repositories.open(APP).orElseThrow()) {
        RefUpdate update = git.updateRef("refs/heads/main");
        update.setExpectedOldObjectId(first);
        update.setNewObjectId(intruder);
        assertThat(update.update()).isEqualTo(RefUpdate.Result.FAST_FORWARD);
      }
    });

    assertThatThrownBy(() -> racing.publish(APP, two, "main"))
        .isInstanceOf(SnapshotPublisher.ConflictException.class)
        .hasMessageContaining("refs/heads/main")
        .hasMessageContaining("moved while publishing");
    try (Repository git = repositories.open(APP).orElseThrow()) {
      assertThat(git.exactRef("refs/heads/main").getObjectId()).isEqualTo(intruder);
    }
  }

  @Test
  void publish_branchElsewhere_notAFastForwardIsRefused() throws Exception {
    ObjectId unrelated = gitCommit(APP, Map.of("z", "z"));
    Hash snapshot = commit("demo", Map.of("a.txt", "a"), "one");

    assertThatThrownBy(() -> publisher.publish(APP, snapshot, "main"))
        .isInstanceOf(SnapshotPublisher.ConflictException.class)
        .hasMessageContaining("not a fast-forward");
    try (Repository git = repositories.open(APP).orElseThrow()) {
      assertThat(git.exactRef("refs/heads/main").getObjectId()).isEqualTo(unrelated);
    }
  }

  @Test
  void publish_longHistory_publishesEverySnapshotParentsFirst() throws Exception {
    Hash last = null;
    try (Workspace w = workspaces.create("long")) {
      for (int i = 0; i < 300; i++) {
        w.write("counter", bytes(Integer.toString(i)));
        last = w.commit("step " + i);
      }
    }

    SnapshotPublisher.Result result = publisher.publish(APP, last, "main");

    assertThat(result.published()).hasSize(300);
    try (Repository git = repositories.open(APP).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      walk.markStart(walk.parseCommit(result.commit()));
      int count = 0;
      for (RevCommit c : walk) {
        assertThat(c.getFullMessage()).isEqualTo("step " + (299 - count) + "\n");
        count++;
      }
      assertThat(count).isEqualTo(300);
    }
  }

  @Test
  void publish_authorWithoutEmail_fallsBackToAHeliosAddress() throws Exception {
    Hash snapshot;
    try (Workspace w = workspaces.create("demo")) {
      w.author("build bot");
      w.write("a", bytes("a"));
      snapshot = w.commit("msg\n");
    }

    ObjectId commit = publisher.publish(APP, snapshot, "main").commit();

    try (Repository git = repositories.open(APP).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(commit);
      assertThat(c.getAuthorIdent().getName()).isEqualTo("build bot");
      assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("build-bot@helios");
      assertThat(c.getAuthorIdent().getZoneOffset().getTotalSeconds()).isZero();
      assertThat(c.getFullMessage()).isEqualTo("msg\n");
    }
  }

  @Test
  void publish_badBranchName_isRefused() throws Exception {
    Hash snapshot = commit("demo", Map.of("a", "a"), "one");

    assertThatThrownBy(() -> publisher.publish(APP, snapshot, "bad..name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad..name");
  }

  @Test
  void createWorkspace_fromRepository_writesNoFileContent() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      filler.append((char) ('a' + i % 26));
    }
    for (int i = 0; i < 200; i++) {
      files.put("dir" + (i % 10) + "/file" + i + ".txt", i + ":" + filler);
    }
    gitCommit(APP, files);
    long contentBytes = files.values().stream().mapToLong(String::length).sum();
    var before = storage.chunks().stats();

    GitTreeImport.createWorkspace(repositories, APP, "main", "ws");
    var afterFirst = storage.chunks().stats();
    GitTreeImport.createWorkspace(repositories, APP, "main", "ws2");
    var afterSecond = storage.chunks().stats();

    // The first start builds the twins: directory nodes and a snapshot, no file content.
    assertThat(afterFirst.chunks() - before.chunks()).isLessThan(files.size() / 10);
    assertThat(afterFirst.logicalBytes() - before.logicalBytes()).isLessThan(contentBytes / 10);
    assertThat(afterSecond.chunks()).isEqualTo(afterFirst.chunks());
    try (Workspace w = workspaces.open("ws")) {
      assertThat(new String(w.read("dir7/file17.txt"), StandardCharsets.UTF_8))
          .isEqualTo(files.get("dir7/file17.txt"));
    }
  }

  @Test
  void createWorkspace_unknownRef_failsNamingIt() {
    assertThatThrownBy(() -> GitTreeImport.createWorkspace(repositories, APP, "nope", "ws"))
        .isInstanceOf(GitTreeImport.UnknownRefException.class)
        .hasMessageContaining("nope");
  }

  // ---- fixtures ------------------------------------------------------------------------------

  private Hash commit(String workspace, Map<String, String> files, String message)
      throws IOException {
    try (Workspace w = workspaces.exists(workspace)
        ? workspaces.open(workspace) : workspaces.create(workspace)) {
      w.author("Ann <ann@example.com>");
      for (Map.Entry<String, String> e : files.entrySet()) {
        w.write(e.getKey(), bytes(e.getValue()));
      }
      return w.commit(message);
    }
  }

  /** Commits {@code files} straight into the repository and moves main, as a push would. */
  private ObjectId gitCommit(RepositoryName name, Map<String, String> files, ObjectId... parents)
      throws IOException {
    ObjectId id = insertCommit(name, files, parents);
    try (Repository git = repositories.open(name).orElseThrow()) {
      RefUpdate update = git.updateRef("refs/heads/main");
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      assertThat(update.update()).isIn(
          RefUpdate.Result.NEW, RefUpdate.Result.FORCED, RefUpdate.Result.FAST_FORWARD);
    }
    repositories.packReceived(name);
    return id;
  }

  /** Inserts a commit of {@code files} into the repository, moving no ref. */
  private ObjectId insertCommit(RepositoryName name, Map<String, String> files, ObjectId... parents)
      throws IOException {
    try (Repository git = repositories.open(name).orElseThrow();
        ObjectInserter inserter = git.newObjectInserter()) {
      ObjectId tree = gitTree(inserter, files, "");
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      PersonIdent who = new PersonIdent("T", "t@example.com", 1_700_000_000_000L, 0);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("imported\n");
      commit.setParentIds(parents);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private static ObjectId gitTree(ObjectInserter inserter, Map<String, String> files, String prefix)
      throws IOException {
    Map<String, String> blobs = new java.util.TreeMap<>();
    Map<String, Map<String, String>> dirs = new java.util.TreeMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        blobs.put(rest, e.getValue());
      } else {
        dirs.computeIfAbsent(rest.substring(0, slash), k -> new LinkedHashMap<>())
            .put(e.getKey(), e.getValue());
      }
    }
    // Git order: a directory sorts as its name followed by '/'.
    java.util.TreeMap<String, Object[]> sorted = new java.util.TreeMap<>();
    for (Map.Entry<String, String> e : blobs.entrySet()) {
      ObjectId id = inserter.insert(Constants.OBJ_BLOB, bytes(e.getValue()));
      sorted.put(e.getKey(), new Object[] {e.getKey(), FileMode.REGULAR_FILE, id});
    }
    for (Map.Entry<String, Map<String, String>> e : dirs.entrySet()) {
      ObjectId id = gitTree(inserter, e.getValue(), prefix + e.getKey() + "/");
      sorted.put(e.getKey() + "/", new Object[] {e.getKey(), FileMode.TREE, id});
    }
    TreeFormatter tree = new TreeFormatter();
    for (Object[] entry : sorted.values()) {
      tree.append((String) entry[0], (FileMode) entry[1], (ObjectId) entry[2]);
    }
    return inserter.insert(tree);
  }

  /** "path mode content" for every non-tree entry of the commit's tree, in Git order. */
  private static List<String> tree(Repository git, RevCommit commit) throws IOException {
    List<String> out = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(git)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        int mode = walk.getRawMode(0);
        String content = mode == FileMode.GITLINK.getBits()
            ? walk.getObjectId(0).name()
            : new String(git.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        out.add(walk.getPathString() + " " + Integer.toOctalString(mode) + " " + content);
      }
    }
    return out;
  }

  private static ObjectId entry(Repository git, RevCommit commit, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(git, path, commit.getTree())) {
      return walk.getObjectId(0);
    }
  }

  /** Runs JGit's object checker on every object reachable from {@code commit}; returns how many. */
  private static long fsck(Repository git, ObjectId commit) throws IOException {
    ObjectChecker checker = new ObjectChecker();
    Set<ObjectId> seen = new HashSet<>();
    try (ObjectWalk walk = new ObjectWalk(git); ObjectReader reader = git.newObjectReader()) {
      walk.markStart(walk.parseCommit(commit));
      List<RevObject> all = new ArrayList<>();
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        all.add(c);
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        all.add(o);
      }
      for (RevObject o : all) {
        if (seen.add(o.copy())) {
          byte[] data = reader.open(o, o.getType()).getCachedBytes(Integer.MAX_VALUE);
          checker.check(o, o.getType(), data);
        }
      }
    }
    return seen.size();
  }

  private static byte[] raw(ObjectId id) {
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    id.copyRawTo(raw, 0);
    return raw;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
