package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.internal.ContentStore;
import dev.helios.engine.vst.internal.NodeStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
  private Storage storage;
  private Workspaces workspaces;

  @BeforeEach
  void setUp() {
    storage = Storage.inMemory();
    workspaces = storage.workspaces();
  }

  @AfterEach
  void tearDown() throws IOException {
    storage.close();
  }

  // ---- reading and writing ----

  @Test
  void write_thenRead_returnsTheContentAndCreatesParents() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("a/b/c.txt", bytes("hello"));

      assertThat(ws.read("a/b/c.txt")).isEqualTo(bytes("hello"));
      assertThat(ws.read("/a/b/c.txt/")).isEqualTo(bytes("hello"));
      assertThat(ws.stat("a/b")).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EntryKind.DIRECTORY));
      assertThat(ws.stat("a/b/c.txt"))
          .contains(new DirEntry("c.txt", EntryKind.FILE, Blake3.hash(bytes("hello")), 5));
    }
  }

  @Test
  void write_contentChangedByCallerAfterwards_keepsTheWrittenCopy() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      byte[] content = bytes("abc");
      ws.write("f", content);

      content[0] = 'X';

      assertThat(ws.read("f")).isEqualTo(bytes("abc"));
      ws.commit("one");
      assertThat(ws.read("f")).isEqualTo(bytes("abc"));
    }
  }

  @Test
  void write_overADirectory_throwsFileSystemException() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.mkdir("d");

      assertThatThrownBy(() -> ws.write("d", bytes("x")))
          .isInstanceOf(FileSystemException.class)
          .hasMessageContaining("is a directory");
      assertThatThrownBy(() -> ws.write("", bytes("x"))).isInstanceOf(FileSystemException.class);
    }
  }

  @Test
  void write_belowAFile_throwsFileSystemException() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("x"));

      assertThatThrownBy(() -> ws.write("f/g", bytes("y")))
          .isInstanceOf(FileSystemException.class)
          .hasMessageContaining("not a directory");
      assertThat(ws.read("f")).isEqualTo(bytes("x"));
    }
  }

  @Test
  void write_asDirectoryOrGitlinkKind_throwsIllegalArgument() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      assertThatThrownBy(() -> ws.write("f", bytes("x"), EntryKind.DIRECTORY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DIRECTORY");
      assertThatThrownBy(() -> ws.write("f", bytes("x"), EntryKind.GITLINK))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void read_ofADirectory_throwsFileSystemException() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("d/f", bytes("x"));

      assertThatThrownBy(() -> ws.read("d"))
          .isInstanceOf(FileSystemException.class)
          .isNotInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("directory");
      assertThatThrownBy(() -> ws.read("")).isInstanceOf(FileSystemException.class);
    }
  }

  @Test
  void read_missing_throwsNoSuchFile() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("x"));

      assertThatThrownBy(() -> ws.read("g")).isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> ws.read("f/g")).isInstanceOf(NoSuchFileException.class);
      assertThat(ws.stat("g")).isEmpty();
      assertThat(ws.stat("f/g")).isEmpty();
    }
  }

  @Test
  void invalidPaths_throwIllegalArgumentNamingTheProblem() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      assertThatThrownBy(() -> ws.write("a//b", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(() -> ws.write("a/../b", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'..'");
      assertThatThrownBy(() -> ws.write("./b", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'.'");
      assertThatThrownBy(() -> ws.write("a\0b", bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NUL");
      assertThatThrownBy(() -> ws.mkdir("bad\uD800"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Unicode");
      assertThatThrownBy(() -> ws.read("x".repeat(VstPaths.MAX_NAME_BYTES + 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("longer than");
      assertThatThrownBy(() -> ws.delete("")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.stat("/")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void unicodeNames_areListedInCodePointOrder() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      String emoji = "\uD83D\uDE00"; // U+1F600: above U+FFFD by code point, below by UTF-16
      ws.write(emoji, bytes("1"));
      ws.write("\uFFFD", bytes("2"));
      ws.write("z", bytes("3"));
      Hash id = ws.commit("unicode");

      assertThat(ws.list("").stream().map(DirEntry::name)).containsExactly("z", "\uFFFD", emoji);
      assertThat(workspaces.list(id, "").stream().map(DirEntry::name))
          .containsExactly("z", "\uFFFD", emoji);
      assertThat(workspaces.read(id, emoji)).isEqualTo(bytes("1"));
    }
  }

  @Test
  void list_ofAFileOrMissingDirectory_throws() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("x"));

      assertThatThrownBy(() -> ws.list("f")).isInstanceOf(NotDirectoryException.class);
      assertThatThrownBy(() -> ws.list("nope")).isInstanceOf(NoSuchFileException.class);
      assertThat(ws.list("")).extracting(DirEntry::name).containsExactly("f");
    }
  }

  @Test
  void symlinkAndGitlink_areStoredWithTheirKinds() throws IOException {
    byte[] sha1 = new byte[20];
    for (int i = 0; i < sha1.length; i++) {
      sha1[i] = (byte) (i * 13 + 1);
    }
    try (Workspace ws = workspaces.create("w")) {
      ws.write("link", bytes("target/path"), EntryKind.SYMLINK);
      ws.write("run.sh", bytes("#!/bin/sh"), EntryKind.EXECUTABLE);
      ws.writeGitlink("sub/module", sha1);
      Hash id = ws.commit("kinds");

      assertThat(workspaces.stat(id, "link")).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EntryKind.SYMLINK));
      assertThat(workspaces.read(id, "link")).isEqualTo(bytes("target/path"));
      assertThat(workspaces.stat(id, "run.sh")).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EntryKind.EXECUTABLE));
      DirEntry gitlink = workspaces.stat(id, "sub/module").orElseThrow();
      assertThat(gitlink.kind()).isEqualTo(EntryKind.GITLINK);
      assertThat(gitlink.size()).isZero();
      assertThat(gitlink.gitlinkId()).isEqualTo(sha1);
      assertThatThrownBy(() -> ws.read("sub/module"))
          .isInstanceOf(FileSystemException.class)
          .hasMessageContaining("gitlink");
      assertThatThrownBy(() -> workspaces.readContent(gitlink))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.writeGitlink("bad", new byte[19]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("20-byte");
    }
  }

  @Test
  void largeContent_roundTripsThroughCommit() throws IOException {
    byte[] big = new byte[3 << 20];
    new Random(7).nextBytes(big);
    assertThat(big.length).isGreaterThan(ContentStore.INLINE_MAX);
    try (Workspace ws = workspaces.create("w")) {
      ws.write("big.bin", big);
      Hash id = ws.commit("big");

      assertThat(ws.read("big.bin")).isEqualTo(big);
      assertThat(workspaces.read(id, "big.bin")).isEqualTo(big);
      DirEntry entry = workspaces.stat(id, "big.bin").orElseThrow();
      assertThat(entry.size()).isEqualTo(big.length);
      assertThat(entry.hash()).isEqualTo(Blake3.hash(big));
      try (InputStream in = workspaces.openContent(entry)) {
        assertThat(in.readAllBytes()).isEqualTo(big);
      }
    }
    try (Workspace again = workspaces.open("w")) {
      assertThat(again.read("big.bin")).isEqualTo(big);
    }
  }

  @Test
  void link_toStoredContent_pointsAtItWithoutRewriting() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("a", bytes("shared"));
      ws.commit("one");
      Hash hash = Blake3.hash(bytes("shared"));

      assertThat(ws.link("b", EntryKind.FILE, hash, 6)).isTrue();
      assertThat(ws.link("c", EntryKind.FILE, Blake3.hash(bytes("absent")), 6)).isFalse();

      assertThat(ws.read("b")).isEqualTo(bytes("shared"));
      assertThat(ws.stat("c")).isEmpty();
    }
  }

  // ---- mkdir, delete, rename ----

  @Test
  void mkdir_createsEmptyDirectoriesAndIsIdempotent() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.mkdir("a/b");
      ws.mkdir("a/b");
      ws.mkdir("");
      Hash id = ws.commit("dirs");

      assertThat(workspaces.list(id, "a/b")).isEmpty();
      assertThat(workspaces.stat(id, "a")).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EntryKind.DIRECTORY));
    }
  }

  @Test
  void mkdir_overAFile_throwsFileAlreadyExists() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("x"));

      assertThatThrownBy(() -> ws.mkdir("f")).isInstanceOf(FileAlreadyExistsException.class);
      assertThatThrownBy(() -> ws.mkdir("f/g")).isInstanceOf(FileSystemException.class);
      assertThat(ws.read("f")).isEqualTo(bytes("x"));
    }
  }

  @Test
  void delete_fileOrDirectory_removesItAndEverythingBelow() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("d/x/1", bytes("1"));
      ws.write("d/2", bytes("2"));
      ws.write("keep", bytes("k"));

      assertThat(ws.delete("d")).isTrue();

      assertThat(ws.stat("d")).isEmpty();
      assertThat(ws.list("")).extracting(DirEntry::name).containsExactly("keep");
      assertThat(ws.delete("keep")).isTrue();
      assertThat(ws.root()).isEqualTo(NodeStore.emptyDirectory());
    }
  }

  @Test
  void delete_missing_returnsFalseAndChangesNothing() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("x"));
      Hash before = ws.root();

      assertThat(ws.delete("g")).isFalse();
      assertThat(ws.delete("f/g")).isFalse();
      assertThat(ws.delete("a/b/c")).isFalse();
      assertThat(ws.root()).isEqualTo(before);
    }
  }

  @Test
  void rename_file_movesItCreatingParentsAndReplacingAFile() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("a", bytes("A"));
      ws.write("x/y", bytes("old"));

      ws.rename("a", "x/y");
      ws.rename("x/y", "p/q/r");

      assertThat(ws.stat("a")).isEmpty();
      assertThat(ws.stat("x/y")).isEmpty();
      assertThat(ws.read("p/q/r")).isEqualTo(bytes("A"));
    }
  }

  @Test
  void rename_directory_movesTheWholeSubtree() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("src/a/1", bytes("1"));
      ws.write("src/b", bytes("2"));
      Hash subtree = ws.stat("src").orElseThrow().hash();

      ws.rename("src", "dst/moved");

      assertThat(ws.stat("src")).isEmpty();
      assertThat(ws.read("dst/moved/a/1")).isEqualTo(bytes("1"));
      assertThat(ws.stat("dst/moved").orElseThrow().hash()).isEqualTo(subtree);
    }
  }

  @Test
  void rename_errors() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("d/f", bytes("1"));
      ws.mkdir("e");

      assertThatThrownBy(() -> ws.rename("d", "d/sub"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("into itself");
      assertThatThrownBy(() -> ws.rename("d/f", "e"))
          .isInstanceOf(FileAlreadyExistsException.class)
          .hasMessageContaining("directory");
      assertThatThrownBy(() -> ws.rename("missing", "x")).isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> ws.rename("", "x")).isInstanceOf(IllegalArgumentException.class);
      assertThat(ws.read("d/f")).isEqualTo(bytes("1"));
      assertThat(ws.list("e")).isEmpty();
    }
  }

  @Test
  void rename_ontoItself_changesNothing() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("d/f", bytes("1"));
      Hash before = ws.root();

      ws.rename("d/f", "/d/f/");

      assertThat(ws.root()).isEqualTo(before);
    }
  }

  // ---- commit, log, diff ----

  @Test
  void commit_recordsMessageMetadataAuthorAndParent() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      Hash first = ws.commit("first");
      ws.author("Ada <ada@example.com>");
      ws.write("f", bytes("2"));

      Hash second = ws.commit("second", Map.of("ticket", "HEL-1", "reviewer", "bob"));

      Snapshot s = workspaces.snapshot(second);
      assertThat(s.id()).isEqualTo(second);
      assertThat(s.message()).isEqualTo("second");
      assertThat(s.author()).isEqualTo("Ada <ada@example.com>");
      assertThat(s.metadata()).containsExactly(Map.entry("reviewer", "bob"), Map.entry("ticket", "HEL-1"));
      assertThat(s.parents()).containsExactly(first);
      assertThat(s.root()).isEqualTo(ws.root());
      assertThat(workspaces.snapshot(first).parents()).isEmpty();
      assertThat(workspaces.snapshot(first).author()).isEqualTo(Workspaces.DEFAULT_AUTHOR);
      assertThat(ws.head()).contains(second);
      assertThat(workspaces.ref("w", "main")).contains(second);
      assertThat(workspaces.resolve("w", "HEAD")).isEqualTo(second);
      assertThat(workspaces.resolve("w", second.toHex())).isEqualTo(second);
      assertThat(workspaces.log(second, 10)).extracting(Snapshot::id).containsExactly(second, first);
      assertThat(workspaces.log(second, 1)).extracting(Snapshot::id).containsExactly(second);
    }
  }

  @Test
  void commit_withNoChanges_isAllowedAndKeepsTheTree() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      Hash empty = ws.commit("empty");
      assertThat(workspaces.snapshot(empty).root()).isEqualTo(NodeStore.emptyDirectory());
      ws.write("f", bytes("1"));
      Hash first = ws.commit("first");

      Hash again = ws.commit("again");

      assertThat(again).isNotEqualTo(first);
      assertThat(workspaces.snapshot(again).root()).isEqualTo(workspaces.snapshot(first).root());
      assertThat(workspaces.diff(first, again)).isEmpty();
    }
  }

  @Test
  void commit_twiceWithoutChangesAndWithoutAskingForTheRoot_succeeds() throws IOException {
    // The second commit walks a root that the first marked stored.
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      Hash first = ws.commit("first");

      Hash second = ws.commit("second");

      assertThat(workspaces.snapshot(second).parents()).containsExactly(first);
    }
  }

  @Test
  void diff_ofWorkingTree_listsChangesSinceHead() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("a", bytes("1"));
      ws.write("b", bytes("1"));
      assertThat(ws.diff()).extracting(Change::type, Change::path)
          .containsExactly(tuple(Change.Type.ADDED, "a"), tuple(Change.Type.ADDED, "b"));
      ws.commit("one");

      ws.write("a", bytes("2"));
      ws.delete("b");
      ws.write("c/d", bytes("3"));

      assertThat(ws.diff()).extracting(Change::type, Change::path)
          .containsExactly(
              tuple(Change.Type.MODIFIED, "a"),
              tuple(Change.Type.DELETED, "b"),
              tuple(Change.Type.ADDED, "c"),
              tuple(Change.Type.ADDED, "c/d"));
      Change modified = ws.diff().get(0);
      assertThat(modified.before().hash()).isEqualTo(Blake3.hash(bytes("1")));
      assertThat(modified.after().hash()).isEqualTo(Blake3.hash(bytes("2")));
    }
  }

  @Test
  void diff_fileReplacedByDirectory_isDeleteThenAdd() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("x", bytes("file"));
      Hash first = ws.commit("one");
      ws.delete("x");
      ws.write("x/y", bytes("inner"));
      Hash second = ws.commit("two");

      List<Change> changes = workspaces.diff(first, second);

      assertThat(changes).extracting(Change::type, Change::path)
          .containsExactly(
              tuple(Change.Type.DELETED, "x"),
              tuple(Change.Type.ADDED, "x"),
              tuple(Change.Type.ADDED, "x/y"));
      assertThat(workspaces.diff(second, first)).extracting(Change::type, Change::path)
          .containsExactly(
              tuple(Change.Type.DELETED, "x"),
              tuple(Change.Type.DELETED, "x/y"),
              tuple(Change.Type.ADDED, "x"));
    }
  }

  @Test
  void diffTrees_walk_andList_ofSnapshots() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("a/1", bytes("1"));
      ws.write("b", bytes("2"));
      Hash id = ws.commit("one");
      List<String> walked = new ArrayList<>();
      List<Change> changes = new ArrayList<>();

      workspaces.walk(id, (path, entry) -> walked.add(path + ":" + entry.kind()));
      workspaces.diffTrees(NodeStore.emptyDirectory(), workspaces.snapshot(id).root(), changes::add);

      assertThat(walked).containsExactly("a:DIRECTORY", "a/1:FILE", "b:FILE");
      assertThat(changes).extracting(Change::path).containsExactly("a", "a/1", "b");
      assertThat(workspaces.list(id, "a")).extracting(DirEntry::name).containsExactly("1");
      assertThat(workspaces.stat(id, "nope")).isEmpty();
    }
  }

  // ---- restore ----

  @Test
  void restore_earlierSnapshot_bringsBackItsTreeAndNextCommitFollowsHead() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      Hash first = ws.commit("one");
      ws.write("f", bytes("2"));
      ws.write("g", bytes("3"));
      Hash second = ws.commit("two");
      ws.write("h", bytes("uncommitted"));

      ws.restore(first);

      assertThat(ws.read("f")).isEqualTo(bytes("1"));
      assertThat(ws.stat("g")).isEmpty();
      assertThat(ws.stat("h")).isEmpty();
      assertThat(ws.head()).contains(second);
      Hash third = ws.commit("revert");
      assertThat(workspaces.snapshot(third).parents()).containsExactly(second);
      assertThat(workspaces.snapshot(third).root()).isEqualTo(workspaces.snapshot(first).root());
    }
  }

  @Test
  void restore_missingSnapshot_throwsMissingChunk() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      assertThatThrownBy(() -> ws.restore(Blake3.hash(bytes("nothing"))))
          .isInstanceOf(MissingChunkException.class);
    }
  }

  @Test
  void restore_readsOnlyTheSnapshotNode() throws IOException {
    Hash id;
    List<Hash> directoryNodes = new ArrayList<>();
    try (Workspace ws = workspaces.create("w")) {
      for (int i = 0; i < 300; i++) {
        ws.write("d" + (i % 7) + "/sub/f" + i, bytes("c" + i));
      }
      id = ws.commit("many");
    }
    directoryNodes.add(workspaces.snapshot(id).root());
    workspaces.walk(id, (path, entry) -> {
      if (entry.kind() == EntryKind.DIRECTORY) {
        directoryNodes.add(entry.hash());
      }
      return true;
    });
    // With every directory node gone, only a restore that reads nothing but the snapshot works.
    storage.chunks().delete(directoryNodes);

    try (Workspace other = workspaces.create("other")) {
      other.restore(id);

      assertThat(other.root()).isEqualTo(workspaces.snapshot(id).root());
      assertThatThrownBy(() -> other.list("")).isInstanceOf(MissingChunkException.class);
    }
  }

  @Test
  void create_atSnapshot_startsThere() throws IOException {
    Hash id;
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      id = ws.commit("one");
    }

    try (Workspace fork = workspaces.create("fork", id)) {
      assertThat(fork.head()).contains(id);
      assertThat(fork.read("f")).isEqualTo(bytes("1"));
      assertThat(fork.diff()).isEmpty();
    }
    assertThatThrownBy(() -> workspaces.create("w")).isInstanceOf(WorkspaceExistsException.class);
    assertThatThrownBy(() -> workspaces.create("bad/name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad/name");
    assertThatThrownBy(() -> workspaces.create("x", Blake3.hash(bytes("none"))))
        .isInstanceOf(MissingChunkException.class);
    assertThat(workspaces.exists("x")).isFalse();
  }

  // ---- save and open ----

  @Test
  void save_thenOpenInAnotherObject_seesTheSavedTree() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      ws.commit("one");
      ws.write("g", bytes("saved"));

      ws.save();

      try (Workspace other = workspaces.open("w")) {
        assertThat(other.read("g")).isEqualTo(bytes("saved"));
        assertThat(other.root()).isEqualTo(ws.root());
        assertThat(other.diff()).extracting(Change::path).containsExactly("g");
      }
      assertThat(workspaces.info("w")).hasValueSatisfying(i -> assertThat(i.hasSavedChanges()).isTrue());
    }
  }

  @Test
  void commit_afterSave_commitsTheSavedTreeAndClearsTheSavedMark() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("g", bytes("saved"));
      ws.save();

      Hash id = ws.commit("after save");

      assertThat(workspaces.read(id, "g")).isEqualTo(bytes("saved"));
      assertThat(workspaces.info("w")).hasValueSatisfying(i -> assertThat(i.hasSavedChanges()).isFalse());
      try (Workspace other = workspaces.open("w")) {
        assertThat(other.diff()).isEmpty();
        assertThat(other.head()).contains(id);
      }
    }
  }

  @Test
  void branch_afterSaveAndMoreWrites_recordsAStoredSavedRoot() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("1"));
      ws.commit("one");
      ws.write("g", bytes("saved"));
      ws.save();
      ws.write("h", bytes("not saved"));

      ws.branch("dev");

      // Another object opening the workspace must find a tree whose nodes are all stored.
      try (Workspace other = workspaces.open("w")) {
        assertThat(other.branch()).isEqualTo("dev");
        assertThat(other.read("g")).isEqualTo(bytes("saved"));
      }
    }
  }

  // ---- branches ----

  @Test
  void branch_andCheckout_switchTreesAndHeads() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.write("f", bytes("main"));
      Hash onMain = ws.commit("main 1");

      ws.branch("dev");
      assertThat(ws.branch()).isEqualTo("dev");
      ws.write("f", bytes("dev"));
      Hash onDev = ws.commit("dev 1");
      assertThat(workspaces.snapshot(onDev).parents()).containsExactly(onMain);

      ws.checkout("main");
      assertThat(ws.read("f")).isEqualTo(bytes("main"));
      assertThat(ws.head()).contains(onMain);
      assertThat(workspaces.branches("w")).containsExactly("dev", "main");
      assertThat(workspaces.info("w")).hasValueSatisfying(i -> {
        assertThat(i.branch()).isEqualTo("main");
        assertThat(i.head()).contains(onMain);
      });
      ws.checkout("dev");
      assertThat(ws.read("f")).isEqualTo(bytes("dev"));
      try (Workspace other = workspaces.open("w")) {
        assertThat(other.branch()).isEqualTo("dev");
      }
    }
  }

  @Test
  void branch_existingOrInvalid_throws() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.commit("one");
      ws.branch("dev");

      assertThatThrownBy(() -> ws.branch("dev")).isInstanceOf(WorkspaceExistsException.class);
      assertThatThrownBy(() -> ws.branch("main")).isInstanceOf(WorkspaceExistsException.class);
      assertThatThrownBy(() -> ws.branch("a b")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.checkout("nope")).isInstanceOf(NoSuchWorkspaceException.class);
      assertThatThrownBy(() -> workspaces.resolve("w", "nope"))
          .isInstanceOf(NoSuchWorkspaceException.class);
      assertThatThrownBy(() -> workspaces.open("missing")).isInstanceOf(NoSuchWorkspaceException.class);
    }
  }

  @Test
  void delete_workspace_removesItAndItsBranches() throws IOException {
    try (Workspace ws = workspaces.create("w")) {
      ws.commit("one");
      ws.branch("dev");
      ws.commit("two");
    }

    assertThat(workspaces.delete("w")).isTrue();

    assertThat(workspaces.delete("w")).isFalse();
    assertThat(workspaces.exists("w")).isFalse();
    assertThat(workspaces.branches("w")).isEmpty();
    assertThat(workspaces.list()).isEmpty();
    try (Workspace again = workspaces.create("w")) {
      assertThat(again.head()).isEmpty();
      assertThat(again.list("")).isEmpty();
    }
  }

  @Test
  void closed_workspace_refusesCalls() throws IOException {
    Workspace ws = workspaces.create("w");
    ws.close();
    ws.close();

    assertThatThrownBy(() -> ws.read("f"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
