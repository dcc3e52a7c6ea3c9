package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helios diff} and {@code helios materialize} on jq against stock git on the same revisions:
 * the changed paths and their statuses equal {@code git diff --name-status --no-renames}, and every
 * materialized tree (a directory, each archive format, the HTTP archive) holds exactly the files,
 * bytes, executable bits, symlinks and submodule directories of {@code git archive}.
 */
@Tag("integration")
final class DiffMaterializeTest {
  /*
   * jq-1.7.1 → jq-1.8.0 adds, deletes and modifies files, changes one path's type, moves the
   * oniguruma submodule and adds a symlink: every status letter but R and C, which
   * --no-renames turns off. git archive runs with --worktree-attributes in the bare mirror, so
   * the tree's own .gitattributes (export-ignore on .gitattributes and .gitignore) does not
   * apply: materialize writes the tree as it is, attributes are for checkouts.
   */

  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final String FROM = "jq-1.7.1";
  private static final String TO = "jq-1.8.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JqImport jq;
  private static OfflineHelios helios;
  private static Map<String, String> expected;

  @BeforeAll
  static void importJqAndArchiveWithGit() {
    jq = JqImport.pushTo(SERVER);
    JqImport.awaitTwins(SERVER, jq.repo());
    helios = new OfflineHelios(SERVER);
    Path tar = SERVER.newDir("git-archive").resolve(TO + ".tar");
    SERVER
        .git()
        .ok(
            jq.source(),
            "archive",
            "--worktree-attributes",
            "--format=tar",
            "-o",
            tar.toString(),
            TO);
    expected = FileTrees.describe(FileTrees.unpack(tar, tar.resolveSibling("unpacked")));
    assertThat(expected.values())
        .as("the revision has a symlink and an executable")
        .anyMatch(v -> v.startsWith("link "))
        .anyMatch(v -> v.startsWith("exec "));
  }

  @Test
  void diff_twoTags_sameNameStatusAsGitDiffNoRenames() {
    GitResult diff = helios.ok("diff", jq.repo(), FROM, TO);

    assertThat(nameStatus(diff.lines())).as(diff.describe()).isEqualTo(gitNameStatus());
  }

  @Test
  void diffJson_twoTags_samePathsAndStatusesAsGitDiff() throws IOException {
    GitResult diff = helios.ok("diff", jq.repo(), FROM, TO, "--json");

    JsonNode document = JSON.readTree(diff.stdout());
    JsonNode changes = document.isArray() ? document : document.path("changes");
    assertThat(changes.isArray()).as("an array of changes\n" + diff.describe()).isTrue();
    TreeSet<String> fromJson = new TreeSet<>();
    for (JsonNode change : changes) {
      String path = change.path("path").asText();
      fromJson.add(change.path("status").asText() + "\t" + path);
    }
    assertThat(fromJson).isEqualTo(gitNameStatus());
  }

  @Test
  void diffStat_twoTags_sameFilesChangedAsGitDiffStat() {
    GitResult stat = helios.ok("diff", jq.repo(), FROM, TO, "--stat");

    String gitSummary =
        lastLine(SERVER.git().ok(jq.source(), "diff", "--stat", "--no-renames", FROM, TO).lines());
    String filesChanged = gitSummary.substring(0, gitSummary.indexOf(','));
    assertThat(lastLine(stat.lines())).as(stat.describe()).startsWith(filesChanged + ",");
  }

  @Test
  void diffJson_twoTags_lineCountsAgreeWithGitNumstat() throws IOException {
    // Line counts depend on the diff algorithm: git's xdiff gives up minimality on long files
    // by heuristics, Helios's Myers diff does not, so a count may be smaller than git's. What
    // any correct diff must share: which files are binary, and per file the net change
    // (insertions - deletions = new lines - old lines); and no count may exceed git's.
    GitResult diff = helios.ok("diff", jq.repo(), FROM, TO, "--json");
    Map<String, long[]> fromHelios = new TreeMap<>();
    for (JsonNode change : JSON.readTree(diff.stdout()).path("changes")) {
      fromHelios.put(
          change.path("path").asText(),
          change.path("binary").asBoolean()
              ? null
              : new long[] {change.path("insertions").asLong(), change.path("deletions").asLong()});
    }
    Map<String, long[]> fromGit = new TreeMap<>();
    for (String line :
        SERVER.git().ok(jq.source(), "diff", "--numstat", "--no-renames", FROM, TO).lines()) {
      String[] parts = line.split("\t", 3);
      fromGit.put(
          parts[2],
          parts[0].equals("-") ? null : new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    }
    assertThat(fromHelios.keySet()).isEqualTo(fromGit.keySet());
    for (Map.Entry<String, long[]> e : fromGit.entrySet()) {
      long[] git = e.getValue();
      long[] ours = fromHelios.get(e.getKey());
      if (git == null || ours == null) {
        assertThat(ours).as("binary on both sides: %s", e.getKey()).isNull();
        assertThat(git).as("binary on both sides: %s", e.getKey()).isNull();
        continue;
      }
      assertThat(ours[0] - ours[1]).as("net line change of %s", e.getKey()).isEqualTo(git[0] - git[1]);
      assertThat(ours[0]).as("insertions of %s", e.getKey()).isLessThanOrEqualTo(git[0]);
    }
  }

  @Test
  void materialize_toDirectory_sameFilesAsGitArchive() {
    Path out = SERVER.newDir("materialized").resolve(TO);

    helios.ok("materialize", jq.repo(), TO, out.toString());

    assertThat(FileTrees.describe(out)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".tar", ".tar.gz", ".tar.zst", ".zip"})
  void materialize_toArchive_unpacksToSameFilesAsGitArchive(String suffix) {
    Path archive = SERVER.newDir("archive" + suffix.replace('.', '-')).resolve(TO + suffix);

    helios.ok("materialize", jq.repo(), TO, archive.toString());

    Path unpacked = FileTrees.unpack(archive, archive.resolveSibling("unpacked"));
    assertThat(FileTrees.describe(contentRoot(unpacked))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".tar.gz", ".zip"})
  void archiveOverHttp_tag_unpacksToSameFilesAsGitArchive(String suffix) throws Exception {
    helios.ensureRunning();
    Path archive = SERVER.newDir("http" + suffix.replace('.', '-')).resolve(TO + suffix);

    HttpResponse<Path> response =
        download("/api/v1/repos/" + jq.repo() + "/archive/" + TO + suffix, archive);

    assertThat(response.statusCode())
        .as(() -> new String(readAll(archive), StandardCharsets.UTF_8))
        .isEqualTo(200);
    Path unpacked = FileTrees.unpack(archive, archive.resolveSibling("unpacked"));
    assertThat(FileTrees.describe(contentRoot(unpacked))).isEqualTo(expected);
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return ("<cannot read " + file + ": " + e + ">").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<Path> download(String path, Path to) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(SERVER.server().baseUri() + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", SERVER.admin().basicHeader())
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofFile(to));
  }

  /**
   * The directory holding the tree: {@code unpacked} itself, or its only entry when an archive puts
   * everything under one prefix directory that the tree does not have.
   */
  private static Path contentRoot(Path unpacked) {
    try (Stream<Path> top = Files.list(unpacked)) {
      List<Path> entries = top.toList();
      if (entries.size() == 1
          && Files.isDirectory(entries.get(0))
          && !expected.containsKey(entries.get(0).getFileName().toString())) {
        return entries.get(0);
      }
      return unpacked;
    } catch (IOException e) {
      throw new AssertionError("cannot list " + unpacked, e);
    }
  }

  private static TreeSet<String> gitNameStatus() {
    return nameStatus(
        SERVER.git().ok(jq.source(), "diff", "--name-status", "--no-renames", FROM, TO).lines());
  }

  /** Lines such as {@code M\tpath} (any run of blanks after the letter), normalized to a tab. */
  private static TreeSet<String> nameStatus(List<String> lines) {
    TreeSet<String> changes = new TreeSet<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      changes.add(parts[0] + "\t" + (parts.length > 1 ? parts[1] : ""));
    }
    return changes;
  }

  private static String lastLine(List<String> lines) {
    List<String> nonBlank = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        nonBlank.add(line.strip());
      }
    }
    return nonBlank.isEmpty() ? "" : nonBlank.get(nonBlank.size() - 1);
  }
}
