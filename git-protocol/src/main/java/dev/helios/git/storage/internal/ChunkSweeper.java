package dev.helios.git.storage.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.hash.Hash;
import dev.helios.git.storage.SweepResult;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** Mark-and-sweep of the chunk store against the repositories' pack lists. Stateless. */
public final class ChunkSweeper {
  /*
   * 1. tracker.beginSweep(): from now on every chunk written is remembered, and packs committed
   *    from now on keep their chunks protected (ChunkTracker.retire).
   * 2. Mark: walk every file of every pack list (manifests and data chunks), and the files of
   *    packs replaced within the retention period (readers may still use them).
   * 3. Candidates: every stored chunk not marked.
   * 4. With writes held back: drop candidates written since step 1 or pending in files being
   *    written, delete the rest.
   *
   * A chunk marked in step 2 is never deleted. A chunk referenced by a list committed after step
   * 2 read it was either written after step 1 (remembered) or before it by a pack still pending
   * at step 1 (its live set, copied on retire). So no listed chunk is deleted.
   *
   * Scope: every chunk of the store that no repository lists is deleted. The sweep assumes the
   * repositories are the only users of the chunk store; another user must register its roots
   * before it shares the store with them.
   */

  private ChunkSweeper() {}

  /** Walks every chunk referenced by every repository. */
  @FunctionalInterface
  public interface Roots {
    /** Calls {@code action} with every referenced chunk (repeats allowed). */
    void forEach(Consumer<Hash> action) throws IOException;
  }

  /**
   * Deletes every chunk of {@code chunks} that {@code roots} does not reach and {@code tracker}
   * does not protect.
   *
   * @throws IOException if the stores cannot be read or written
   */
  public static SweepResult sweep(ChunkStore chunks, ChunkTracker tracker, Roots roots)
      throws IOException {
    tracker.beginSweep();
    try {
      Set<Hash> marked = new HashSet<>();
      roots.forEach(marked::add);
      tracker.forEachRetained(chunks, marked::add);
      Set<Hash> candidates = new HashSet<>();
      chunks.forEachHash(
          hash -> {
            if (!marked.contains(hash)) {
              candidates.add(hash);
            }
          });
      long[] freed = new long[2];
      tracker.deleteUnused(
          candidates,
          unused -> {
            long bytes = 0;
            for (Hash hash : unused) {
              bytes += Math.max(0, chunks.sizeOf(hash));
            }
            if (!unused.isEmpty()) {
              chunks.delete(unused);
            }
            freed[0] = unused.size();
            freed[1] = bytes;
          });
      return new SweepResult(freed[0], freed[1]);
    } finally {
      tracker.endSweep();
    }
  }
}
