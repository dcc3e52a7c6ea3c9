package dev.helios.git.storage.internal;

import dev.helios.git.storage.GcResult;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector;
import org.eclipse.jgit.lib.NullProgressMonitor;

/** Garbage collection of one repository. Stateless; thread-safe. */
public final class Collector {
  /*
   * JGit's DfsGarbageCollector reads the refs and the pack list once, writes one GC pack of
   * everything reachable (with bitmaps), one GC_REST pack for the rest of what is reachable from
   * non-branch refs, an UNREACHABLE_GARBAGE pack, and a compacted reftable, then commits them
   * replacing exactly the packs it read. Packs committed while it ran are not in that set and
   * stay listed, so a concurrent push loses nothing. Its objects may also be in the new GC pack
   * (if a ref pointed at them when gc started): duplicates across packs are harmless and go at
   * the next gc.
   *
   * The UNREACHABLE_GARBAGE pack is then dropped with a second atomic replace. JGit keeps it for
   * a day so that a push racing with gc can still find objects it assumed present; here a push
   * carries every object not reachable from the refs it was advertised, and those refs' objects
   * are in the GC pack, so the garbage pack only matters to a ref update that names an object
   * it did not send and the server had only as garbage — a client cannot know of such objects.
   *
   * One gc per repository at a time (the repository's gc lock); a second caller waits.
   */

  private Collector() {}

  /**
   * Collects {@code repository} and reports what changed.
   *
   * @throws IOException if the repository cannot be read or its new packs written
   */
  public static GcResult collect(CasRepository repository) throws IOException {
    repository.gcLock().lock();
    try {
      long start = System.nanoTime();
      CasRepository.PackSummary before = repository.packSummary();
      DfsGarbageCollector gc =
          new DfsGarbageCollector(repository)
              .setReftableConfig(repository.reftableConfig())
              .setWriteCommitGraph(true);
      gc.pack(NullProgressMonitor.INSTANCE);
      repository.dropGarbagePacks();
      CasRepository.PackSummary after = repository.packSummary();
      return new GcResult(
          repository.name(),
          before.count(),
          after.count(),
          before.bytes(),
          after.bytes(),
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      repository.gcLock().unlock();
    }
  }
}
