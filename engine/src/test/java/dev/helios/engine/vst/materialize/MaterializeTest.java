package dev.helios.engine.vst.materialize;

import static dev.helios.engine.vst.materialize.DiskTree.describe;
import static dev.helios.engine.vst.materialize.DiskTree.identity;
import static dev.helios.engine.vst.materialize.DiskTree.text;
import static dev.helios.engine.vst.materialize.DiskTree.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.ImportResult;
import dev.helios.engine.vst.MaterializeResult;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializeTest {
  private static final long SEED = 20240611L;

  @TempDir Path tmp;
  private Storage storage;
  private Workspaces workspaces;
  private Workspace ws;
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    DiskTree.assumePosix();
    storage = Storage.inMemory();
    workspaces = storage.workspaces();
    ws = workspaces.create("w");
    dir = tmp.resolve("out");
  }

  @AfterEach
  void tearDown() throws IOException {
    if (storage != null) {
      ws.close();
      storage.close();
    }
  }

  @Test
  void materialize_everyKind_importsBackToTheSameRoot() throws IOException {
    byte[] big = new byte[2 << 20];
    new Random(SEED).nextBytes(big);
    ws.write("readme.txt", utf8("hello\n"));
    ws.write("bin/run.sh", utf8("#!/bin/sh\necho hi\n"), EntryKind.EXECUTABLE);
    ws.write("link", utf8("bin/run.sh"), EntryKind.SYMLINK);
    ws.writeGitlink("modules/sub", new byte[20]);
    ws.mkdir("empty/inner");
    ws.write("a/b/c/deep.txt", utf8("deep"));
    ws.write("héllo wörld ✓ 🎉.txt", utf8("unicode"));
    ws.write("data/big.bin", big);
    Hash snapshot = ws.commit("every kind");

    MaterializeResult result = workspaces.materialize(snapshot, dir);

    assertThat(result.filesWritten()).isEqualTo(6);
    assertThat(result.bytesWritten()).isEqualTo(6 + 18 + 10 + 4 + 7 + big.length);
    assertThat(result.incremental()).isFalse();
    assertThat(describe(dir))
        .containsEntry("readme.txt", "file:hello\n")
        .containsEntry("bin/run.sh", "exec:#!/bin/sh\necho hi\n")
        .containsEntry("link", "link:bin/run.sh")
        .containsEntry("modules/sub", "dir")
        .containsEntry("empty/inner", "dir")
        .containsEntry("a/b/c/deep.txt", "file:deep")
        .containsEntry("héllo wörld ✓ 🎉.txt", "file:unicode")
        .containsEntry("data/big.bin", "file:" + big.length + " bytes")
        .hasSize(15);
    assertThat(Files.readAllBytes(dir.resolve("data/big.bin"))).isEqualTo(big);
    assertThat(Files.getPosixFilePermissions(dir.resolve("readme.txt")))
        .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    try (Workspace back = workspaces.create("back")) {
      back.importDirectory(dir);
      assertThat(back.root()).isEqualTo(workspaces.snapshot(snapshot).root());
    }
  }

  @Test
  void materialize_nextSnapshot_writesOnlyTheChangesAndKeepsTheRest() throws IOException {
    for (int i = 0; i < 20; i++) {
      ws.write("src/f" + i + ".txt", utf8("v1 " + i));
    }
    ws.write("gone/a.txt", utf8("a"));
    ws.write("gone/sub/b.txt", utf8("b"));
    ws.write("top.txt", utf8("top"));
    Hash first = ws.commit("first");
    ws.write("src/f1.txt", utf8("v2 1"));
    ws.write("src/f2.txt", utf8("v2 2 longer"));
    ws.write("src/new.txt", utf8("new"));
    ws.delete("gone");
    ws.delete("top.txt");
    Hash second = ws.commit("second");
    workspaces.materialize(first, dir);
    String untouched = identity(dir.resolve("src/f7.txt"));

    MaterializeResult result = workspaces.materialize(second, dir);

    assertThat(result).isEqualTo(new MaterializeResult(3, 5, 18, 4 + 11 + 3, true));
    assertThat(identity(dir.resolve("src/f7.txt"))).isEqualTo(untouched);
    assertThat(dir.resolve("gone")).doesNotExist();
    assertThat(dir.resolve("top.txt")).doesNotExist();
    assertThat(text(dir.resolve("src/f2.txt"))).isEqualTo("v2 2 longer");
    assertThat(describe(dir)).hasSize(22);
  }

  @Test
  void materialize_sameSnapshotAgain_writesNothing() throws IOException {
    ws.write("a.txt", utf8("a"));
    ws.write("d/b.txt", utf8("b"));
    Hash snapshot = ws.commit("one");
    workspaces.materialize(snapshot, dir);

    MaterializeResult again = workspaces.materialize(snapshot, dir);

    assertThat(again).isEqualTo(new MaterializeResult(0, 0, 2, 0, true));
  }

  @Test
  void materialize_filesChangedByHand_areRestored() throws IOException {
    ws.write("keep.txt", utf8("keep"));
    ws.write("edited.txt", utf8("original"));
    ws.write("removed.txt", utf8("removed"));
    ws.write("dir/was-dir.txt", utf8("x"));
    ws.write("run.sh", utf8("echo"), EntryKind.EXECUTABLE);
    Hash snapshot = ws.commit("one");
    workspaces.materialize(snapshot, dir);
    Files.writeString(dir.resolve("edited.txt"), "changed by hand");
    Files.delete(dir.resolve("removed.txt"));
    Files.delete(dir.resolve("dir/was-dir.txt"));
    Files.delete(dir.resolve("dir"));
    Files.writeString(dir.resolve("dir"), "a file where a directory was");
    Files.setPosixFilePermissions(
        dir.resolve("run.sh"),
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    MaterializeResult result = workspaces.materialize(snapshot, dir);

    assertThat(result.filesWritten()).isEqualTo(4);
    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(describe(dir))
        .isEqualTo(
            Map.of(
                "keep.txt", "file:keep",
                "edited.txt", "file:original",
                "removed.txt", "file:removed",
                "dir", "dir",
                "dir/was-dir.txt", "file:x",
                "run.sh", "exec:echo"));
  }

  @Test
  void materialize_changedByHandThenGoneFromSnapshot_isDeleted() throws IOException {
    ws.write("a.txt", utf8("a"));
    ws.write("b.txt", utf8("b"));
    Hash first = ws.commit("one");
    ws.delete("b.txt");
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);
    Files.writeString(dir.resolve("b.txt"), "edited");

    MaterializeResult result = workspaces.materialize(second, dir);

    assertThat(result.deleted()).isEqualTo(1);
    assertThat(describe(dir)).isEqualTo(Map.of("a.txt", "file:a"));
  }

  @Test
  void materialize_untrackedFiles_survive() throws IOException {
    ws.write("tracked.txt", utf8("t"));
    ws.write("gone/tracked.txt", utf8("t"));
    Hash first = ws.commit("one");
    ws.delete("gone");
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);
    Files.writeString(dir.resolve("mine.txt"), "mine");
    Files.writeString(dir.resolve("gone/mine.txt"), "mine too");

    MaterializeResult result = workspaces.materialize(second, dir);

    assertThat(result.deleted()).isEqualTo(1);
    assertThat(describe(dir))
        .isEqualTo(
            Map.of(
                "tracked.txt", "file:t",
                "mine.txt", "file:mine",
                "gone", "dir",
                "gone/mine.txt", "file:mine too"));
  }

  @Test
  void materialize_fileBecomesDirectoryAndBack_followsTheSnapshots() throws IOException {
    ws.write("x", utf8("a file"));
    ws.write("y/inside.txt", utf8("in y"));
    ws.write("l", utf8("x"), EntryKind.SYMLINK);
    Hash first = ws.commit("one");
    ws.delete("x");
    ws.write("x/inside.txt", utf8("in x"));
    ws.delete("y");
    ws.write("y", utf8("a file now"));
    ws.write("l", utf8("l is a file"));
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);

    workspaces.materialize(second, dir);
    Map<String, String> afterSecond = describe(dir);
    workspaces.materialize(first, dir);

    assertThat(afterSecond)
        .isEqualTo(
            Map.of(
                "x",
                "dir",
                "x/inside.txt",
                "file:in x",
                "y",
                "file:a file now",
                "l",
                "file:l is a file"));
    assertThat(describe(dir))
        .isEqualTo(
            Map.of("x", "file:a file", "y", "dir", "y/inside.txt", "file:in y", "l", "link:x"));
  }

  @Test
  void materialize_afterInterruptedRun_completesAndImportIgnoresTheLeftovers() throws IOException {
    ws.write("a.txt", utf8("one"));
    ws.write("d/b.txt", utf8("one"));
    ws.write("d/c.txt", utf8("one"));
    Hash first = ws.commit("one");
    ws.write("a.txt", utf8("two"));
    ws.write("d/b.txt", utf8("two"));
    ws.delete("d/c.txt");
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);
    // As if a run towards `second` died after a temporary file and part of its changes.
    Files.writeString(dir.resolve("d/.helios-tmp-5eed5eed5eed5eed"), "tw");
    Files.writeString(dir.resolve("a.txt"), "two");
    Files.delete(dir.resolve("d/c.txt"));

    MaterializeResult result = workspaces.materialize(second, dir);

    assertThat(result.incremental()).isTrue();
    assertThat(describe(dir))
        .containsEntry("a.txt", "file:two")
        .containsEntry("d/b.txt", "file:two")
        .doesNotContainKey("d/c.txt");
    try (Workspace back = workspaces.create("back")) {
      back.importDirectory(dir);
      assertThat(back.root()).isEqualTo(workspaces.snapshot(second).root());
    }
  }

  @Test
  void materialize_overAnUnsavedImport_fallsBackToAFullPass() throws IOException {
    ws.write("a.txt", utf8("a"));
    ws.write("b.txt", utf8("b"));
    Hash snapshot = ws.commit("one");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("other.txt"), "other");
    try (Workspace scratch = workspaces.create("scratch")) {
      scratch.importDirectory(dir);
    }

    MaterializeResult result = workspaces.materialize(snapshot, dir);

    assertThat(result.incremental()).isFalse();
    assertThat(result.filesWritten()).isEqualTo(1);
    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(1);
    assertThat(describe(dir)).isEqualTo(Map.of("a.txt", "file:a", "b.txt", "file:b"));
  }

  @Test
  void materialize_parentReplacedBySymlink_neverWritesThroughIt() throws IOException {
    ws.write("d/x.txt", utf8("one"));
    ws.write("d/y.txt", utf8("y"));
    Hash first = ws.commit("one");
    ws.write("d/x.txt", utf8("two"));
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("x.txt"), "not yours");
    Files.writeString(outside.resolve("y.txt"), "y");
    DiskTree.deleteTree(dir.resolve("d"));
    Files.createSymbolicLink(dir.resolve("d"), outside);

    workspaces.materialize(second, dir);

    assertThat(describe(outside)).isEqualTo(Map.of("x.txt", "file:not yours", "y.txt", "file:y"));
    assertThat(describe(dir))
        .isEqualTo(Map.of("d", "dir", "d/x.txt", "file:two", "d/y.txt", "file:y"));
  }

  @Test
  void materialize_gitlinks_becomeAndLeaveEmptyDirectories() throws IOException {
    ws.write("sub", utf8("a file first"));
    ws.writeGitlink("cloned", new byte[20]);
    Hash first = ws.commit("one");
    ws.writeGitlink("sub", new byte[20]);
    ws.delete("cloned");
    Hash second = ws.commit("two");
    workspaces.materialize(first, dir);
    Files.writeString(dir.resolve("cloned/README"), "a submodule checked out by hand");

    workspaces.materialize(second, dir);

    assertThat(describe(dir))
        .isEqualTo(
            Map.of(
                "sub",
                "dir",
                "cloned",
                "dir",
                "cloned/README",
                "file:a submodule checked out by hand"));
  }

  @Test
  void materialize_topLevelGitDirectory_isLeftAlone() throws IOException {
    ws.write("a.txt", utf8("a"));
    Hash snapshot = ws.commit("one");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");

    workspaces.materialize(snapshot, dir);

    assertThat(text(dir.resolve(".git/HEAD"))).isEqualTo("ref: refs/heads/main\n");
    assertThat(Files.isRegularFile(dir.resolve("a.txt"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  @Test
  void importDirectory_ofAMaterializedTree_reusesNothingRacyButMatches() throws IOException {
    ws.write("a.txt", utf8("a"));
    Hash snapshot = ws.commit("one");
    workspaces.materialize(snapshot, dir);

    try (Workspace back = workspaces.create("back")) {
      ImportResult result = back.importDirectory(dir);

      // Just written, so racy: read again rather than trusted.
      assertThat(result.scanned()).isEqualTo(1);
      assertThat(result.hashed() + result.reused()).isEqualTo(1);
      assertThat(back.root()).isEqualTo(workspaces.snapshot(snapshot).root());
    }
  }
}
