package dev.helios.git.storage.internal;

import dev.helios.git.storage.GcResult;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
   * Unreachable objects go to an UNREACHABLE_GARBAGE pack, kept for the grace period: a push
   * (or any inserter) commits its pack before it moves its refs, so objects of a push in flight
   * are unreachable when gc reads the refs. Dropping them at once lost commits in the
   * concurrency test; JGit prunes garbage packs older than the TTL at the next gc. A zero grace
   * drops the garbage pack right after gc, with a second atomic replace, for callers that know
   * nothing writes meanwhile.
   *
   * One gc per repository at a time (the repository's gc lock); a second caller waits.
   */

  private Collector() {}

  /**
   * Collects {@code repository} and reports what changed.
   *
   * @throws IOException if the repository cannot be read or its new packs written
   */
  public static GcResult collect(CasRepository repository, Duration garbageGrace)
      throws IOException {
    repository.gcLock().lock();
    try {
      long start = System.nanoTime();
      CasRepository.PackSummary before = repository.packSummary();
      DfsGarbageCollector gc =
          new DfsGarbageCollector(repository)
              .setReftableConfig(repository.reftableConfig())
              .setWriteCommitGraph(true);
      if (!garbageGrace.isZero()) {
        // JGit prunes garbage packs older than this and coalesces younger ones.
        gc.setGarbageTtl(garbageGrace.toMillis(), TimeUnit.MILLISECONDS);
      }
      gc.pack(NullProgressMonitor.INSTANCE);
      if (garbageGrace.isZero()) {
        repository.dropGarbagePacks();
      }
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
