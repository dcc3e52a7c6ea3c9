package dev.helios.compat;

import static dev.helios.compat.MigrateSourcesTest.assertFsckClean;
import static dev.helios.compat.MigrateSourcesTest.cloneMirror;
import static dev.helios.compat.MigrateSourcesTest.entry;
import static dev.helios.compat.MigrateSourcesTest.objects;
import static dev.helios.compat.MigrateSourcesTest.readJson;
import static dev.helios.compat.MigrateSourcesTest.refs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helios migrate --server URL} into this class's running server, with the credentials in
 * {@code HELIOS_USER} and {@code HELIOS_PASSWORD} (or {@code HELIOS_TOKEN}): {@code jq.bundle} and
 * a small bare repository are created through the API and pushed, and stock {@code git clone
 * --mirror} of each shows the source's refs and objects and passes {@code git fsck --full}. The
 * same {@code --state} again skips them. Wrong credentials and a user who may not create
 * repositories fail with a reason that says so. Also {@code http://} sources on a second server
 * that needs a login: a wrong password in {@code --credentials FILE} or in the URL fails with
 * "authentication failed" and the secret shows nowhere, the URL's user information as {@code ***}.
 */
@Tag("integration")
final class MigrateServerTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final Duration LONG = Duration.ofMinutes(4);
  private static final String WRONG_SECRET = "not-the-password-7c1f";
  private static final Credentials PLAIN = new Credentials("plain", "plain-pass-4e2a");

  private static Path bundle;
  private static Path jqReference;
  private static Path small;
  private static Path state;
  private static Path reportFile;
  private static GitResult migration;
  private static HeliosServerProcess upstream;
  private static String upstreamRepoUrl;

  @BeforeAll
  static void migrateIntoRunningServer() throws IOException {
    GitCli git = SERVER.git();
    Path sources = SERVER.newDir("sources");

    bundle = JqImport.testdata().resolve("jq.bundle");
    assertThat(bundle).as("test data missing (shared/testdata must lie beside the clone)").isRegularFile();
    jqReference = sources.resolve("jq-reference.git");
    git.withTimeout(LONG).ok(sources, "clone", "-q", "--mirror", bundle.toString(), jqReference.toString());

    LocalRepo work = LocalRepo.init(git, Files.createDirectories(sources.resolve("work")));
    work.commit("README.md", "# small\n");
    work.ok("tag", "-a", "-m", "first", "v0.1");
    work.ok("switch", "-q", "-c", "develop");
    work.commit("develop.txt", "develop\n");
    work.ok("tag", "light");
    small = sources.resolve("small.git");
    git.ok(sources, "init", "-q", "--bare", "-b", "main", small.toString());
    work.ok("push", "-q", "--mirror", small.toString());

    state = sources.resolve("state");
    reportFile = sources.resolve("report.json");
    migration =
        migrate(
            adminEnv(),
            bundle.toString(),
            small.toString(),
            "--state",
            state.toString(),
            "--jobs",
            "2",
            "--report",
            reportFile.toString());

    upstream =
        HeliosServerProcess.start(
            SERVER.newDir("upstream").resolve("data"),
            SERVER.newDir("upstream-log").resolve("server.log"),
            List.of());
    Credentials upstreamAdmin = new Credentials("admin", upstream.adminPassword());
    new HeliosApi(upstream::baseUri).createRepo(upstreamAdmin, "served");
    upstreamRepoUrl = upstream.baseUri() + "/git/served.git";
    work.ok(
        "push",
        "-q",
        "--mirror",
        upstreamRepoUrl.replace("http://", "http://" + upstreamAdmin.userInfo() + "@"));
  }

  @AfterAll
  static void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void migrate_bundleAndBareIntoServer_exitsZeroAndReportsEachDone() {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();
    JsonNode report = readJson(reportFile);

    for (String name : List.of("jq", "small")) {
      JsonNode entry = entry(report, name);
      assertThat(entry.path("status").asText()).as(entry.toString()).isEqualTo("done");
      assertThat(entry.path("refs").asLong()).as(entry.toString()).isPositive();
    }
    assertThat(migration.stdout()).contains("done  jq", "done  small");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jq", "small"})
  void cloneMirror_migratedThroughServer_sameRefsAndObjectsAsSourceAndFsckClean(String name) {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();
    Path source = name.equals("jq") ? jqReference : small;

    Path mirror = cloneMirror(SERVER, name);

    assertThat(refs(SERVER.git(), mirror)).isEqualTo(refs(SERVER.git(), source)).isNotEmpty();
    assertThat(objects(SERVER.git(), mirror)).isEqualTo(objects(SERVER.git(), source));
    assertFsckClean(SERVER.git(), mirror);
  }

  @Test
  void migrate_sameStateAgain_skipsBoth() {
    assertThat(migration.exitCode()).as(migration.describe()).isZero();

    GitResult again =
        migrate(adminEnv(), bundle.toString(), small.toString(), "--state", state.toString(), "--json");

    assertThat(again.exitCode()).as(again.describe()).isZero();
    JsonNode report = json(again);
    for (String name : List.of("jq", "small")) {
      assertThat(entry(report, name).path("status").asText()).as(again.describe()).isEqualTo("skipped");
    }
  }

  @Test
  void migrate_token_createsAndPushes() {
    HeliosApi.Token token = SERVER.api().createToken(SERVER.admin(), "admin", "migrate");
    Path dir = SERVER.newDir("token");

    GitResult run =
        migrate(
            Map.of("HELIOS_USER", "admin", "HELIOS_TOKEN", token.secret()),
            small.toString(),
            "--name",
            "via-token",
            "--state",
            dir.resolve("state").toString(),
            "--json");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(entry(json(run), "via-token").path("status").asText()).isEqualTo("done");
    assertThat(refs(SERVER.git(), cloneMirror(SERVER, "via-token"))).isEqualTo(refs(SERVER.git(), small));
    assertThat(run.stdout() + run.stderr()).doesNotContain(token.secret());
  }

  @Test
  void migrate_wrongPassword_exitsOneAuthenticationFailedSecretNotShown() throws IOException {
    Path dir = SERVER.newDir("wrong-password");
    Path report = dir.resolve("report.md");

    GitResult run =
        migrate(
            Map.of("HELIOS_USER", "admin", "HELIOS_PASSWORD", WRONG_SECRET),
            small.toString(),
            "--name",
            "wrong-password",
            "--state",
            dir.resolve("state").toString(),
            "--report",
            report.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.stdout()).as(run.describe()).contains("wrong-password").containsIgnoringCase("authentication failed");
    String everything = run.stdout() + run.stderr() + Files.readString(report, StandardCharsets.UTF_8);
    assertThat(everything).doesNotContain(WRONG_SECRET);
    assertThat(SERVER.api().get("/api/v1/repos/wrong-password", SERVER.admin()).status()).isEqualTo(404);
  }

  @Test
  void migrate_userWhoMayNotCreateRepositories_failsSayingSo() {
    SERVER.api().createUser(SERVER.admin(), PLAIN.user(), PLAIN.password(), false);
    Path dir = SERVER.newDir("no-permission");

    GitResult run =
        migrate(
            Map.of("HELIOS_USER", PLAIN.user(), "HELIOS_PASSWORD", PLAIN.password()),
            small.toString(),
            "--name",
            "not-allowed",
            "--state",
            dir.resolve("state").toString(),
            "--json");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    JsonNode entry = entry(json(run), "not-allowed");
    assertThat(entry.path("status").asText()).isEqualTo("failed");
    assertThat(entry.path("failure").asText())
        .isEqualTo(
            "cannot create not-allowed on "
                + SERVER.server().baseUri()
                + ": user plain may not create repositories (HTTP 403)");
    assertThat(run.stdout() + run.stderr()).doesNotContain(PLAIN.password());
    assertThat(SERVER.api().get("/api/v1/repos/not-allowed", SERVER.admin()).status()).isEqualTo(404);
  }

  @Test
  void migrate_httpSourceWrongPasswordInCredentialsFile_failedAndSecretNowhere() throws IOException {
    Path dir = SERVER.newDir("http-wrong");
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials, upstream.baseUri() + "/ admin " + WRONG_SECRET + "\n", StandardCharsets.UTF_8);
    Path report = dir.resolve("report.json");

    GitResult run =
        migrate(
            adminEnv(),
            upstreamRepoUrl,
            "--name",
            "http-wrong",
            "--credentials",
            credentials.toString(),
            "--state",
            dir.resolve("state").toString(),
            "--report",
            report.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    JsonNode entry = entry(readJson(report), "http-wrong");
    assertThat(entry.path("status").asText()).isEqualTo("failed");
    assertThat(entry.path("failure").asText()).isEqualTo("authentication failed for " + upstreamRepoUrl);
    assertThat(run.stdout()).contains("authentication failed for " + upstreamRepoUrl);
    String everything = run.stdout() + run.stderr() + Files.readString(report, StandardCharsets.UTF_8);
    assertThat(everything).doesNotContain(WRONG_SECRET);
  }

  @Test
  void migrate_httpSourceUrlWithUserInfo_shownAsStarsEverywhere() throws IOException {
    Path dir = SERVER.newDir("http-userinfo");
    String withSecret = upstreamRepoUrl.replace("http://", "http://admin:" + WRONG_SECRET + "@");
    String shown = upstreamRepoUrl.replace("http://", "http://***@");
    Path json = dir.resolve("report.json");
    Path markdown = dir.resolve("report.md");
    Path html = dir.resolve("report.html");

    GitResult run =
        migrate(
            adminEnv(),
            withSecret,
            "--name",
            "http-userinfo",
            "--state",
            dir.resolve("state").toString(),
            "--report",
            json.toString(),
            "--report",
            markdown.toString(),
            "--report",
            html.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    JsonNode entry = entry(readJson(json), "http-userinfo");
    assertThat(entry.path("status").asText()).isEqualTo("failed");
    assertThat(entry.path("source").asText()).isEqualTo(shown);
    assertThat(entry.path("failure").asText()).isEqualTo("authentication failed for " + shown);
    assertThat(run.stdout()).contains(shown);
    String everything =
        run.stdout()
            + run.stderr()
            + Files.readString(json, StandardCharsets.UTF_8)
            + Files.readString(markdown, StandardCharsets.UTF_8)
            + Files.readString(html, StandardCharsets.UTF_8);
    assertThat(everything).doesNotContain(WRONG_SECRET).contains("***@");
  }

  private static Map<String, String> adminEnv() {
    return Map.of("HELIOS_USER", "admin", "HELIOS_PASSWORD", SERVER.admin().password());
  }

  private static JsonNode json(GitResult run) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout());
    } catch (IOException e) {
      throw new AssertionError("not a JSON report on stdout:\n" + run.describe(), e);
    }
  }

  /**
   * {@code helios migrate args… --server URL} with {@code env} added to a child JVM's environment
   * (and no other {@code HELIOS_*} variables), run in a fresh directory, whatever the exit code.
   */
  private static GitResult migrate(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(HeliosServerProcess.classpath());
    command.add("dev.helios.cli.Main");
    command.add("migrate");
    command.addAll(List.of(args));
    command.add("--server");
    command.add(SERVER.server().baseUri().toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(SERVER.newDir("cwd").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("HELIOS_"));
    builder.environment().putAll(env);
    List<String> shown = new ArrayList<>(List.of("(helios)", "migrate"));
    shown.addAll(List.of(args));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process, false));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", shown) + " did not finish in 5 minutes");
      }
      return new GitResult(
          shown, process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot run " + String.join(" ", shown), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running helios", e);
    }
  }

  private static byte[] readAll(Process process, boolean stderr) {
    try {
      return (stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes();
    } catch (IOException e) {
      return ("<cannot read: " + e + ">").getBytes(StandardCharsets.UTF_8);
    }
  }
}
