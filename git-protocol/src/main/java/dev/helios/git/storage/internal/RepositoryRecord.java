package dev.helios.git.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.GitStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A registry entry: the id under which a repository's state is kept and when it was created.
 *
 * @param id 32 lowercase hex digits, random
 * @param created when the repository was created
 */
public record RepositoryRecord(String id, Instant created) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Checks nullness. */
  public RepositoryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
  }

  /** Returns a record with a new random id, created now. */
  public static RepositoryRecord createNow() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return new RepositoryRecord(HexFormat.of().formatHex(id), Instant.now());
  }

  /** Encodes the record as JSON ({@code {"id": ..., "created": epoch millis}}). */
  public byte[] encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("created", created.toEpochMilli());
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a record of the repository {@code name}.
   *
   * @throws GitStoreException if the bytes are not a record
   */
  public static RepositoryRecord decode(RepositoryName name, byte[] bytes)
      throws GitStoreException {
    try {
      JsonNode node = JSON.readTree(bytes);
      JsonNode id = node.get("id");
      JsonNode created = node.get("created");
      if (id == null || !id.isTextual() || created == null || !created.canConvertToLong()) {
        throw new GitStoreException(name, "corrupt registry entry of repository '" + name + "'");
      }
      return new RepositoryRecord(id.asText(), Instant.ofEpochMilli(created.asLong()));
    } catch (GitStoreException e) {
      throw e;
    } catch (IOException e) {
      throw new GitStoreException(
          name, "corrupt registry entry of repository '" + name + "': " + e.getMessage(), e);
    }
  }
}
