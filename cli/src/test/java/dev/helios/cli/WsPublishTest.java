package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.engine.SyncPolicy;
import dev.helios.git.RepositoryName;
import dev.helios.git.server.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helios ws publish} on a data directory. */
@Tag("integration")
class WsPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  private String ok(String... args) {
    assertThat(run(args)).as("%s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private void write(String workspace, String path, String content) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    try {
      ok("ws", "write", workspace, path, "-");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void publish_workspaceHead_createsTheBranchWithTheFiles() throws Exception {
    ok("repo", "create", "app");
    ok("ws", "init", "demo");
    write("demo", "docs/README", "hello\n");
    String snapshot = ok("ws", "commit", "demo", "-m", "first", "--author", "Ann <ann@x.org>")
        .strip();

    JsonNode published = JSON.readTree(ok("ws", "publish", "demo", "--repo", "app", "--json"));
    String again = ok("ws", "publish", "demo", "--repo", "app", "--branch", "copy").strip();

    String commit = published.get("commit").asText();
    assertThat(published.get("branch").asText()).isEqualTo("main");
    assertThat(published.get("snapshots").get(0).get("snapshot").asText()).isEqualTo(snapshot);
    assertThat(again).isEqualTo(commit);
    assertThat(err.toString()).contains("Published app copy");
    try (DataDirectory data = DataDirectory.open(dir.resolve("data"), SyncPolicy.WAL, 0);
        Repository git = data.repositories().open(RepositoryName.parse("app")).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      assertThat(git.exactRef("refs/heads/main").getObjectId().name()).isEqualTo(commit);
      assertThat(git.exactRef("refs/heads/copy").getObjectId().name()).isEqualTo(commit);
      RevCommit c = walk.parseCommit(git.exactRef("refs/heads/main").getObjectId());
      assertThat(c.getFullMessage()).isEqualTo("first\n");
      assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("ann@x.org");
      try (TreeWalk tree = TreeWalk.forPath(git, "docs/README", c.getTree())) {
        assertThat(new String(git.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hello\n");
      }
    }
  }

  @Test
  void publish_fromRepositoryThenEdited_followsTheOriginalCommit() throws Exception {
    ok("repo", "create", "app");
    ok("ws", "init", "first");
    write("first", "a.txt", "a");
    ok("ws", "commit", "first", "-m", "one");
    String original = ok("ws", "publish", "first", "--repo", "app").strip();
    ok("ws", "init", "second", "--repo", "app", "--ref", "main");
    write("second", "b.txt", "b");
    ok("ws", "commit", "second", "-m", "two");

    String next = ok("ws", "publish", "second", "--repo", "app").strip();

    try (DataDirectory data = DataDirectory.open(dir.resolve("data"), SyncPolicy.WAL, 0);
        Repository git = data.repositories().open(RepositoryName.parse("app")).orElseThrow();
        RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(git.exactRef("refs/heads/main").getObjectId());
      assertThat(c.name()).isEqualTo(next);
      assertThat(c.getParent(0).name()).isEqualTo(original);
    }
  }

  @Test
  void publish_errors_oneLineEach() {
    ok("repo", "create", "app");
    ok("ws", "init", "empty");
    ok("ws", "init", "full");
    write("full", "a", "a");
    ok("ws", "commit", "full", "-m", "m");

    int noSnapshot = run("ws", "publish", "empty", "--repo", "app");
    String noSnapshotErr = err.toString();
    int noWorkspace = run("ws", "publish", "ghost", "--repo", "app");
    String noWorkspaceErr = err.toString();
    int noRepo = run("ws", "publish", "full", "--repo", "nope");
    String noRepoErr = err.toString();

    assertThat(noSnapshot).isEqualTo(1);
    assertThat(noSnapshotErr.strip()).startsWith("helios: ").doesNotContain("\n");
    assertThat(noWorkspace).isEqualTo(1);
    assertThat(noWorkspaceErr).contains("no workspace 'ghost'");
    assertThat(noRepo).isEqualTo(1);
    assertThat(noRepoErr).contains("nope");
  }
}
