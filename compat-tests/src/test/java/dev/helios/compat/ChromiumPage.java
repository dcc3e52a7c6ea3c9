package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a local HTML file in Debian's headless Chromium ({@code /usr/bin/chromium}): the DOM
 * after the page has loaded ({@code --dump-dom}) and a screenshot ({@code --screenshot}). Each
 * call starts a fresh browser with a fresh profile, no network features and no sandbox (tests
 * run as root in containers). Thread-safe: calls share nothing.
 */
final class ChromiumPage {
  /*
   * A missing browser skips the tests that need it, except where HELIOS_REQUIRE_BROWSER=1 says
   * the browser is a prerequisite (.ci/run installs it and sets the variable): there a missing
   * browser fails, so CI can never report a green report check that never ran.
   */

  /** Debian's chromium launcher. */
  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  /** The environment variable that turns a missing browser from a skip into a failure. */
  static final String REQUIRE = "HELIOS_REQUIRE_BROWSER";

  /** How long one browser run may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final int SCREEN_WIDTH = 1280;
  private static final int SCREEN_HEIGHT = 4000;
  private static final int MIN_COLOURS = 200;
  private static final Pattern CHARTS = Pattern.compile("<body[^>]*\\sdata-charts=\"(\\d+)\"");

  /**
   * What the browser showed.
   *
   * @param charts the page's {@code body[data-charts]}
   * @param width the screenshot's width in pixels
   * @param height its height
   * @param colours the number of distinct colours in it
   */
  record Rendering(int charts, int width, int height, int colours) {}

  private ChromiumPage() {}

  /**
   * Skips the calling test when {@link #EXECUTABLE} is missing, or fails it when {@code
   * HELIOS_REQUIRE_BROWSER=1}.
   */
  static void assumeAvailable() {
    assumeAvailable(EXECUTABLE, System.getenv(REQUIRE));
  }

  /**
   * Skips the calling test when {@code executable} is missing, or fails it with one line when
   * {@code require} is {@code "1"}.
   *
   * @param require the value of {@code HELIOS_REQUIRE_BROWSER}, or null when it is not set
   */
  static void assumeAvailable(Path executable, String require) {
    if (Files.isExecutable(executable)) {
      return;
    }
    String message = executable + " is missing; install Debian's chromium (apt-get install chromium)"
        + " to check the HTML report in a real browser";
    if ("1".equals(require)) {
      throw new AssertionError(message + " (" + REQUIRE + "=1 makes the browser required)");
    }
    Assumptions.assumeTrue(false, message + "; skipped");
  }

  /**
   * Opens {@code html} in the browser and checks that {@code body[data-charts]} equals {@code
   * expectedCharts} once the page has loaded, and that a screenshot of it decodes and is not
   * blank (at least 200 distinct colours). Skips or fails as {@link #assumeAvailable} says when
   * there is no browser.
   *
   * @param screenshot where the PNG goes (kept, for a person to look at)
   * @return what the browser showed
   */
  static Rendering assertChartsRender(Path html, int expectedCharts, Path screenshot) throws IOException {
    assumeAvailable();

    String dom = dumpDom(html);
    Matcher m = CHARTS.matcher(dom);
    assertThat(m.find()).as("body[data-charts] after load of %s", html).isTrue();
    int charts = Integer.parseInt(m.group(1));
    assertThat(charts).as("charts the browser decoded in %s", html).isEqualTo(expectedCharts);

    screenshot(html, screenshot);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).as("screenshot %s decodes as an image", screenshot).isNotNull();
    int colours = colours(image);
    assertThat(colours).as("distinct colours in the screenshot %s", screenshot).isGreaterThanOrEqualTo(MIN_COLOURS);
    return new Rendering(charts, image.getWidth(), image.getHeight(), colours);
  }

  /**
   * The serialized DOM of {@code html} after its load event.
   *
   * @throws IOException with one line when the browser fails or times out
   */
  static String dumpDom(Path html) throws IOException {
    return run(html, List.of("--dump-dom"));
  }

  /**
   * Saves a {@value #SCREEN_WIDTH}×{@value #SCREEN_HEIGHT} screenshot of {@code html} to {@code
   * png}.
   *
   * @throws IOException with one line when the browser fails, times out or writes no file
   */
  static void screenshot(Path html, Path png) throws IOException {
    Files.deleteIfExists(png);
    run(html, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + SCREEN_WIDTH + "," + SCREEN_HEIGHT,
        "--hide-scrollbars"));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("chromium wrote no screenshot to " + png + " for " + html);
    }
  }

  /** The number of distinct RGB colours in {@code image}. */
  static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        seen.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return seen.size();
  }

  private static String run(Path html, List<String> action) throws IOException {
    Path profile = Files.createTempDirectory("helios-chromium-");
    try {
      List<String> command = new ArrayList<>(List.of(
          EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + profile));
      command.addAll(action);
      command.add(html.toAbsolutePath().toUri().toString());
      Path out = profile.resolve("stdout");
      Path err = profile.resolve("stderr");
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      boolean done;
      try {
        done = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(process);
        throw new IOException("interrupted while chromium opened " + html, e);
      }
      if (!done) {
        kill(process);
        throw new IOException("chromium did not finish within " + TIMEOUT.toSeconds() + " s opening " + html
            + lastLine(err));
      }
      if (process.exitValue() != 0) {
        throw new IOException("chromium exited with " + process.exitValue() + " opening " + html + lastLine(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      deleteTree(profile);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  // Chromium logs harmless D-Bus complaints in containers; the last other line says what failed.
  private static String lastLine(Path err) throws IOException {
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.contains("dbus") && !l.contains("D-Bus")).toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A browser helper may still write into the profile as the browser exits; a leftover
      // temporary profile is harmless, and the test's outcome does not depend on it.
      System.err.println("compat-tests: could not delete the browser profile " + dir + ": " + e);
    }
  }
}
