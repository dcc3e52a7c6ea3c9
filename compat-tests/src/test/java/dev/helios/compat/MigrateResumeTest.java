package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of {@code helios migrate --jobs 1} in the middle of a run of eight repositories
 * (copies of {@code jq.bundle}), then the same command again: it must finish everything, skip what
 * the first run finished, restart the one it was in the middle of, and leave each repository once,
 * complete, with no more packs than a repository that was never interrupted.
 */
@Tag("integration")
final class MigrateResumeTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final int REPOSITORIES = 8;

  @Test
  void migrate_kill9AfterFirstRepositoryThenRerun_allDoneOnceFinishedOnesSkipped()
      throws Exception {
    Path dir = SERVER.newDir("resume");
    Path bundle = JqImport.testdata().resolve("jq.bundle");
    assertThat(bundle).as("test data missing (shared/testdata must lie beside the clone)").isRegularFile();
    Path reference = dir.resolve("jq-reference.git");
    SERVER.git().ok(dir, "clone", "-q", "--mirror", bundle.toString(), reference.toString());
    List<String> names = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= REPOSITORIES; i++) {
      // Separate copies, so that no two sources share a file.
      Path copy = Files.copy(bundle, dir.resolve("jq-copy-" + i + ".bundle"));
      names.add("resume-" + i);
      manifest.append(copy).append(" resume-").append(i).append('\n');
    }
    Path manifestFile = Files.writeString(dir.resolve("manifest.txt"), manifest);
    Path firstReport = dir.resolve("first.json");
    Path secondReport = dir.resolve("second.json");
    OfflineHelios offline = new OfflineHelios(SERVER);
    offline.ensureStopped();
    List<String> command =
        List.of("migrate", "--data", offline.dataDir().toString(), "--manifest",
            manifestFile.toString(), "--jobs", "1");

    List<String> firstOutput = runAndKillAfterFirstDone(dir, command, names.get(0), firstReport);
    GitResult second = runToEnd(dir, command, secondReport);

    assertThat(second.exitCode())
        .as("first run's output:\n" + String.join("\n", firstOutput) + "\n" + second.describe())
        .isZero();
    JsonNode report = MigrateSourcesTest.readJson(secondReport);
    assertThat(MigrateSourcesTest.entry(report, names.get(0)).path("status").asText())
        .as(report.toString())
        .isEqualTo("skipped");
    for (String name : names) {
      assertThat(MigrateSourcesTest.entry(report, name).path("status").asText())
          .as(name + " in " + report)
          .isIn("done", "skipped");
    }
    assertThat(report.path("repositories")).hasSize(REPOSITORIES);
    assertThat(report.path("totals").path("done").asLong())
        .as("the repository the kill interrupted is migrated again: " + report)
        .isPositive();

    Map<String, JsonNode> listed = listRepositories(offline);
    assertThat(listed.keySet()).containsAll(names);
    JsonNode uninterrupted = listed.get(names.get(0));
    for (String name : names) {
      assertThat(listed.get(name).path("packs").asLong())
          .as(name + " against " + names.get(0) + ", which the kill did not touch: " + listed.get(name))
          .isEqualTo(uninterrupted.path("packs").asLong());
    }

    offline.ensureRunning();
    List<String> expected = MigrateSourcesTest.refs(SERVER.git(), reference);
    for (String name : names) {
      Path mirror = MigrateSourcesTest.cloneMirror(SERVER, name);
      assertThat(MigrateSourcesTest.refs(SERVER.git(), mirror)).as(name).isEqualTo(expected);
    }
  }

  /**
   * Starts {@code helios command…}, reads its output line by line, and kills it with SIGKILL as
   * soon as a line says {@code firstName} is done; returns the lines read.
   */
  private static List<String> runAndKillAfterFirstDone(
      Path dir, List<String> command, String firstName, Path report) throws Exception {
    Process process = start(dir, command, report, true);
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Boolean> sawDone =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                  if (reportsDone(line, firstName)) {
                    process.destroyForcibly(); // SIGKILL: kill -9
                    return true;
                  }
                }
                return false;
              } catch (IOException e) {
                return false;
              }
            });
    boolean killed = sawDone.get(4, TimeUnit.MINUTES);
    MigrateSourcesTest.awaitExit(process, 60);
    assertThat(killed)
        .as("no line reported " + firstName + " done before the run ended (exit "
            + process.exitValue() + "):\n" + String.join("\n", lines))
        .isTrue();
    assertThat(Files.exists(report))
        .as("the killed run must not have reached its report")
        .isFalse();
    return lines;
  }

  /** Whether {@code line} says repository {@code name} is done, as in {@code done  NAME  …}. */
  private static boolean reportsDone(String line, String name) {
    return line.toLowerCase(Locale.ROOT)
        .matches("(.*\\s)?done\\s+" + java.util.regex.Pattern.quote(name) + "(\\s.*)?");
  }

  private static GitResult runToEnd(Path dir, List<String> command, Path report)
      throws Exception {
    Process process = start(dir, command, report, false);
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    MigrateSourcesTest.awaitExit(process, 300);
    List<String> shown = new ArrayList<>(List.of("(helios)"));
    shown.addAll(command);
    return new GitResult(
        shown, process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
  }

  private static Process start(Path dir, List<String> command, Path report, boolean mergeOutput)
      throws IOException {
    List<String> full = new ArrayList<>();
    full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    full.add("-cp");
    full.add(HeliosServerProcess.classpath());
    full.add("dev.helios.cli.Main");
    full.addAll(command);
    full.add("--report");
    full.add(report.toString());
    ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile());
    builder.redirectErrorStream(mergeOutput);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static byte[] readAll(java.io.InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      return ("<cannot read: " + e + ">").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** {@code helios repo list --json}: name → entry; asserts every name appears once. */
  private static Map<String, JsonNode> listRepositories(OfflineHelios offline) throws IOException {
    GitResult list = offline.ok("repo", "list", "--json");
    JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.stdout());
    Map<String, JsonNode> byName = new TreeMap<>();
    for (JsonNode repository : document.path("repositories")) {
      JsonNode previous = byName.put(repository.path("name").asText(), repository);
      assertThat(previous).as("listed twice: " + repository + "\n" + list.describe()).isNull();
    }
    return byName;
  }
}
