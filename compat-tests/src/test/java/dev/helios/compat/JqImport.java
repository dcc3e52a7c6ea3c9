package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ../shared/testdata/jq.bundle} pushed with {@code --mirror} into a repository of a test
 * class's server.
 *
 * @param source the bare mirror clone of the bundle that was pushed (the reference for every
 *     comparison)
 * @param repo the repository's name on the server
 */
record JqImport(Path source, String repo) {
  private static final Duration LONG = Duration.ofMinutes(4);
  private static final Duration TWIN_WAIT = Duration.ofMinutes(3);

  /**
   * Clones the bundle into a bare mirror, creates a repository and pushes the mirror to it.
   *
   * @throws AssertionError if the bundle is missing or the push fails
   */
  static JqImport pushTo(HeliosServerExtension server) {
    Path bundle = testdata().resolve("jq.bundle");
    assertThat(Files.isRegularFile(bundle))
        .as(
            "test data missing: "
                + bundle.toAbsolutePath()
                + " (shared/testdata must lie beside the clone)")
        .isTrue();
    Path source = server.newDir("jq-source").resolve("jq.git");
    server
        .git()
        .ok(source.getParent(), "clone", "-q", "--mirror", bundle.toString(), source.toString());
    String repo = server.createRepo("jq");
    GitResult push =
        server.git().withTimeout(LONG).run(source, "push", "--mirror", server.adminUrl(repo));
    assertThat(push.exitCode()).as(push.describe()).isZero();
    return new JqImport(source, repo);
  }

  static Path testdata() {
    String dir = System.getProperty("helios.testdata");
    assertThat(dir)
        .as("system property helios.testdata is not set (the parent POM sets it)")
        .isNotNull();
    return Path.of(dir);
  }

  /**
   * Waits until the server says the twins of {@code repo} are complete, when its repository
   * document says anything about twins; returns at once when it does not (a data command then
   * builds whatever is missing).
   *
   * @throws AssertionError if the twins are still incomplete after three minutes
   */
  static void awaitTwins(HeliosServerExtension server, String repo) {
    long deadline = System.nanoTime() + TWIN_WAIT.toNanos();
    while (true) {
      HeliosApi.Response response = server.api().get("/api/v1/repos/" + repo, server.admin());
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      Boolean complete = twinsComplete(response.json());
      if (complete == null || complete) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "twins of " + repo + " still incomplete after " + TWIN_WAIT + ": " + response.body());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for twins", e);
      }
    }
  }

  /** True or false when the document has a boolean about twins, null when it has none. */
  private static Boolean twinsComplete(JsonNode document) {
    for (Map.Entry<String, JsonNode> field : document.properties()) {
      if (!field.getKey().toLowerCase(Locale.ROOT).contains("twin")) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isBoolean()) {
        return value.asBoolean();
      }
      if (value.isTextual()) {
        return value.asText().equalsIgnoreCase("complete");
      }
      for (String name : new String[] {"complete", "done", "ready"}) {
        if (value.path(name).isBoolean()) {
          return value.get(name).asBoolean();
        }
      }
    }
    return null;
  }
}
