package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.benchmarks.compare.Comparison;
import dev.helios.benchmarks.compare.Figure;
import dev.helios.benchmarks.compare.Fleet;
import dev.helios.benchmarks.compare.Pricing;
import dev.helios.benchmarks.compare.Scale;
import dev.helios.benchmarks.compare.Side;
import dev.helios.benchmarks.compare.WorkloadResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helios compare-git} option checks, help and the summary: every bad input is refused with
 * one line and exit code 2 before any work starts (the end-to-end run is compat-tests'
 * CompareGitTest).
 */
class CompareGitCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "compare-git";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private void assertUsageError(int code, String start) {
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("helios: " + start).doesNotContain("\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void help_describesEveryOptionAndTheMethod() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("--workload", "--scale", "--repeat", "--repo", "--pricing", "--fleet", "--json",
            "--report", "--work-dir", "--keep", "--debug")
        .contains("median of R repetitions", "/proc")
        .contains("small (default");
  }

  @Test
  void compareGit_unknownScale_refusedWithExitTwo() {
    int code = run("--scale", "huge");

    assertUsageError(code, "--scale: unknown scale 'huge'; choose small, medium or large");
  }

  @Test
  void compareGit_unknownWorkload_refusedNamingTheKnownOnes() {
    int code = run("--workload", "push,nope");

    assertUsageError(code, "unknown workload 'nope'; choose workspace-commit, push");
  }

  @Test
  void compareGit_repeatZero_refusedWithExitTwo() {
    int code = run("--repeat", "0");

    assertUsageError(code, "--repeat must be 1 or more: 0");
  }

  @Test
  void compareGit_reportWithOtherSuffix_refusedWithExitTwo() {
    int code = run("--report", dir.resolve("out.pdf").toString());

    assertUsageError(code, "--report: " + dir.resolve("out.pdf") + ": the name must end in .html or .md");
  }

  @Test
  void compareGit_reportInMissingDirectory_refusedWithExitTwo() {
    int code = run("--report", dir.resolve("no/such/out.html").toString());

    assertUsageError(code, "--report: no such directory: " + dir.resolve("no/such"));
  }

  @Test
  void compareGit_missingPricingFile_refusedNamingIt() {
    Path missing = dir.resolve("prices.json");

    int code = run("--pricing", missing.toString());

    assertUsageError(code, "--pricing: no such readable file: " + missing);
  }

  @Test
  void compareGit_invalidPricingFile_refusedNamingIt() throws IOException {
    Path bad = Files.writeString(dir.resolve("prices.json"), "{ not json", StandardCharsets.UTF_8);

    int code = run("--pricing", bad.toString());

    assertUsageError(code, "--pricing: ");
    assertThat(err.toString()).contains(bad.toString());
  }

  @Test
  void compareGit_givenDirectoryIsNoRepository_refusedWithExitTwo() {
    int code = run("--repo", dir.toString());

    assertUsageError(code, "--repo: not a git repository: " + dir);
  }

  @Test
  void failure_multiLineMessage_keepsTheFirstLineAndWhereTheLogsAre() {
    IOException e = new IOException(
        "workload clone failed: git exited 128: git rev-parse main\nfatal: bad revision (run with --keep to keep"
            + " its logs)");

    String line = CompareGitCommand.failure(e);

    assertThat(line).isEqualTo(
        "workload clone failed: git exited 128: git rev-parse main (run with --keep to keep its logs)");
  }

  @Test
  void summary_heliosAndGitSides_printsMediansAndReductions() {
    Side git = side("git", false, 4_000_000, 2_000);
    Side helios = side("helios", true, 40_000, 3_000);
    WorkloadResult push = new WorkloadResult(
        "push", "Pushes", "Small pushes", 10, Map.of(), List.of(git, helios), List.of());
    Comparison comparison = new Comparison(Instant.EPOCH, 12.5, Scale.SMALL, 3, "generated",
        Map.of(), List.of(push), Pricing.defaults(), Fleet.defaults(), List.of());
    StringWriter text = new StringWriter();

    CompareGitCommand.summary(new PrintWriter(text, true), comparison);

    assertThat(text.toString())
        .contains("push: Pushes (10 operations a repetition)")
        .containsPattern("git +4\\.0 MB +4\\.0 MB +2\\.0 s")
        .containsPattern("helios vs git +99\\.0% less +99\\.0% less +50\\.0% more");
  }

  private static Side side(String key, boolean helios, double bytes, double millis) {
    Map<String, Figure> figures = new LinkedHashMap<>();
    figures.put("wall_ms", new Figure("wall_ms", "ms", List.of(millis, millis * 0.9, millis * 1.1)));
    figures.put("write_bytes", new Figure("write_bytes", "bytes", List.of(bytes, bytes * 1.2, bytes * 0.8)));
    figures.put("disk_allocated_bytes", new Figure("disk_allocated_bytes", "bytes", List.of(bytes, bytes, bytes)));
    return new Side(key, key, helios, "method", "fsync", figures);
  }
}
