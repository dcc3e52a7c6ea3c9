package dev.helios.git.storage.internal;

import dev.helios.git.RepositoryName;
import java.nio.charset.StandardCharsets;

/**
 * The keys of the repository store in the metadata store. Stateless.
 *
 * <pre>
 * repo/name/&lt;name&gt;    registry entry: the repository's id and creation time (RepositoryRecord)
 * repo/packs/&lt;id&gt;     its pack list (PackListCodec)
 * repo/config/&lt;id&gt;    its Git configuration, in git-config text form
 * </pre>
 *
 * Pack lists and configuration hang off a random id, not the name, so a repository deleted and
 * created again under the same name never meets the old one's state, even through an instance
 * of the old one still open somewhere.
 */
public final class MetaKeys {
  /** The prefix of every registry entry. */
  public static final String NAME_PREFIX = "repo/name/";

  private MetaKeys() {}

  /** The registry key of {@code name}. */
  public static byte[] name(RepositoryName name) {
    return bytes(NAME_PREFIX + name.value());
  }

  /** The pack list key of the repository {@code id}. */
  public static byte[] packs(String id) {
    return bytes("repo/packs/" + id);
  }

  /** The configuration key of the repository {@code id}. */
  public static byte[] config(String id) {
    return bytes("repo/config/" + id);
  }

  /** UTF-8 bytes of {@code key}. */
  public static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
