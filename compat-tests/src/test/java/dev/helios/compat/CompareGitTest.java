package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.benchmarks.compare.Workloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helios compare-git --scale small} end to end, once per class, with stock git: the JSON
 * is complete (every workload, git and Helios sides, three repetitions of every recorded figure,
 * writes where work happened, reductions, cost lines, the environment), the Markdown names every
 * workload, and the HTML renders a chart per workload in headless Chromium. Bad input is refused
 * with one line. Asserts what is true of real work, never a timing or a size; the run's wall time
 * is printed. The HTML, Markdown, JSON and screenshot stay in {@code target/compare-git/}.
 */
@Tag("integration")
final class CompareGitTest {
  private static final Path OUT = Path.of("target", "compare-git");
  private static final int REPEAT = 3;

  /** The side keys each workload must have (the report and the cost model depend on them). */
  private static final Map<String, List<String>> SIDES = Map.of(
      "workspace-commit", List.of("git", "git-tuned", "helios", "helios-import"),
      "push", List.of("git", "helios"),
      "ci-checkout", List.of("git-fresh-clone", "git-fetch-checkout", "helios"),
      "fork-network", List.of("git", "helios"),
      "clone", List.of("git", "helios"));

  /** The figures every side records once per repetition; a workload may add its own. */
  private static final List<String> RECORDED = List.of("wall_ms", "cpu_ms", "rchar", "wchar", "syscr", "syscw",
      "read_bytes", "write_bytes", "disk_apparent_bytes", "disk_allocated_bytes", "disk_growth_bytes",
      "files_created");

  @TempDir static Path scratch;

  private static GitResult run;
  private static JsonNode json;

  @BeforeAll
  static void compare() throws IOException {
    GitPrerequisite.check();
    Files.createDirectories(OUT);
    for (String name : List.of("out.json", "out.html", "out.md", "out.png")) {
      Files.deleteIfExists(OUT.resolve(name));
    }
    long t0 = System.nanoTime();
    run = HeliosCli.run(scratch, "compare-git", "--scale", "small",
        "--json", OUT.resolve("out.json").toAbsolutePath().toString(),
        "--report", OUT.resolve("out.html").toAbsolutePath().toString(),
        "--report", OUT.resolve("out.md").toAbsolutePath().toString());
    System.out.printf("compat-tests: helios compare-git --scale small took %.1f s%n%s%n",
        (System.nanoTime() - t0) / 1e9, run.stdout());
    if (run.exitCode() != 0) {
      throw new AssertionError("helios compare-git failed\n" + run.describe());
    }
    json = new ObjectMapper().readTree(OUT.resolve("out.json").toFile());
  }

  @Test
  void compareGit_small_printsASummaryOfEveryWorkloadAndTheFilesWritten() {
    assertThat(run.stdout())
        .contains(Workloads.NAMES.stream().map(n -> n + ": ").toList())
        .contains("helios vs git", "Yearly cost", "total")
        .contains("JSON written to " + OUT.resolve("out.json").toAbsolutePath())
        .contains("Report written to " + OUT.resolve("out.html").toAbsolutePath())
        .contains("Report written to " + OUT.resolve("out.md").toAbsolutePath());
  }

  @Test
  void json_workloads_everyOneInRunOrderWithItsGitAndHeliosSides() {
    List<String> names = new ArrayList<>();
    json.path("workloads").forEach(w -> names.add(w.path("name").asText()));

    assertThat(names).containsExactlyElementsOf(Workloads.NAMES);
    assertThat(json.path("scale").asText()).isEqualTo("small");
    assertThat(json.path("repeat").asInt()).isEqualTo(REPEAT);
    for (JsonNode w : json.path("workloads")) {
      String name = w.path("name").asText();
      List<String> keys = new ArrayList<>();
      w.path("sides").forEach(s -> keys.add(s.path("key").asText()));
      assertThat(keys).as(name).containsExactlyInAnyOrderElementsOf(SIDES.get(name));
      assertThat(sides(w, false)).as(name + ": git sides").isNotEmpty();
      assertThat(sides(w, true)).as(name + ": Helios sides").isNotEmpty();
      assertThat(w.path("operations").asInt()).as(name + ": operations").isPositive();
    }
  }

  @Test
  void json_everyFigure_hasItsRepetitionsAndAConsistentMedianMinAndMax() {
    for (JsonNode w : json.path("workloads")) {
      for (JsonNode s : w.path("sides")) {
        String where = w.path("name").asText() + " / " + s.path("key").asText();
        JsonNode figures = s.path("figures");
        for (String key : RECORDED) {
          assertThat(figures.path(key).path("values").size()).as(where + ": " + key + " values").isEqualTo(REPEAT);
        }
        figures.properties().forEach(e -> {
          JsonNode f = e.getValue();
          String figure = where + ": " + e.getKey();
          assertThat(f.path("values").size()).as(figure + " values").isBetween(1, REPEAT);
          double median = f.path("median").asDouble();
          assertThat(f.path("min").asDouble()).as(figure + " min").isLessThanOrEqualTo(median);
          assertThat(f.path("max").asDouble()).as(figure + " max").isGreaterThanOrEqualTo(median);
        });
        figures.path("wall_ms").path("values")
            .forEach(v -> assertThat(v.asDouble()).as(where + ": wall_ms of each repetition").isPositive());
        assertThat(figures.path("cpu_ms").path("median").asDouble()).as(where + ": cpu_ms").isPositive();
      }
    }
  }

  @Test
  void json_everySide_wroteAndStoredSomething() {
    for (JsonNode w : json.path("workloads")) {
      for (JsonNode s : w.path("sides")) {
        String where = w.path("name").asText() + " / " + s.path("key").asText();
        JsonNode figures = s.path("figures");
        // A clone's server reads from the page cache and writes to sockets: wchar, not write_bytes.
        double written = Math.max(median(figures, "write_bytes"), median(figures, "wchar"));
        assertThat(written).as(where + ": write_bytes or wchar").isPositive();
        assertThat(median(figures, "rchar")).as(where + ": rchar").isPositive();
        assertThat(median(figures, "disk_allocated_bytes")).as(where + ": disk_allocated_bytes").isPositive();
      }
    }
    JsonNode commits = workload("workspace-commit");
    for (JsonNode s : commits.path("sides")) {
      assertThat(median(s.path("figures"), "write_bytes"))
          .as("workspace-commit / " + s.path("key").asText() + ": write_bytes").isPositive();
    }
  }

  @Test
  void json_reductions_everyHeliosSideAgainstEveryGitSideIsOneMinusTheRatio() {
    for (JsonNode w : json.path("workloads")) {
      String name = w.path("name").asText();
      for (JsonNode h : sides(w, true)) {
        for (JsonNode g : sides(w, false)) {
          String pair = name + ": " + h.path("key").asText() + " vs " + g.path("key").asText();
          JsonNode reduction = reduction(w, h.path("key").asText(), g.path("key").asText());
          assertThat(reduction).as(pair).isNotNull();
          for (String key : List.of("wall_ms", "cpu_ms", "write_bytes", "wchar", "disk_allocated_bytes")) {
            double hm = median(h.path("figures"), key);
            double gm = median(g.path("figures"), key);
            JsonNode value = reduction.path("figures").path(key);
            if (gm == 0) {
              assertThat(value.isNull()).as(pair + ": " + key + " with git at 0").isTrue();
            } else {
              assertThat(value.asDouble()).as(pair + ": " + key).isCloseTo(1 - hm / gm, within(1e-5));
            }
          }
        }
      }
    }
  }

  @Test
  void json_costs_linesWithInputsAndTotalsThatAddUp() {
    JsonNode costs = json.path("costs");

    assertThat(costs.size()).isPositive();
    double git = 0;
    double helios = 0;
    for (JsonNode line : costs) {
      String name = line.path("name").asText();
      assertThat(name).isNotBlank();
      assertThat(line.path("formula").asText()).as(name + ": formula").isNotBlank();
      assertThat(line.path("inputs").size()).as(name + ": inputs").isPositive();
      line.path("inputs").forEach(in -> assertThat(in.path("value").isNumber()).as(name + ": " + in).isTrue());
      assertThat(line.path("git_per_year").isNumber()).as(name + ": git_per_year").isTrue();
      assertThat(line.path("helios_per_year").isNumber()).as(name + ": helios_per_year").isTrue();
      assertThat(line.path("saving_per_year").asDouble()).as(name + ": saving")
          .isCloseTo(line.path("git_per_year").asDouble() - line.path("helios_per_year").asDouble(), within(0.011));
      if (!line.path("alternative").asBoolean()) {
        git += line.path("git_per_year").asDouble();
        helios += line.path("helios_per_year").asDouble();
      }
    }
    JsonNode totals = json.path("totals");
    assertThat(totals.path("git_per_year").asDouble()).isPositive().isCloseTo(git, within(0.01 * costs.size()));
    assertThat(totals.path("helios_per_year").asDouble()).isCloseTo(helios, within(0.01 * costs.size()));
    assertThat(json.path("pricing").path("as_of").asText()).isNotBlank();
    assertThat(json.path("pricing").path("sources").size()).isPositive();
  }

  @Test
  void json_environment_namesGitAndJava() {
    JsonNode env = json.path("environment");

    assertThat("git version " + env.path("git").asText()).isEqualTo(GitPrerequisite.check());
    assertThat(env.path("java").asText()).contains(System.getProperty("java.specification.version"));
    assertThat(env.path("cpu").asText()).isNotBlank();
    assertThat(env.path("file_system").asText()).isNotBlank();
  }

  @Test
  void markdown_namesEveryWorkloadTitle() throws IOException {
    String md = Files.readString(OUT.resolve("out.md"), StandardCharsets.UTF_8);

    for (JsonNode w : json.path("workloads")) {
      assertThat(md).contains(w.path("title").asText()).contains(w.path("name").asText());
    }
  }

  @Test
  void html_inHeadlessChromium_rendersAChartPerWorkload() throws IOException {
    Path png = OUT.resolve("out.png");

    ChromiumPage.Rendering seen =
        ChromiumPage.assertChartsRender(OUT.resolve("out.html"), Workloads.NAMES.size(), png);

    System.out.println("compat-tests: chromium decoded " + seen.charts() + " charts of the compare-git report;"
        + " screenshot " + png.toAbsolutePath());
  }

  @Test
  void compareGit_unknownScale_oneLineAndExitTwo() {
    GitResult r = HeliosCli.run(scratch, "compare-git", "--scale", "huge");

    assertOneLineUsageError(r, "helios: --scale: unknown scale 'huge'");
  }

  @Test
  void compareGit_pdfReport_oneLineAndExitTwo() {
    GitResult r = HeliosCli.run(scratch, "compare-git", "--report", "out.pdf");

    assertOneLineUsageError(r, "helios: --report: out.pdf: the name must end in .html or .md");
  }

  @Test
  void compareGit_invalidPricingJson_oneLineNamingTheFile() throws IOException {
    Path pricing = Files.writeString(scratch.resolve("pricing.json"), "{\"provider\": ", StandardCharsets.UTF_8);

    GitResult r = HeliosCli.run(scratch, "compare-git", "--pricing", pricing.toString());

    assertThat(r.exitCode()).as(r.describe()).isIn(1, 2);
    assertThat(r.stderr().strip()).as(r.describe()).startsWith("helios: ").contains(pricing.toString())
        .doesNotContain("\n");
  }

  private static void assertOneLineUsageError(GitResult r, String start) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.stderr().strip()).as(r.describe()).startsWith(start).doesNotContain("\n");
    assertThat(r.stdout()).as(r.describe()).isEmpty();
  }

  private static List<JsonNode> sides(JsonNode workload, boolean helios) {
    List<JsonNode> sides = new ArrayList<>();
    workload.path("sides").forEach(s -> {
      if (s.path("helios").asBoolean() == helios) {
        sides.add(s);
      }
    });
    return sides;
  }

  private static JsonNode reduction(JsonNode workload, String helios, String baseline) {
    for (JsonNode r : workload.path("reductions")) {
      if (r.path("helios").asText().equals(helios) && r.path("baseline").asText().equals(baseline)) {
        return r;
      }
    }
    return null;
  }

  private static JsonNode workload(String name) {
    for (JsonNode w : json.path("workloads")) {
      if (w.path("name").asText().equals(name)) {
        return w;
      }
    }
    throw new AssertionError("no workload " + name + " in the JSON");
  }

  private static double median(JsonNode figures, String key) {
    JsonNode figure = figures.path(key);
    assertThat(figure.isMissingNode()).as("figure " + key + " present").isFalse();
    return figure.path("median").asDouble();
  }
}
