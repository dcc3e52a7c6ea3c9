package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.benchmarks.compare.CostModel;
import dev.helios.benchmarks.compare.Comparison;
import dev.helios.benchmarks.compare.DiskUsage;
import dev.helios.benchmarks.compare.Fleet;
import dev.helios.benchmarks.compare.Meter;
import dev.helios.benchmarks.compare.Pricing;
import dev.helios.benchmarks.compare.ProcessCounters;
import dev.helios.benchmarks.compare.ReportWriter;
import dev.helios.benchmarks.compare.Scale;
import dev.helios.benchmarks.compare.Side;
import dev.helios.benchmarks.compare.SideRecorder;
import dev.helios.benchmarks.compare.WorkloadResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The {@code helios compare-git} HTML report in a real browser: a comparison of all five
 * workloads, filled by hand through the real {@link SideRecorder} with figures of the shape a
 * small run gives, is rendered to HTML and opened in headless Chromium. Every chart must decode
 * ({@code body[data-charts]} counts the images with a natural width), and the screenshot must be
 * a real page with the bars' warm (git) and cool (Helios) colours in it. The HTML and screenshot
 * stay in {@code target/report-browser/} for a person to look at. Without {@code
 * /usr/bin/chromium} the browser test is skipped, unless {@code HELIOS_REQUIRE_BROWSER=1}.
 */
@Tag("integration")
final class ReportBrowserTest {
  private static final Path OUT = Path.of("target", "report-browser");

  @Test
  void html_inHeadlessChromium_decodesEveryChart() throws IOException {
    Comparison comparison = comparison();
    Files.createDirectories(OUT);
    Path html = Files.writeString(OUT.resolve("report.html"), ReportWriter.html(comparison));
    Path png = OUT.resolve("report.png");

    ChromiumPage.Rendering seen = ChromiumPage.assertChartsRender(html, comparison.workloads().size(), png);

    System.out.println("compat-tests: chromium decoded " + seen.charts() + " charts; screenshot " + seen.width()
        + "x" + seen.height() + " with " + seen.colours() + " colours (" + png.toAbsolutePath() + ")");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(count(image, true)).as("Helios-blue bar pixels").isGreaterThan(1000);
    assertThat(count(image, false)).as("git-orange bar pixels").isGreaterThan(1000);
  }

  @Test
  void assumeAvailable_missingBrowserRequired_failsWithOneLine() {
    Path missing = Path.of("/nonexistent/chromium");

    assertThatThrownBy(() -> ChromiumPage.assumeAvailable(missing, "1"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("/nonexistent/chromium is missing; install Debian's chromium (apt-get install chromium) to check"
            + " the HTML report in a real browser (HELIOS_REQUIRE_BROWSER=1 makes the browser required)");
  }

  @Test
  void assumeAvailable_missingBrowserNotRequired_skips() {
    Path missing = Path.of("/nonexistent/chromium");

    assertThatThrownBy(() -> ChromiumPage.assumeAvailable(missing, null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("skipped");
  }

  // The bars' first colours: git #D95F02 (orange), Helios #1F6FC5 (blue); a small tolerance
  // allows for colour conversion in the browser.
  private static int count(BufferedImage image, boolean blue) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        boolean match = blue ? near(r, 0x1F) && near(g, 0x6F) && near(b, 0xC5)
            : near(r, 0xD9) && near(g, 0x5F) && near(b, 0x02);
        n += match ? 1 : 0;
      }
    }
    return n;
  }

  private static boolean near(int value, int target) {
    return Math.abs(value - target) <= 8;
  }

  private static Comparison comparison() {
    List<WorkloadResult> workloads = List.of(
        workload("workspace-commit", "An agent committing in a large working tree", 20,
            Map.of("files", 20_000, "commits", 20),
            side("git", "Stock git", false, 76e6, 95e6, 9_000, 7_400, 410e6, 120e6, 3_200),
            side("git-tuned", "git, feature.manyFiles", false, 3.3e6, 5e6, 6_500, 5_100, 330e6, 40e6, 3_000),
            side("helios", "Helios workspace commits", true, 0.4e6, 0.5e6, 2_100, 3_900, 95e6, 0.6e6, 12),
            side("helios-import", "Helios importDirectory", true, 1.1e6, 1.4e6, 7_800, 9_300, 96e6, 1.2e6, 14)),
        workload("push", "Small pushes to a server", 10, Map.of("pushes", 10, "commits per push", 3),
            side("git", "git daemon (receive-pack)", false, 0.9e6, 1.1e6, 1_400, 380, 9e6, 0.9e6, 60),
            side("helios", "Helios server", true, 0.5e6, 0.8e6, 1_300, 1_100, 14e6, 0.6e6, 8)),
        workload("ci-checkout", "CI jobs checking out successive revisions", 8, Map.of("jobs", 8),
            side("git-fresh-clone", "git clone per job", false, 70e6, 72e6, 6_200, 4_800, 9e6, 9e6, 900),
            side("git-fetch-checkout", "git fetch + checkout", false, 6e6, 7e6, 1_900, 1_200, 9e6, 1e6, 40),
            side("helios", "Helios incremental materialize", true, 2e6, 2.5e6, 2_600, 3_300, 8.5e6, 0.4e6, 30)),
        workload("fork-network", "Migrating a network of forks", 6, Map.of("forks", 5),
            side("git", "git clone --mirror", false, 52e6, 55e6, 2_900, 2_300, 50e6, 50e6, 120),
            side("helios", "helios migrate", true, 12e6, 14e6, 5_400, 8_800, 10e6, 10e6, 25)),
        workload("clone", "Clones served to clients", 10, Map.of("clients", 10),
            side("git", "git daemon (upload-pack)", false, 0, 85e6, 2_400, 1_700, 8.4e6, 0, 0),
            side("helios", "Helios server", true, 0, 86e6, 2_700, 2_900, 8.1e6, 0, 0)));
    Pricing pricing = Pricing.defaults();
    Fleet fleet = Fleet.defaults();
    return new Comparison(Instant.parse("2026-11-28T08:00:00Z"), 97.5, Scale.SMALL, 3,
        "generated repository (about 1 MiB, branch main)",
        Map.of("git", "git version 2.39.5", "java", "17.0.15", "cpu", "2 cores"), workloads, pricing, fleet,
        CostModel.compute(workloads, pricing, fleet));
  }

  private static WorkloadResult workload(String name, String title, int operations, Map<String, Object> parameters,
      Side... sides) {
    return new WorkloadResult(name, title, "The " + name + " workload, filled by hand for the browser test.",
        operations, new LinkedHashMap<>(parameters), List.of(sides), List.of("Figures made up in the shape of a run."));
  }

  /** A side recorded over three repetitions around the given figures (the medians). */
  private static Side side(String key, String label, boolean helios, double writeBytes, double wchar, long wallMs,
      long cpuMs, double storedBytes, double growthBytes, long files) {
    SideRecorder recorder = new SideRecorder(key, label, helios, "How " + label + " ran.", "as configured");
    double[] spread = {0.93, 1.0, 1.08};
    for (double f : spread) {
      ProcessCounters counters = new ProcessCounters((long) (wchar * 2 * f), (long) (wchar * f), 4_000,
          (long) (wchar / 8192 * f) + 1, 0, (long) (writeBytes * f), (long) (cpuMs * f));
      Meter.Run run = new Meter.Run(counters, (long) (wallMs * f * 1_000_000), 0);
      long stored = (long) storedBytes;
      DiskUsage before = new DiskUsage(stored, stored - (long) (growthBytes * f), 1_000);
      DiskUsage after = new DiskUsage(stored, stored, 1_000 + files);
      recorder.add(run, before, after);
    }
    return recorder.side();
  }
}
