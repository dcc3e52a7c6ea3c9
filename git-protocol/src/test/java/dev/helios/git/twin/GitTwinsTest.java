package dev.helios.git.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitTwinsTest {
  private static final PersonIdent AUTHOR =
      new PersonIdent("Ada", "ada@example.com", java.time.Instant.ofEpochSecond(1_700_000_000), java.time.ZoneOffset.ofHours(2));
  private static final RepositoryName NAME = RepositoryName.parse("demo");

  private Storage storage;
  private RepositoryStore repositories;
  private GitTwins twins;
  private Repository repository;

  @BeforeEach
  void setUp() throws IOException {
    storage = Storage.inMemory();
    repositories =
        new RepositoryStore(storage, RepositoryStore.Options.builder().executor(Runnable::run).build());
    twins = repositories.twins();
    repository = repositories.create(NAME);
  }

  @AfterEach
  void tearDown() throws IOException {
    repository.close();
    repositories.close();
    storage.close();
  }

  @Test
  void build_ofACommitWithEveryKind_givesASnapshotWithTheSameFilesReadFromThePack() throws IOException {
    ObjectId commit;
    try (ObjectInserter in = repository.newObjectInserter()) {
      ObjectId hello = blob(in, "hello\n");
      ObjectId script = blob(in, "#!/bin/sh\necho hi\n");
      ObjectId link = blob(in, "hello.txt");
      TreeFormatter sub = new TreeFormatter();
      sub.append("deep.txt", FileMode.REGULAR_FILE, blob(in, "deep\n"));
      ObjectId subTree = in.insert(sub);
      TreeFormatter root = new TreeFormatter();
      root.append("hello.txt", FileMode.REGULAR_FILE, hello);
      root.append("link", FileMode.SYMLINK, link);
      root.append("module", FileMode.GITLINK, ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
      root.append("run.sh", FileMode.EXECUTABLE_FILE, script);
      root.append("sub", FileMode.TREE, subTree);
      commit = commit(in, in.insert(root), "first\n");
      in.flush();
    }
    setBranch("main", commit);

    TwinReport report = twins.build(NAME);

    assertThat(report.commits()).isEqualTo(1);
    assertThat(report.trees()).isEqualTo(2);
    assertThat(report.blobs()).isEqualTo(4);
    assertThat(report.rawKept()).isZero();
    Hash snapshot = twins.snapshotOf(commit).orElseThrow();
    Workspaces ws = storage.workspaces();
    assertThat(ws.read(snapshot, "hello.txt")).isEqualTo(bytes("hello\n"));
    assertThat(ws.read(snapshot, "sub/deep.txt")).isEqualTo(bytes("deep\n"));
    assertThat(ws.stat(snapshot, "run.sh").orElseThrow().kind()).isEqualTo(EntryKind.EXECUTABLE);
    assertThat(ws.stat(snapshot, "link").orElseThrow().kind()).isEqualTo(EntryKind.SYMLINK);
    DirEntry module = ws.stat(snapshot, "module").orElseThrow();
    assertThat(ObjectId.fromRaw(module.gitlinkId()).name()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    Snapshot s = ws.snapshot(snapshot);
    assertThat(s.message()).isEqualTo("first\n");
    assertThat(s.author()).isEqualTo("Ada <ada@example.com>");
    assertThat(s.metadata().get("git.header")).startsWith("author Ada <ada@example.com> 1700000000 +0200");
    // Content stays in the pack: no chunk holds the blob.
    assertThat(storage.chunks().contains(Blake3.hash(bytes("hello\n")))).isFalse();
    assertThat(twins.gitId(snapshot)).contains(commit);
    assertThat(twins.gitId(Blake3.hash(bytes("hello\n")))).isPresent();
    assertThat(twins.check(NAME, 10)).isEmpty();
    assertThat(twins.build(NAME).objects()).isZero();
  }

  @Test
  void build_afterANewCommit_twinsOnlyTheNewObjects_andDiffIsMerklePruned() throws IOException {
    ObjectId first;
    ObjectId second;
    try (ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter big = new TreeFormatter();
      for (int i = 0; i < 100; i++) {
        big.append(String.format("f%03d", i), FileMode.REGULAR_FILE, blob(in, "n" + i));
      }
      ObjectId bigTree = in.insert(big);
      TreeFormatter root1 = new TreeFormatter();
      root1.append("a.txt", FileMode.REGULAR_FILE, blob(in, "one"));
      root1.append("big", FileMode.TREE, bigTree);
      first = commit(in, in.insert(root1), "one\n");
      TreeFormatter root2 = new TreeFormatter();
      root2.append("a.txt", FileMode.REGULAR_FILE, blob(in, "two"));
      root2.append("big", FileMode.TREE, bigTree);
      second = commit(in, in.insert(root2), "two\n", first);
      in.flush();
    }
    setBranch("main", first);
    twins.build(NAME);
    setBranch("main", second);

    TwinReport report = twins.build(NAME);

    assertThat(report.commits()).isEqualTo(1);
    assertThat(report.trees()).isEqualTo(1);
    assertThat(report.blobs()).isEqualTo(1);
    List<Change> changes =
        storage.workspaces().diff(twins.snapshotOf(first).orElseThrow(), twins.snapshotOf(second).orElseThrow());
    assertThat(changes).extracting(Change::path).containsExactly("a.txt");
    assertThat(storage.workspaces().snapshot(twins.snapshotOf(second).orElseThrow()).parents())
        .containsExactly(twins.snapshotOf(first).orElseThrow());
  }

  @Test
  void build_ofOddObjects_keepsTheirRawBytes_andCheckIsClean() throws IOException {
    ObjectId commit;
    ObjectId oddTree;
    ObjectId tag;
    try (ObjectInserter in = repository.newObjectInserter()) {
      ObjectId blob = blob(in, "x");
      // Mode 100664 (old git) and out-of-order entries.
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      entry(raw, "100664", "b.txt", blob);
      entry(raw, "100644", "a.txt", blob);
      oddTree = in.insert(Constants.OBJ_TREE, raw.toByteArray());
      byte[] commitBytes =
          ("tree " + oddTree.name() + "\n"
                  + "author A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\nencoding ISO-8859-1\n\n"
                  + "caf\u00e9\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      commit = in.insert(Constants.OBJ_COMMIT, commitBytes);
      TagBuilder t = new TagBuilder();
      t.setObjectId(oddTree, Constants.OBJ_TREE);
      t.setTag("tree-tag");
      t.setTagger(AUTHOR);
      t.setMessage("a tag of a tree\n");
      tag = in.insert(t);
      in.flush();
    }
    setBranch("main", commit);
    RefUpdate u = repository.updateRef("refs/tags/tree-tag");
    u.setNewObjectId(tag);
    u.update();

    TwinReport report = twins.build(NAME);

    assertThat(report.rawKept()).isEqualTo(2);
    assertThat(twins.twin(oddTree).orElseThrow().rawKept()).isTrue();
    assertThat(twins.twin(commit).orElseThrow().rawKept()).isTrue();
    assertThat(twins.twin(tag).orElseThrow().kind()).isEqualTo(Twin.Kind.TAG);
    assertThat(storage.workspaces().annotation(twins.twin(tag).orElseThrow().address()).target())
        .isEqualTo(twins.twin(oddTree).orElseThrow().address());
    Hash snapshot = twins.snapshotOf(commit).orElseThrow();
    assertThat(storage.workspaces().list(snapshot, "")).extracting(DirEntry::name).containsExactly("a.txt", "b.txt");
    assertThat(twins.check(NAME, 10)).isEmpty();
  }

  @Test
  void check_whenATwinNodeIsMissing_namesTheObject() throws IOException {
    ObjectId commit;
    try (ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter root = new TreeFormatter();
      root.append("a.txt", FileMode.REGULAR_FILE, blob(in, "a"));
      commit = commit(in, in.insert(root), "m\n");
      in.flush();
    }
    setBranch("main", commit);
    twins.build(NAME);
    storage.chunks().delete(List.of(twins.snapshotOf(commit).orElseThrow()));

    List<TwinProblem> problems = twins.check(NAME, 10);

    assertThat(problems).extracting(TwinProblem::object).containsExactly(commit.name());
    assertThat(problems.get(0).message()).contains("missing");
  }

  @Test
  void snapshot_ofAnUnknownRevision_failsClearly() throws IOException {
    assertThatThrownBy(() -> twins.snapshot(NAME, "no-such-branch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no revision 'no-such-branch' in repository 'demo'");
  }

  @Test
  void gc_keepsTwinNodes() throws IOException {
    ObjectId commit;
    try (ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter root = new TreeFormatter();
      root.append("a.txt", FileMode.REGULAR_FILE, blob(in, "a"));
      commit = commit(in, in.insert(root), "m\n");
      in.flush();
    }
    setBranch("main", commit);
    twins.build(NAME);

    storage.collector().sweep();

    assertThat(twins.check(NAME, 10)).isEmpty();
    assertThat(storage.workspaces().read(twins.snapshotOf(commit).orElseThrow(), "a.txt")).isEqualTo(bytes("a"));
  }

  @Test
  void schedule_recordsWorkUntilBuilt_andResumePendingFinishesWorkLeftByARestart() throws IOException {
    ObjectId commit;
    try (ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter root = new TreeFormatter();
      root.append("a.txt", FileMode.REGULAR_FILE, blob(in, "a"));
      commit = commit(in, in.insert(root), "m\n");
      in.flush();
    }
    setBranch("main", commit);
    // What a push that died before its twins were built leaves behind.
    storage.meta().write(new dev.helios.engine.kv.KvBatch().put(TwinIndex.pendingKey(NAME), new byte[0]));
    assertThat(twins.isComplete(NAME)).isFalse();

    twins.resumePending(); // the executor of this store runs tasks at once

    assertThat(twins.isComplete(NAME)).isTrue();
    assertThat(twins.snapshotOf(commit)).isPresent();
  }

  @Test
  void packReceived_schedulesTheTwinsOfThePushedObjects() throws IOException {
    ObjectId commit;
    try (ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter root = new TreeFormatter();
      root.append("b.txt", FileMode.REGULAR_FILE, blob(in, "b"));
      commit = commit(in, in.insert(root), "m\n");
      in.flush();
    }
    setBranch("main", commit);

    repositories.packReceived(NAME);

    assertThat(twins.isComplete(NAME)).isTrue();
    assertThat(twins.snapshotOf(commit)).isPresent();
  }

  private void setBranch(String branch, ObjectId id) throws IOException {
    RefUpdate u = repository.updateRef(Constants.R_HEADS + branch);
    u.setNewObjectId(id);
    u.setForceUpdate(true);
    RefUpdate.Result r = u.update();
    assertThat(r).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED, RefUpdate.Result.FAST_FORWARD);
  }

  private static ObjectId blob(ObjectInserter in, String content) throws IOException {
    return in.insert(Constants.OBJ_BLOB, bytes(content));
  }

  private static ObjectId commit(ObjectInserter in, ObjectId tree, String message, ObjectId... parents)
      throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree);
    c.setParentIds(new ArrayList<>(List.of(parents)));
    c.setAuthor(AUTHOR);
    c.setCommitter(AUTHOR);
    c.setMessage(message);
    return in.insert(c);
  }

  private static void entry(ByteArrayOutputStream out, String mode, String name, ObjectId id) {
    out.writeBytes((mode + " " + name).getBytes(StandardCharsets.UTF_8));
    out.write(0);
    byte[] raw = new byte[20];
    id.copyRawTo(raw, 0);
    out.writeBytes(raw);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
