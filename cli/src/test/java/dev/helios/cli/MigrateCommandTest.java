package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helios migrate} driven through {@link Main}: jq's bundle imported once for the
 * integration tests (a few seconds), usage errors and help without importing anything.
 */
class MigrateCommandTest {
  @TempDir Path dir;

  /** The one jq import the integration tests share: its output and its three reports. */
  private record JqRun(int code, String out, String err, Path reports) {}

  private static JqRun jq;
  @TempDir static Path shared;

  private static synchronized JqRun jq() {
    if (jq == null) {
      Path data = shared.resolve("data");
      Result r = run("migrate", jqBundle().toString(), "--data", data.toString(), "--jobs", "2",
          "--report", shared.resolve("r.json").toString(),
          "--report", shared.resolve("r.md").toString(),
          "--report", shared.resolve("r.html").toString());
      jq = new JqRun(r.code, r.out, r.err, shared);
    }
    return jq;
  }

  @Test
  @Tag("integration")
  void migrate_jqBundle_exitsZeroWithOneLinePerRepository() {
    JqRun run = jq();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches("done  jq  \\d+ objects  [0-9.]+ [kMG]?B  [0-9.]+ s");
    assertThat(run.out()).contains("1 done, 0 skipped, 0 failed");
    assertThat(run.err()).isEmpty();
  }

  @Test
  @Tag("integration")
  void migrate_reportJson_hasTheRepositoryAndTotals() throws IOException {
    JqRun run = jq();

    JsonNode doc = new ObjectMapper().readTree(run.reports().resolve("r.json").toFile());

    assertThat(doc.get("succeeded").asBoolean()).isTrue();
    JsonNode repo = doc.get("repositories").get(0);
    assertThat(repo.get("target").asText()).isEqualTo("jq");
    assertThat(repo.get("status").asText()).isEqualTo("done");
    assertThat(repo.get("refs").asInt()).isPositive();
    assertThat(repo.get("objects").asLong()).isPositive();
    assertThat(repo.get("sourceBytes").asLong()).isPositive();
    assertThat(doc.get("totals").get("done").asInt()).isEqualTo(1);
  }

  @Test
  @Tag("integration")
  void migrate_reportHtmlAndMarkdown_showTheRepository() throws IOException {
    JqRun run = jq();

    String html = Files.readString(run.reports().resolve("r.html"));
    String md = Files.readString(run.reports().resolve("r.md"));

    assertThat(html).contains("<svg").contains("jq").doesNotContain("<script");
    assertThat(md).contains("| repository | source | status |").contains("| `jq` |")
        .contains("| **total** |");
  }

  @Test
  @Tag("integration")
  void migrate_badSourceAmongGood_exitsOneAndSummaryNamesIt() throws Exception {
    Path small = smallRepository(dir.resolve("small"));
    Path missing = dir.resolve("nowhere.git");

    Result r = run("migrate", small.toString(), missing.toString(),
        "--data", dir.resolve("data").toString());

    assertThat(r.code).as(r.err).isEqualTo(1);
    assertThat(r.out).contains("done  small  ").contains("FAILED  nowhere  ")
        .contains("1 done, 0 skipped, 1 failed").contains("Failed: nowhere");
  }

  @Test
  @Tag("integration")
  void migrate_json_printsTheReportOnly() throws Exception {
    Path small = smallRepository(dir.resolve("small"));

    Result r = run("migrate", small.toString(), "--name", "team/small", "--json",
        "--data", dir.resolve("data").toString());

    assertThat(r.code).as(r.err).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out);
    assertThat(doc.get("repositories").get(0).get("target").asText()).isEqualTo("team/small");
  }

  @Test
  void migrate_noSource_isAUsageError() {
    Result r = run("migrate", "--data", dir.resolve("data").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("at least one SOURCE");
  }

  @Test
  void migrate_nameWithTwoSources_isAUsageError() {
    Result r = run("migrate", "a.bundle", "b.bundle", "--name", "x",
        "--data", dir.resolve("data").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--name");
  }

  @Test
  void migrate_reportWithOtherSuffix_isAUsageErrorBeforeAnything() {
    Result r = run("migrate", "a.bundle", "--report", dir.resolve("r.txt").toString(),
        "--data", dir.resolve("data").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains(".json, .md or .html");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void migrate_zeroJobsOrBadVerify_isAUsageError() {
    assertThat(run("migrate", "a.bundle", "--jobs", "0").code).isEqualTo(2);
    assertThat(run("migrate", "a.bundle", "--verify", "thorough").code).isEqualTo(2);
  }

  @Test
  void migrate_missingManifest_isAUsageError() {
    Result r = run("migrate", "--manifest", dir.resolve("nope.txt").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--manifest: no such file");
  }

  @Test
  void migrate_credentialsInSourceUrl_areNeverEchoed() {
    Result r = run("migrate", "https://ann:s3cret@example.invalid/a.git",
        "https://ann:s3cret@example.invalid/b/a.git", "--data", dir.resolve("data").toString());

    assertThat(r.code).isEqualTo(2);
    assertThat(r.out + r.err).doesNotContain("s3cret").contains("***@example.invalid");
  }

  @Test
  void migrate_help_describesSourcesAndOptions() {
    Result r = run("migrate", "--help");

    assertThat(r.code).isZero();
    assertThat(r.out).contains("SOURCE").contains("--manifest").contains("--scan")
        .contains("--jobs").contains("--report").contains("--verify");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static Path jqBundle() {
    String testdata = System.getProperty("helios.testdata");
    assertThat(testdata).as("system property helios.testdata is not set (the parent POM sets it)")
        .isNotNull();
    Path bundle = Path.of(testdata, "jq.bundle");
    assertThat(bundle).as("test data missing: " + bundle.toAbsolutePath()).isRegularFile();
    return bundle;
  }

  /**
   * A bundle of a repository with one commit on main. (A bundle rather than the work tree: it
   * is the source kind jq uses too, and keeps this test about the command.)
   */
  private static Path smallRepository(Path at) throws Exception {
    Path work = at.resolveSibling(at.getFileName() + "-work");
    Path bundle = at.resolveSibling(at.getFileName() + ".bundle");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(work.resolve("README"), "hello\n");
      git.add().addFilepattern("README").call();
      git.commit().setMessage("first").setAuthor("Ada", "ada@example.com")
          .setCommitter("Ada", "ada@example.com").setSign(false).call();
      Repository repository = git.getRepository();
      BundleWriter writer = new BundleWriter(repository);
      writer.include(repository.exactRef("refs/heads/main"));
      try (OutputStream out = Files.newOutputStream(bundle)) {
        writer.writeBundle(NullProgressMonitor.INSTANCE, out);
      }
    }
    return bundle;
  }
}
