package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A workspace started at a jq tag ({@code helios ws init --repo --ref}), changed and committed,
 * then published as a branch ({@code helios ws publish}): stock git clones that branch from the
 * running server, its files equal the workspace's byte for byte (modes and symlinks too), its
 * parent is the tag's commit, {@code git fsck} is clean, and publishing again gives the same SHA-1.
 */
@Tag("integration")
final class PublishTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final String BASE = "jq-1.8.0";
  private static final String WORKSPACE = "pub";
  private static final String BRANCH = "published";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JqImport jq;
  private static OfflineHelios helios;
  private static JsonNode published;
  private static Map<String, String> workspaceFiles;

  @BeforeAll
  static void publishAChangedWorkspace() throws IOException {
    jq = JqImport.pushTo(SERVER);
    JqImport.awaitTwins(SERVER, jq.repo());
    helios = new OfflineHelios(SERVER);
    Path inputs = SERVER.newDir("ws-inputs");
    helios.ok("ws", "init", WORKSPACE, "--repo", jq.repo(), "--ref", BASE);
    write("README.md", file(inputs, "readme", "# jq, rewritten in a workspace\n"));
    write("docs/published/notes.txt", file(inputs, "notes", "new file in a new directory\n"));
    byte[] everyByte = new byte[256 * 4];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    write("tests/every-byte.bin", file(inputs, "bin", everyByte));
    write(
        "scripts/published.sh",
        file(inputs, "script", "#!/bin/sh\necho published\n"),
        "--executable");
    helios.ok("ws", "write", WORKSPACE, "LATEST", "--symlink", "NEWS.md");
    helios.ok("ws", "rm", WORKSPACE, "ChangeLog");
    helios.ok("ws", "rm", WORKSPACE, "KEYS");
    helios.ok("ws", "commit", WORKSPACE, "-m", "changes made in a Helios workspace");
    GitResult publish =
        helios.ok("ws", "publish", WORKSPACE, "--repo", jq.repo(), "--branch", BRANCH, "--json");
    published = JSON.readTree(publish.stdout());
    Path materialized = SERVER.newDir("ws-materialized").resolve("tree");
    helios.ok("ws", "materialize", WORKSPACE, materialized.toString());
    workspaceFiles = FileTrees.describe(materialized);
    helios.ensureRunning();
  }

  private static void write(String path, Path content, String... options) {
    List<String> args =
        new ArrayList<>(List.of("ws", "write", WORKSPACE, path, content.toString()));
    args.addAll(List.of(options));
    helios.ok(args.toArray(String[]::new));
  }

  private static Path file(Path dir, String name, String content) {
    return file(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Path file(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void publishJson_newBranch_namesCommitAndBranch() {
    assertThat(published.path("commit").asText()).matches("[0-9a-f]{40}");
    assertThat(published.path("branch").asText()).isEqualTo(BRANCH);
    assertThat(published.path("previous").isNull()).as(published.toString()).isTrue();
    assertThat(SERVER.lsRemote(jq.repo()))
        .containsEntry("refs/heads/" + BRANCH, published.path("commit").asText());
  }

  @Test
  void clone_publishedBranch_filesEqualTheWorkspaceByteForByte() {
    LocalRepo clone = SERVER.cloneAsAdmin(jq.repo(), "--branch", BRANCH);

    Map<String, String> files = new TreeMap<>(FileTrees.describe(clone.dir()));
    files.keySet().removeIf(p -> p.equals(".git") || p.startsWith(".git/"));

    assertThat(files).isEqualTo(workspaceFiles);
    assertThat(files)
        .containsEntry("LATEST", "link NEWS.md")
        .doesNotContainKey("ChangeLog")
        .hasEntrySatisfying("scripts/published.sh", v -> assertThat(v).startsWith("exec "))
        .hasEntrySatisfying("tests/every-byte.bin", v -> assertThat(v).startsWith("file 1024 "));
    assertThat(clone.ok("status", "--porcelain").stdout()).isEmpty();
  }

  @Test
  void clone_publishedBranch_parentIsTheTagsCommitAndFsckClean() {
    LocalRepo clone = SERVER.cloneAsAdmin(jq.repo(), "--branch", BRANCH, "--no-single-branch");

    String parents = clone.ok("rev-list", "--parents", "-n", "1", "HEAD").stdout().strip();

    String tagCommit =
        SERVER.git().ok(jq.source(), "rev-parse", BASE + "^{commit}").stdout().strip();
    assertThat(parents).isEqualTo(clone.rev("HEAD") + " " + tagCommit);
    assertThat(clone.ok("log", "-1", "--format=%s").stdout().strip())
        .isEqualTo("changes made in a Helios workspace");
    assertThat(clone.ok("diff", "--name-status", "--no-renames", tagCommit, "HEAD").lines())
        .containsExactlyInAnyOrder(
            "D\tChangeLog",
            "D\tKEYS",
            "A\tLATEST",
            "M\tREADME.md",
            "A\tdocs/published/notes.txt",
            "A\tscripts/published.sh",
            "A\ttests/every-byte.bin");
    GitResult fsck = clone.git("fsck", "--full", "--strict", "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
  }

  @Test
  void publish_again_sameCommitOnSameAndOtherBranch() throws IOException {
    String first = published.path("commit").asText();

    JsonNode again =
        JSON.readTree(
            helios
                .ok("ws", "publish", WORKSPACE, "--repo", jq.repo(), "--branch", BRANCH, "--json")
                .stdout());
    JsonNode other =
        JSON.readTree(
            helios
                .ok(
                    "ws",
                    "publish",
                    WORKSPACE,
                    "--repo",
                    jq.repo(),
                    "--branch",
                    BRANCH + "-2",
                    "--json")
                .stdout());

    assertThat(again.path("commit").asText()).isEqualTo(first);
    assertThat(again.path("previous").asText()).isEqualTo(first);
    assertThat(other.path("commit").asText()).isEqualTo(first);
    helios.ensureRunning();
    assertThat(SERVER.lsRemote(jq.repo()))
        .containsEntry("refs/heads/" + BRANCH, first)
        .containsEntry("refs/heads/" + BRANCH + "-2", first);
  }

  @Test
  void publishOverHttp_workspace_sameCommitAsTheCommand() {
    helios.ensureRunning();
    ObjectNode body =
        JSON.createObjectNode().put("repository", jq.repo()).put("branch", "via-http");

    HeliosApi.Response response =
        SERVER
            .api()
            .send("POST", "/api/v1/workspaces/" + WORKSPACE + "/publish", SERVER.admin(), body);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("commit").asText())
        .isEqualTo(published.path("commit").asText());
    assertThat(SERVER.lsRemote(jq.repo()))
        .containsEntry("refs/heads/via-http", published.path("commit").asText());
  }
}
