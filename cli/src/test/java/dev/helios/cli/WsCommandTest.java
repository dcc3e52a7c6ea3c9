package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.RepositoryName;
import dev.helios.git.server.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helios ws} on a data directory: each command a separate open, as from a shell. */
@Tag("integration")
class WsCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data");
    all.add(dir.resolve("data").toString());
    return Main.run(
        all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int runWithStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  private String ok(String... args) {
    assertThat(run(args)).as("%s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  @Test
  void write_thenCommitAndLog_showsSnapshotWithMessage() {
    ok("ws", "init", "demo");
    assertThat(runWithStdin("hello\n", "ws", "write", "demo", "docs/README", "-")).isZero();

    String id = ok("ws", "commit", "demo", "-m", "first", "--meta", "ticket=42").strip();
    String log = ok("ws", "log", "demo");

    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(log).contains("snapshot " + id).contains("    first").contains("ticket=42");
    assertThat(ok("ws", "cat", "demo", "docs/README", "--rev", id)).isEqualTo("hello\n");
  }

  @Test
  void write_isSeenByTheNextCommandBeforeCommit() throws Exception {
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "from a file");
    ok("ws", "init", "demo");

    ok("ws", "write", "demo", "a.txt", file.toString());

    assertThat(ok("ws", "cat", "demo", "a.txt")).isEqualTo("from a file");
    assertThat(ok("ws", "diff", "demo")).isEqualTo("A\ta.txt\n");
    assertThat(ok("ws", "list")).contains("demo").contains("yes");
  }

  @Test
  void branchRestoreDiffRm_roundTrip() {
    ok("ws", "init", "demo");
    runWithStdin("one", "ws", "write", "demo", "f", "-");
    String first = ok("ws", "commit", "demo", "-m", "one").strip();
    ok("ws", "branch", "demo", "exp");
    runWithStdin("two", "ws", "write", "demo", "f", "-");
    ok("ws", "write", "demo", "link", "--symlink", "f");
    String second = ok("ws", "commit", "demo", "-m", "two").strip();

    String diff = ok("ws", "diff", "demo", first, second);
    String branches = ok("ws", "branches", "demo");
    ok("ws", "restore", "demo", first);
    String restored = ok("ws", "cat", "demo", "f");
    String sinceSecond = ok("ws", "diff", "demo", second);
    ok("ws", "rm", "demo", "f");
    String ls = ok("ws", "ls", "demo", "--json");

    assertThat(diff).isEqualTo("M\tf\nA\tlink\n");
    assertThat(branches).isEqualTo("* exp\n  main\n");
    assertThat(restored).isEqualTo("one");
    assertThat(sinceSecond).isEqualTo("M\tf\nD\tlink\n");
    assertThat(ls).contains("\"entries\" : [ ]");
    assertThat(ok("ws", "cat", "demo", "f", "--rev", "main")).isEqualTo("one");
  }

  @Test
  void checkout_withUncommittedChanges_refusesUnlessForced() {
    ok("ws", "init", "demo");
    ok("ws", "write", "demo", "x", "--symlink", "y");
    ok("ws", "commit", "demo", "-m", "one");
    ok("ws", "branch", "demo", "exp");
    ok("ws", "write", "demo", "x", "--symlink", "z");

    int refused = run("ws", "checkout", "demo", "main");
    String refusal = err.toString();
    int forced = run("ws", "checkout", "demo", "main", "--force");

    assertThat(refused).isEqualTo(1);
    assertThat(refusal).contains("uncommitted changes");
    assertThat(forced).isZero();
    assertThat(ok("ws", "cat", "demo", "x")).isEqualTo("y");
  }

  @Test
  void materializeThenImport_roundTripsEditsOnDisk() throws Exception {
    ok("ws", "init", "demo");
    runWithStdin("#!/bin/sh\n", "ws", "write", "demo", "bin/run", "-", "--executable");
    ok("ws", "commit", "demo", "-m", "one");
    Path tree = dir.resolve("tree");

    String materialized = ok("ws", "materialize", "demo", tree.toString(), "--json");
    Files.writeString(tree.resolve("new.txt"), "new");
    ok("ws", "import", "demo", tree.toString());

    assertThat(materialized).contains("\"filesWritten\" : 1");
    assertThat(Files.readString(tree.resolve("bin/run"))).isEqualTo("#!/bin/sh\n");
    assertThat(ok("ws", "diff", "demo")).isEqualTo("A\tnew.txt\n");
  }

  @Test
  void init_fromAnotherWorkspace_startsAtItsHead() {
    ok("ws", "init", "demo");
    runWithStdin("x", "ws", "write", "demo", "f", "-");
    String id = ok("ws", "commit", "demo", "-m", "one").strip();

    String created = ok("ws", "init", "fork", "--from", "demo:main");

    assertThat(created).contains(id);
    assertThat(ok("ws", "cat", "fork", "f")).isEqualTo("x");
  }

  @Test
  void init_fromRepository_startsAtTheCommitWithModes() throws Exception {
    ok("repo", "create", "app");
    commitToRepository("app");

    String created = ok("ws", "init", "app-ws", "--repo", "app", "--ref", "main", "--json");
    String ls = ok("ws", "ls", "app-ws", "--json");
    String log = ok("ws", "log", "app-ws");

    assertThat(created).contains("\"head\" : \"");
    assertThat(ls).contains("\"name\" : \"run.sh\"").contains("\"kind\" : \"executable\"")
        .contains("\"kind\" : \"symlink\"").contains("\"kind\" : \"gitlink\"")
        .contains("\"hash\" : \"" + "ab".repeat(20) + "\"");
    assertThat(ok("ws", "cat", "app-ws", "README")).isEqualTo("hello");
    assertThat(log).contains("    imported").contains("git.header=author Ann <ann@example.com>");
  }

  @Test
  void init_fromEmptyRepository_failsNamingTheRef() {
    ok("repo", "create", "app");

    int code = run("ws", "init", "app-ws", "--repo", "app");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("repository app has no ref or commit 'HEAD'");
    assertThat(ok("ws", "list")).contains("No workspaces.");
  }

  // Writes a commit with a file, an executable, a symlink and a gitlink straight into the
  // repository's store, as a push would, and points main at it.
  private String commitToRepository(String name) throws Exception {
    try (DataDirectory data =
            DataDirectory.open(dir.resolve("data"), SyncPolicy.WAL, 0);
        Repository repo = data.repositories().open(RepositoryName.parse(name)).orElseThrow();
        ObjectInserter inserter = repo.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      tree.append("README", FileMode.REGULAR_FILE, blob(inserter, "hello"));
      tree.append("link", FileMode.SYMLINK, blob(inserter, "README"));
      tree.append("run.sh", FileMode.EXECUTABLE_FILE, blob(inserter, "#!/bin/sh\n"));
      tree.append("sub", FileMode.GITLINK, ObjectId.fromString("ab".repeat(20)));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      PersonIdent who = new PersonIdent("Ann", "ann@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("imported\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef("refs/heads/main");
      update.setNewObjectId(id);
      assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
      return id.name();
    }
  }

  private static ObjectId blob(ObjectInserter inserter, String content) throws Exception {
    return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void missingWorkspace_failsWithOneLine() {
    int code = run("ws", "write", "nope", "a", "--symlink", "b");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("helios: no workspace 'nope'");
  }

  @Test
  void badNameOrPath_isAUsageError() {
    ok("ws", "init", "demo");

    int badName = run("ws", "init", "bad name");
    String nameError = err.toString();
    int badPath = run("ws", "rm", "demo", "a//b");
    String pathError = err.toString();

    assertThat(badName).isEqualTo(2);
    assertThat(nameError).contains("'bad name' is not a valid name").doesNotContain("\tat ");
    assertThat(badPath).isEqualTo(2);
    assertThat(pathError).contains("bad path 'a//b'");
  }

  @Test
  void rm_missingFile_failsNamingIt() {
    ok("ws", "init", "demo");

    int code = run("ws", "rm", "demo", "ghost");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("no file or directory 'ghost' in workspace 'demo'");
  }

  @Test
  void init_existingName_fails() {
    ok("ws", "init", "demo");

    int code = run("ws", "init", "demo");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("already exists");
  }

  @Test
  void delete_removesTheWorkspaceAndAuditsIt() {
    ok("ws", "init", "demo");

    ok("ws", "delete", "demo");

    assertThat(ok("ws", "list")).contains("No workspaces.");
    assertThat(ok("audit", "tail", "-n", "5")).contains("ws.create").contains("ws.delete");
    assertThat(run("ws", "delete", "demo")).isEqualTo(1);
  }

  @Test
  void help_ofEverySubcommand_hasAnExample() {
    for (String sub : List.of("init", "list", "delete", "write", "cat", "ls", "rm", "mkdir", "mv",
        "commit", "log", "diff", "restore", "branch", "checkout", "branches", "materialize",
        "import")) {
      out.getBuffer().setLength(0);
      int code = Main.run(new String[] {"ws", sub, "--help"}, new PrintWriter(out, true),
          new PrintWriter(err, true));

      assertThat(code).isZero();
      assertThat(out.toString()).as(sub).contains("helios ws " + sub);
    }
  }
}
