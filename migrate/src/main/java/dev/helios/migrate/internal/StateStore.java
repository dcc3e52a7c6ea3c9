package dev.helios.migrate.internal;

import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.git.RepositoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where migration states are kept between runs: the data directory's metadata store (keys
 * {@code migrate/state/<name>}) or, when migrating into a server, files in a local directory.
 * Implementations are thread-safe; each write is atomic.
 */
public interface StateStore {
  /** The key prefix of states in a metadata store. */
  String PREFIX = "migrate/state/";

  /** The state of {@code name}, or empty if it was never migrated. */
  Optional<MigrationState> get(RepositoryName name) throws IOException;

  /** Records {@code state} for {@code name}, durably. */
  void put(RepositoryName name, MigrationState state) throws IOException;

  /** States in a metadata store. */
  static StateStore meta(KeyValueStore meta) {
    return new StateStore() {
      @Override
      public Optional<MigrationState> get(RepositoryName name) throws IOException {
        Optional<byte[]> bytes = meta.get(key(name));
        return bytes.isEmpty() ? Optional.empty() : Optional.of(MigrationState.decode(bytes.get()));
      }

      @Override
      public void put(RepositoryName name, MigrationState state) throws IOException {
        meta.write(new KvBatch().put(key(name), state.encode()));
      }
    };
  }

  /** States as files {@code <dir>/<name with '/' as '%2F'>.json}. */
  static StateStore directory(Path dir) {
    return new StateStore() {
      @Override
      public Optional<MigrationState> get(RepositoryName name) throws IOException {
        Path file = file(name);
        return Files.exists(file)
            ? Optional.of(MigrationState.decode(Files.readAllBytes(file)))
            : Optional.empty();
      }

      @Override
      public void put(RepositoryName name, MigrationState state) throws IOException {
        Files.createDirectories(dir);
        Path file = file(name);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, state.encode());
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }

      private Path file(RepositoryName name) {
        return dir.resolve(name.value().replace("/", "%2F") + ".json");
      }
    };
  }

  private static byte[] key(RepositoryName name) {
    return (PREFIX + name.value()).getBytes(StandardCharsets.UTF_8);
  }
}
