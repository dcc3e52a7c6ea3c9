package dev.helios.git.storage.internal;

import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * A repository's Git configuration, kept as git-config text under one key of the metadata store.
 * Thread-safe as JGit's {@code Config} is (reads are; concurrent set-and-save pairs may
 * interleave, the last save wins).
 */
final class KvConfig extends StoredConfig {
  private final KeyValueStore meta;
  private final byte[] key;

  KvConfig(KeyValueStore meta, byte[] key) {
    this.meta = meta;
    this.key = key;
  }

  @Override
  public void load() throws IOException, ConfigInvalidException {
    Optional<byte[]> text = meta.get(key);
    fromText(text.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""));
  }

  @Override
  public void save() throws IOException {
    meta.write(new KvBatch().put(key, toText().getBytes(StandardCharsets.UTF_8)));
  }
}
