package dev.helios.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ServerImporterTest {
  @Test
  void refusal_errorDocument_showsItsTextAndStatus() {
    String reason =
        ServerImporter.refusal(403, "{\"error\":\"user plain may not create repositories\"}\n");

    assertThat(reason).isEqualTo("user plain may not create repositories (HTTP 403)");
  }

  @Test
  void refusal_bodyNotJson_showsBodyAndStatus() {
    String reason = ServerImporter.refusal(502, "<html>Bad Gateway</html>");

    assertThat(reason).isEqualTo("<html>Bad Gateway</html> (HTTP 502)");
  }

  @Test
  void refusal_emptyBody_showsStatusOnly() {
    assertThat(ServerImporter.refusal(500, "")).isEqualTo("HTTP 500");
  }
}
