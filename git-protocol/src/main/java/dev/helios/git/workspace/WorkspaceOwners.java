package dev.helios.git.workspace;

import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Who created each workspace through the server: the user who may use it besides server
 * administrators. Workspaces made on the data directory directly have no owner. Thread-safe.
 */
public final class WorkspaceOwners {
  /*
   * One key per workspace, "workspace-owner/<name>" → the user name in UTF-8, beside the
   * workspace's own records. Creating a workspace directly (the command line) forgets any owner
   * left by a workspace of the same name deleted earlier, so a name reused never inherits one.
   */

  private static final String PREFIX = "workspace-owner/";

  private final KeyValueStore meta;

  /** Keeps owners in {@code meta}, the metadata store of the data directory. */
  public WorkspaceOwners(KeyValueStore meta) {
    this.meta = Objects.requireNonNull(meta, "meta");
  }

  /** The user who owns workspace {@code name}, or empty when it has none. */
  public Optional<String> owner(String name) throws IOException {
    return meta.get(key(name)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  /** Records {@code user} as the owner of workspace {@code name}, replacing any other. */
  public void set(String name, String user) throws IOException {
    meta.write(new KvBatch().put(key(name), user.getBytes(StandardCharsets.UTF_8)));
  }

  /** Forgets the owner of workspace {@code name}, if any. */
  public void forget(String name) throws IOException {
    meta.write(new KvBatch().delete(key(name)));
  }

  private static byte[] key(String name) {
    return (PREFIX + Objects.requireNonNull(name, "name")).getBytes(StandardCharsets.UTF_8);
  }
}
