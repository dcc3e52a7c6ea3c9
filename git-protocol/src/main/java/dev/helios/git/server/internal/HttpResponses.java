package dev.helios.git.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the responses every handler shares: the plain-text errors of the Git edge and the JSON
 * documents and errors of the API. Stateless.
 */
final class HttpResponses {
  /*
   * Errors go out as text/plain because stock git prints a text/plain body of a failed smart
   * HTTP request to the user ("remote: ..."); JGit's own sendError embeds the text in a pkt-line
   * ERR, which git shows only for 200 responses. The realm is fixed so credential helpers store
   * one entry per host. API responses are JSON, never cached ("no-store": they may carry
   * tokens), and errors there are {"error": message}.
   */

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String CHALLENGE = "Basic realm=\"Helios\", charset=\"UTF-8\"";

  private HttpResponses() {}

  /** Sends {@code status} with {@code message} as a one-line text body. */
  static void text(HttpServletResponse res, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    res.setStatus(status);
    res.setHeader("Cache-Control", "no-cache, max-age=0, must-revalidate");
    res.setContentType("text/plain; charset=utf-8");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  /** Sends 401 with the Basic challenge, so that git asks for credentials. */
  static void challenge(HttpServletResponse res, String message) throws IOException {
    res.setHeader("WWW-Authenticate", CHALLENGE);
    text(res, HttpServletResponse.SC_UNAUTHORIZED, message);
  }

  /** Sends 429 with {@code Retry-After} in whole seconds (at least 1). */
  static void throttled(HttpServletResponse res, Duration retryAfter) throws IOException {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    res.setHeader("Retry-After", Long.toString(seconds));
    text(res, 429, "too many failed logins from this address; retry in " + seconds + " s");
  }

  /** Sends {@code document} as a JSON body with {@code status}. */
  static void json(HttpServletResponse res, int status, Object document) throws IOException {
    byte[] body = JSON.writeValueAsBytes(document);
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding(StandardCharsets.UTF_8.name());
    res.setHeader("Cache-Control", "no-store");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  /**
   * Sends {@code {"error": message}} with {@code status} (and the Basic challenge with 401),
   * unless the response is already committed, when nothing more can be said.
   */
  static void jsonError(HttpServletResponse res, int status, @Nullable String message)
      throws IOException {
    if (res.isCommitted()) {
      return;
    }
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      res.setHeader("WWW-Authenticate", CHALLENGE);
    }
    json(res, status, Map.of("error", message == null ? "error" : message));
  }
}
