package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helios migrate} of every kind of source into the data directory of this class's server
 * (stopped meanwhile): {@code jq.bundle}, a bare repository, a work tree with uncommitted junk, a
 * {@code file://} URL and an {@code http://} URL served by a second Helios server that needs a
 * login. Stock {@code git clone --mirror} of each migrated repository must show the source's refs
 * ({@code git for-each-ref}, minus the excluded {@code refs/pull/*}), the same objects, the same
 * HEAD target, and pass {@code git fsck --full}. Also: include/exclude patterns, a manifest with
 * failing sources, and credentials that never show.
 */
@Tag("integration")
final class MigrateSourcesTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONG = Duration.ofMinutes(4);
  private static final String EXCLUDED_PREFIX = "refs/pull/";

  /** The source of each migrated repository, by the name given in the manifest. */
  private static final Map<String, Path> REFERENCE = new java.util.TreeMap<>();

  private static final Map<String, String> SOURCE_ARGUMENT = new java.util.TreeMap<>();

  private static HeliosServerProcess upstream;
  private static String upstreamPassword;
  private static GitResult migration;
  private static JsonNode report;
  private static Path reportFile;

  @BeforeAll
  static void migrateEveryKindOfSource() throws IOException {
    GitCli git = SERVER.git();
    Path sources = SERVER.newDir("sources");

    // A work tree: branches, an annotated and a lightweight tag, a note, a pull-request ref,
    // HEAD on a branch that is not main, and uncommitted junk that must not matter.
    LocalRepo work =
        LocalRepo.init(git, Files.createDirectories(sources.resolve("worktree")));
    work.commit("README.md", "# migrated\n");
    work.commit("src/main.c", "int main(void) { return 0; }\n");
    work.ok("tag", "-a", "-m", "release one", "v1.0");
    work.ok("notes", "add", "-m", "reviewed", "HEAD");
    work.ok("switch", "-q", "-c", "topic");
    String topic = work.commit("topic.txt", "topic work\n");
    work.ok("tag", "light");
    work.ok("update-ref", "refs/pull/1/head", topic);
    work.ok("switch", "-q", "-c", "develop");
    work.commit("develop.txt", "develop\n");
    work.ok("switch", "-q", "topic");
    work.write("untracked.tmp", "junk that is not committed\n");
    work.write("README.md", "# changed but not committed\n");
    work.write("staged.txt", "staged, never committed\n");
    work.ok("add", "staged.txt");

    // A bare repository with the same history and HEAD pointing at develop.
    Path bare = sources.resolve("plain.git");
    git.ok(sources, "init", "-q", "--bare", "-b", "main", bare.toString());
    work.ok("push", "-q", "--mirror", bare.toString());
    git.ok(bare, "symbolic-ref", "HEAD", "refs/heads/develop");

    // A second bare repository, given as a file:// URL, with one more commit on main.
    Path viaUrl = sources.resolve("viaurl.git");
    git.ok(sources, "clone", "-q", "--mirror", "--no-local", bare.toString(), viaUrl.toString());
    LocalRepo extra = LocalRepo.cloneFrom(git, viaUrl.toString(), sources.resolve("extra"));
    extra.commit("more.txt", "only in viaurl\n");
    extra.ok("push", "-q", "origin", "main");

    // jq.bundle, as shipped.
    Path bundle = JqImport.testdata().resolve("jq.bundle");
    assertThat(bundle).as("test data missing (shared/testdata must lie beside the clone)").isRegularFile();
    Path jqReference = sources.resolve("jq-reference.git");
    git.withTimeout(LONG)
        .ok(sources, "clone", "-q", "--mirror", bundle.toString(), jqReference.toString());

    // An http:// source on a second Helios server, readable with the admin's password only.
    upstream =
        HeliosServerProcess.start(
            SERVER.newDir("upstream").resolve("data"),
            SERVER.newDir("upstream-log").resolve("server.log"),
            List.of());
    upstreamPassword = upstream.adminPassword();
    Credentials upstreamAdmin = new Credentials("admin", upstreamPassword);
    new HeliosApi(upstream::baseUri).createRepo(upstreamAdmin, "served");
    String upstreamBase = upstream.baseUri().toString();
    String authedPush =
        upstreamBase.replace("http://", "http://" + upstreamAdmin.userInfo() + "@")
            + "/git/served.git";
    work.ok("push", "-q", "--mirror", authedPush);
    Path servedReference = sources.resolve("served-reference.git");
    git.ok(sources, "clone", "-q", "--mirror", authedPush, servedReference.toString());
    Path credentials = sources.resolve("credentials");
    Files.writeString(
        credentials,
        "# URL-PREFIX USER SECRET\n" + upstreamBase + "/ admin " + upstreamPassword + "\n",
        StandardCharsets.UTF_8);

    add("jq", bundle.toString(), jqReference);
    add("bare", bare.toString(), bare);
    add("worktree", work.dir().toString(), work.dir());
    add("fileurl", viaUrl.toUri().toString(), viaUrl);
    add("http", upstreamBase + "/git/served.git", servedReference);
    Path manifest = sources.resolve("manifest.txt");
    StringBuilder lines = new StringBuilder("# every kind of source\n");
    SOURCE_ARGUMENT.forEach((name, source) -> lines.append(source).append(' ').append(name).append('\n'));
    Files.writeString(manifest, lines, StandardCharsets.UTF_8);
    reportFile = sources.resolve("report.json");

    OfflineHelios offline = new OfflineHelios(SERVER);
    migration =
        offline.run(
            "migrate",
            "--manifest",
            manifest.toString(),
            "--exclude",
            EXCLUDED_PREFIX + "*",
            "--credentials",
            credentials.toString(),
            "--jobs",
            "2",
            "--report",
            reportFile.toString());
    report = Files.isRegularFile(reportFile) ? JSON.readTree(reportFile.toFile()) : null;
    offline.ensureRunning();
  }

  private static void add(String name, String source, Path reference) {
    SOURCE_ARGUMENT.put(name, source);
    REFERENCE.put(name, reference);
  }

  @AfterAll
  static void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void migrate_everyKindOfSource_exitsZeroAndReportsEachDone() {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();
    assertThat(report).as("no JSON report at " + reportFile + "\n" + migration.describe()).isNotNull();

    for (String name : REFERENCE.keySet()) {
      JsonNode entry = entry(report, name);
      assertThat(entry.path("status").asText()).as(entry.toString()).isEqualTo("done");
      assertThat(entry.path("objects").asLong()).as(entry.toString()).isPositive();
    }
    assertThat(entry(report, "jq").path("kind").asText()).isEqualTo("bundle");
    assertThat(entry(report, "fileurl").path("kind").asText()).isEqualTo("file_url");
    assertThat(entry(report, "http").path("kind").asText()).isEqualTo("http");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jq", "bare", "worktree", "fileurl", "http"})
  void cloneMirror_migratedRepository_sameRefsObjectsAndHeadAsSourceAndFsckClean(String name) {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();
    Path source = REFERENCE.get(name);

    Path mirror = cloneMirror(SERVER, name);

    assertThat(refs(SERVER.git(), mirror))
        .isEqualTo(refsExcept(SERVER.git(), source, EXCLUDED_PREFIX))
        .isNotEmpty();
    assertThat(objects(SERVER.git(), mirror)).isEqualTo(objects(SERVER.git(), source));
    assertThat(headTarget(SERVER.git(), mirror)).isEqualTo(expectedHead(name, source));
    assertFsckClean(SERVER.git(), mirror);
  }

  @Test
  void migrate_workTreeWithUncommittedJunk_copiesOnlyCommittedRefs() {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();

    Path mirror = cloneMirror(SERVER, "worktree");

    GitResult listing = SERVER.git().ok(mirror, "ls-tree", "-r", "--name-only", "refs/heads/topic");
    assertThat(listing.lines()).doesNotContain("untracked.tmp", "staged.txt");
    assertThat(SERVER.git().ok(mirror, "show", "refs/heads/topic:README.md").stdout())
        .isEqualTo("# migrated\n");
    assertThat(refs(SERVER.git(), mirror))
        .anyMatch(line -> line.endsWith(" refs/notes/commits"))
        .anyMatch(line -> line.endsWith(" tag refs/tags/v1.0"))
        .noneMatch(line -> line.contains(" refs/pull/"));
  }

  @Test
  void migrate_httpSourceWithCredentialsFile_secretNeverShown() throws IOException {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();

    String everything =
        migration.stdout() + migration.stderr() + Files.readString(reportFile, StandardCharsets.UTF_8);

    assertThat(everything).doesNotContain(upstreamPassword);
  }

  @Test
  void migrate_includeAndExcludePatterns_copiesOnlyMatchingRefs() throws IOException {
    Path bare = REFERENCE.get("bare");
    OfflineHelios offline = new OfflineHelios(SERVER);

    GitResult run =
        offline.run(
            "migrate",
            bare.toString(),
            "--name",
            "filtered",
            "--include",
            "refs/heads/*",
            "--include",
            "refs/tags/*",
            "--exclude",
            "refs/heads/topic",
            "--exclude",
            "refs/tags/light");
    offline.ensureRunning();

    assertThat(run.exitCode()).as(run.describe()).isZero();
    Path mirror = cloneMirror(SERVER, "filtered");
    List<String> expected =
        refsExcept(SERVER.git(), bare, "refs/notes/", "refs/pull/", "refs/heads/topic",
            "refs/tags/light");
    assertThat(refs(SERVER.git(), mirror))
        .isEqualTo(expected)
        .anyMatch(line -> line.endsWith(" refs/heads/main"))
        .anyMatch(line -> line.endsWith(" refs/heads/develop"))
        .anyMatch(line -> line.endsWith(" refs/tags/v1.0"));
    assertThat(headTarget(SERVER.git(), mirror)).isEqualTo("refs/heads/develop");
    assertFsckClean(SERVER.git(), mirror);
  }

  @Test
  void migrate_manifestWithMissingPathAndUnreachableUrl_exitsOneNamesBothGoodOneDone()
      throws IOException {
    Path dir = SERVER.newDir("failing");
    Path manifest = dir.resolve("manifest.txt");
    Path missing = dir.resolve("no-such-repository.git");
    String unreachable = "http://127.0.0.1:9/nobody/home.git";
    Files.writeString(
        manifest,
        String.join(
            "\n",
            REFERENCE.get("bare") + " good-one",
            missing + " missing-one",
            unreachable + " unreachable-one",
            ""),
        StandardCharsets.UTF_8);
    Path json = dir.resolve("report.json");
    Path markdown = dir.resolve("report.md");
    OfflineHelios offline = new OfflineHelios(SERVER);

    GitResult run =
        offline.run("migrate", "--manifest", manifest.toString(), "--report", json.toString());
    GitResult again =
        offline.run("migrate", "--manifest", manifest.toString(), "--report", markdown.toString());
    offline.ensureRunning();

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
    JsonNode document = JSON.readTree(json.toFile());
    assertThat(entry(document, "good-one").path("status").asText()).isEqualTo("done");
    for (String failed : List.of("missing-one", "unreachable-one")) {
      JsonNode entry = entry(document, failed);
      assertThat(entry.path("status").asText()).as(entry.toString()).isEqualTo("failed");
      assertThat(entry.path("failure").asText()).as(entry.toString()).isNotBlank();
    }
    assertThat(run.stdout() + run.stderr()).contains("missing-one", "unreachable-one");
    String md = Files.readString(markdown, StandardCharsets.UTF_8);
    assertThat(md).contains("missing-one", "unreachable-one", "failed");
    assertThat(entry(JSON.readTree(json.toFile()), "good-one").path("objects").asLong()).isPositive();
    Path mirror = cloneMirror(SERVER, "good-one");
    assertThat(refs(SERVER.git(), mirror)).isEqualTo(refs(SERVER.git(), REFERENCE.get("bare")));
  }

  private static String expectedHead(String name, Path source) {
    return headTarget(SERVER.git(), source);
  }

  // ---- shared by the Migrate*Test classes ----

  /**
   * The report entry whose {@code target} is {@code name}.
   *
   * @throws AssertionError if there is none
   */
  static JsonNode entry(JsonNode report, String name) {
    for (JsonNode repository : report.path("repositories")) {
      if (repository.path("target").asText().equals(name)) {
        return repository;
      }
    }
    throw new AssertionError("no repository " + name + " in the report: " + report);
  }

  /** Reads a JSON report. */
  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report " + file, e);
    }
  }

  /** {@code git clone --mirror} of {@code repo} from {@code server} as admin, into a new dir. */
  static Path cloneMirror(HeliosServerExtension server, String repo) {
    Path mirror = server.newDir("mirror-" + repo.replace('/', '-')).resolve("m.git");
    GitResult clone =
        server
            .git()
            .withTimeout(LONG)
            .run(mirror.getParent(), "clone", "-q", "--mirror", server.adminUrl(repo), mirror.toString());
    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    return mirror;
  }

  /** {@code git for-each-ref} lines ({@code objectname type refname}). */
  static List<String> refs(GitCli git, Path gitDir) {
    return git.ok(gitDir, "for-each-ref", "--format=%(objectname) %(objecttype) %(refname)").lines();
  }

  /** Like {@link #refs} without the refs whose names start with any of {@code prefixes}. */
  static List<String> refsExcept(GitCli git, Path gitDir, String... prefixes) {
    List<String> kept = new ArrayList<>();
    for (String line : refs(git, gitDir)) {
      String name = line.substring(line.lastIndexOf(' ') + 1);
      if (Stream.of(prefixes).noneMatch(name::startsWith)) {
        kept.add(line);
      }
    }
    return kept;
  }

  /** Every object reachable from every ref, sorted. */
  static List<String> objects(GitCli git, Path gitDir) {
    return git.withTimeout(LONG).ok(gitDir, "rev-list", "--all", "--objects").lines().stream()
        .sorted()
        .toList();
  }

  /** The ref HEAD points at. */
  static String headTarget(GitCli git, Path gitDir) {
    return git.ok(gitDir, "symbolic-ref", "HEAD").stdout().strip();
  }

  /** {@code git fsck --full} exits 0 and says nothing about errors. */
  static void assertFsckClean(GitCli git, Path gitDir) {
    GitResult fsck = git.withTimeout(LONG).run(gitDir, "fsck", "--full", "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
    assertThat(fsck.stdout() + fsck.stderr()).as(fsck.describe()).doesNotContainIgnoringCase("error");
  }

  /** The bytes of every regular file below {@code dir}, as {@code du -sb} counts them. */
  static long directoryBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // a RocksDB file removed by a compaction while walking
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }

  /** {@code helios args…} with a data directory, whatever the exit code. */
  static GitResult helios(Path workDir, String... args) {
    return HeliosCli.run(workDir, args);
  }

  /** Waits for {@code process} to exit, at most {@code seconds}. */
  static void awaitExit(Process process, long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("helios did not exit within " + seconds + " s");
    }
  }
}
