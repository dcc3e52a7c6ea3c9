package dev.helios.migrate.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one repository's migration across runs, stored as a small JSON document.
 *
 * @param source the source as given
 * @param status {@code importing}, {@code done} or {@code failed}
 * @param reason why it failed, or null
 * @param finished when it reached {@code done} or {@code failed} (ISO-8601), or null
 */
public record MigrationState(
    String source, String status, @Nullable String reason, @Nullable String finished) {
  /** Started but not finished: a run was killed, or is still going. */
  public static final String IMPORTING = "importing";

  /** Imported and verified. */
  public static final String DONE = "done";

  /** Failed; {@code reason} says why. */
  public static final String FAILED = "failed";

  private static final ObjectMapper JSON = new ObjectMapper();

  public MigrationState {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(status, "status");
  }

  /** The JSON form. */
  public byte[] encode() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode migration state", e);
    }
  }

  /**
   * Parses the JSON form.
   *
   * @throws IOException if {@code bytes} is not a migration state
   */
  public static MigrationState decode(byte[] bytes) throws IOException {
    try {
      return JSON.readValue(bytes, MigrationState.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "bad migration state: " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }
}
