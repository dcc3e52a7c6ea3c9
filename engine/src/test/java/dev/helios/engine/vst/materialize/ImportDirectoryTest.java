package dev.helios.engine.vst.materialize;

import static dev.helios.engine.vst.materialize.DiskTree.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.ImportResult;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportDirectoryTest {
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
    dir = Files.createDirectories(tmp.resolve("in"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (storage != null) {
      ws.close();
      storage.close();
    }
  }

  @Test
  void importDirectory_threeOf2000Changed_hashesExactlyThose() throws IOException {
    for (int d = 0; d < 20; d++) {
      Path sub = Files.createDirectories(dir.resolve("d" + d));
      for (int f = 0; f < 100; f++) {
        Files.writeString(sub.resolve("f" + f + ".txt"), "content " + d + "/" + f);
      }
    }
    DiskTree.age(dir);
    ImportResult first = ws.importDirectory(dir);
    ws.save();
    Files.writeString(dir.resolve("d0/f0.txt"), "changed 0");
    Files.writeString(dir.resolve("d7/f42.txt"), "changed 42, and longer");
    Files.writeString(dir.resolve("d19/f99.txt"), "changed 99");

    ImportResult second = ws.importDirectory(dir);

    assertThat(first.hashed()).isEqualTo(2000);
    assertThat(second).isEqualTo(new ImportResult(2000, 3, 1997, 0, 9 + 22 + 10));
    assertThat(ws.read("d7/f42.txt")).isEqualTo(utf8("changed 42, and longer"));
    assertThat(ws.read("d7/f43.txt")).isEqualTo(utf8("content 7/43"));
  }

  @Test
  void importDirectory_deletedFileAndFileReplacedBySymlink_areSeen() throws IOException {
    Files.writeString(dir.resolve("kept.txt"), "kept");
    Files.writeString(dir.resolve("deleted.txt"), "deleted");
    Files.writeString(dir.resolve("becomes-link.txt"), "a file");
    DiskTree.age(dir);
    ws.importDirectory(dir);
    ws.save();
    Files.delete(dir.resolve("deleted.txt"));
    Files.delete(dir.resolve("becomes-link.txt"));
    Files.createSymbolicLink(dir.resolve("becomes-link.txt"), Path.of("kept.txt"));

    ImportResult result = ws.importDirectory(dir);

    assertThat(result).isEqualTo(new ImportResult(2, 1, 1, 1, "kept.txt".length()));
    assertThat(ws.stat("deleted.txt")).isEmpty();
    assertThat(ws.stat("becomes-link.txt").map(DirEntry::kind)).contains(EntryKind.SYMLINK);
    assertThat(ws.read("becomes-link.txt")).isEqualTo(utf8("kept.txt"));
  }

  @Test
  void importDirectory_kindsAndEmptyDirectories_becomeEntries() throws IOException {
    Files.writeString(dir.resolve("plain"), "p");
    Path script = Files.writeString(dir.resolve("script"), "s");
    Files.setPosixFilePermissions(
        script,
        Set.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    Files.createSymbolicLink(dir.resolve("dangling"), Path.of("no/such/target"));
    Files.createDirectories(dir.resolve("empty/nested"));

    ws.importDirectory(dir);

    assertThat(kinds(ws.list("")))
        .containsExactlyInAnyOrder(
            "dangling:SYMLINK", "empty:DIRECTORY", "plain:FILE", "script:EXECUTABLE");
    assertThat(kinds(ws.list("empty"))).containsExactly("nested:DIRECTORY");
    assertThat(ws.list("empty/nested")).isEmpty();
    assertThat(ws.read("dangling")).isEqualTo(utf8("no/such/target"));
  }

  @Test
  void importDirectory_directoryAndFileSwapKinds_followsTheDisk() throws IOException {
    Files.writeString(dir.resolve("x"), "file");
    Files.createDirectories(dir.resolve("y"));
    Files.writeString(dir.resolve("y/inside"), "in y");
    ws.importDirectory(dir);
    Files.delete(dir.resolve("x"));
    Files.createDirectories(dir.resolve("x"));
    Files.writeString(dir.resolve("x/inside"), "in x");
    Files.delete(dir.resolve("y/inside"));
    Files.delete(dir.resolve("y"));
    Files.writeString(dir.resolve("y"), "file now");

    ImportResult result = ws.importDirectory(dir);

    assertThat(result.deleted()).isEqualTo(2);
    assertThat(ws.read("x/inside")).isEqualTo(utf8("in x"));
    assertThat(ws.read("y")).isEqualTo(utf8("file now"));
  }

  @Test
  void importDirectory_gitDirectoryAndTemporaryFiles_areSkipped() throws IOException {
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.createDirectories(dir.resolve("sub/.git"));
    Files.writeString(dir.resolve("sub/.git/config"), "nested");
    Files.writeString(dir.resolve(".helios-tmp-0123456789abcdef"), "half");
    Files.writeString(dir.resolve("a.txt"), "a");

    ImportResult result = ws.importDirectory(dir);

    assertThat(result.scanned()).isEqualTo(2);
    assertThat(kinds(ws.list(""))).containsExactlyInAnyOrder("a.txt:FILE", "sub:DIRECTORY");
    assertThat(ws.read("sub/.git/config")).isEqualTo(utf8("nested"));
  }

  @Test
  void importDirectory_cachedContentNeverStored_isReadAgain() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "never saved");
    DiskTree.age(dir);
    try (Workspace unsaved = workspaces.create("unsaved")) {
      unsaved.importDirectory(dir);
    }

    ImportResult result = ws.importDirectory(dir);

    assertThat(result.hashed()).isEqualTo(1);
    assertThat(result.reused()).isZero();
    assertThat(ws.read("a.txt")).isEqualTo(utf8("never saved"));
  }

  @Test
  void importDirectory_unchangedAfterCommit_reusesEverythingAndKeepsTheRoot() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.createDirectories(dir.resolve("d"));
    Files.writeString(dir.resolve("d/b.txt"), "b");
    DiskTree.age(dir);
    ws.importDirectory(dir);
    ws.commit("one");

    ImportResult result = ws.importDirectory(dir);

    assertThat(result).isEqualTo(new ImportResult(2, 0, 2, 0, 0));
    assertThat(ws.diff()).isEmpty();
  }

  @Test
  void importDirectory_notADirectory_throws() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> ws.importDirectory(file)).isInstanceOf(NotDirectoryException.class);
  }

  private static Set<String> kinds(List<DirEntry> entries) {
    Set<String> kinds = new HashSet<>();
    for (DirEntry e : entries) {
      kinds.add(e.name() + ":" + e.kind());
    }
    return kinds;
  }
}
