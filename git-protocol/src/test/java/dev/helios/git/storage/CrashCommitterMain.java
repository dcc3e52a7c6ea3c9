package dev.helios.git.storage;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The child of {@link RepositoryStoreCrashTest}: commits onto refs/heads/main of repository
 * "crash" in the data directory {@code args[0]} until killed, printing "READY" once open and
 * "ACK <sha>" after each ref update that returned.
 */
public final class CrashCommitterMain {
  private CrashCommitterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    RepositoryName name = RepositoryName.parse("crash");
    try (Storage storage =
            Storage.open(
                StorageOptions.builder(dir).blockCacheBytes(8L << 20).writeBufferBytes(4L << 20).build(),
                CacheOptions.builder().maximumBytes(8L << 20).build());
        RepositoryStore store =
            new RepositoryStore(
                storage, RepositoryStore.Options.builder().autoGcPushThreshold(4).build())) {
      Repository repository =
          store.open(name).isPresent() ? store.open(name).get() : store.create(name);
      System.out.println("READY");
      System.out.flush();
      ObjectId tip = repository.resolve("refs/heads/main");
      for (int i = 0; ; i++) {
        ObjectId next =
            tip == null
                ? TestCommits.commit(repository, Map.of("n.txt", "n" + i), "commit " + i)
                : TestCommits.commit(repository, Map.of("n.txt", "n" + i), "commit " + i, tip);
        RefUpdate.Result result = TestCommits.update(repository, "refs/heads/main", tip, next);
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
          throw new IllegalStateException("ref update failed: " + result);
        }
        System.out.println("ACK " + next.name());
        System.out.flush();
        store.packReceived(name); // exercises gc under the kill, on this thread
        tip = next;
      }
    }
  }
}
