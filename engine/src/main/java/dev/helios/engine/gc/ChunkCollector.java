package dev.helios.engine.gc;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Garbage collection of one chunk store: {@link #sweep()} deletes every chunk that no registered
 * root set reaches and no writer in flight protects. Every user of the chunk store registers
 * its roots ({@link #register}) and writes through the tracking this class offers ({@link
 * #trackingStore}, {@link #protect}); chunks reachable from no registered root set are deleted by
 * the next sweep. Thread-safe; one per chunk store ({@code Storage.collector()}).
 */
public final class ChunkCollector {
  /*
   * Mark and sweep:
   *
   * 1. tracker.beginSweep(): from now on every chunk written is remembered, and writers that
   *    retire their live set keep its chunks protected (ChunkTracker.retire).
   * 2. Mark: walk every registered root set, and the files retained for readers.
   * 3. Candidates: every stored chunk not marked.
   * 4. With writes held back: drop candidates written since step 1 or pending in a live set,
   *    delete the rest.
   *
   * A chunk marked in step 2 is never deleted. A chunk that a root committed after step 2 walked
   * it refers to was either written after step 1 (remembered) or before it by a writer still
   * pending at step 1 (its live set, copied on retire). So no reachable chunk is deleted.
   *
   * Registration: a root set registered while a sweep runs may reach chunks that the sweep did
   * not mark. Registering bumps `generation` while holding back the delete step, and the delete
   * step goes ahead only if the generation it marked under is still current; otherwise the sweep
   * marks again. So a registration that returns before the delete step is honoured; one after it
   * is too late for chunks already deleted, which is why users register before they rely on the
   * store (at startup) and keep their registration for as long as their data must live.
   */

  private final ChunkStore chunks;
  private final ChunkTracker tracker = new ChunkTracker();
  private final ReentrantLock sweepLock = new ReentrantLock();

  // Guarded by itself, as is `generation`.
  private final Map<String, Registered> roots = new LinkedHashMap<>();
  private long generation;

  /**
   * Creates a collector for {@code chunks} with no root set registered. {@code Storage} creates
   * the one of its chunk store; there must be no other for the same store.
   */
  public ChunkCollector(ChunkStore chunks) {
    this.chunks = Objects.requireNonNull(chunks, "chunks");
  }

  /** Walks the chunks a user of the chunk store refers to. */
  @FunctionalInterface
  public interface Roots {
    /**
     * Calls {@code action} with every chunk referred to (repeats allowed), manifests included.
     *
     * @throws IOException if the roots cannot be read; the sweep then deletes nothing
     */
    void forEach(Consumer<Hash> action) throws IOException;
  }

  /** A root set's registration; closing it unregisters the root set. */
  public interface Registration extends AutoCloseable {
    /** The name the root set was registered under. */
    String name();

    /**
     * Unregisters the root set, unless it was replaced meanwhile by another registered under the
     * same name; idempotent.
     */
    @Override
    void close();
  }

  /** A write that needs its chunks protected from sweeps; see {@link #protect}. */
  @FunctionalInterface
  public interface Write<T> {
    /** Runs the write and returns its outcome. */
    T run() throws IOException;
  }

  /**
   * Registers {@code roots} under {@code name}, replacing any root set registered under that
   * name, and returns the registration. Every later sweep marks the chunks {@code roots} reaches;
   * so does a running sweep that has not reached its delete step yet.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public Registration register(String name, Roots roots) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(roots, "roots");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("root set name must not be empty");
    }
    Registered registered = new Registered(name, roots);
    tracker.holdingSweeps(
        () -> {
          synchronized (this.roots) {
            this.roots.put(name, registered);
            generation++;
          }
        });
    return registered;
  }

  /**
   * Unregisters the root set registered under {@code name}: the next sweep deletes the chunks
   * that only it reached. Returns whether one was registered.
   */
  public boolean unregister(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (roots) {
      return roots.remove(name) != null;
    }
  }

  /** The names of the registered root sets, in registration order. */
  public List<String> registered() {
    synchronized (roots) {
      return List.copyOf(roots.keySet());
    }
  }

  /**
   * Deletes every chunk of the chunk store that no registered root set reaches, that no writer
   * in flight protects, and that no retained file uses. Safe to run while the store is written;
   * one sweep runs at a time (a second call waits).
   *
   * @throws IOException if the chunk store or a root set cannot be read, or chunks cannot be
   *     deleted; nothing is deleted when the marking fails
   */
  public SweepResult sweep() throws IOException {
    sweepLock.lock();
    try {
      tracker.beginSweep();
      try {
        while (true) {
          SweepResult result = sweepOnce();
          if (result != null) {
            return result;
          }
        }
      } finally {
        tracker.endSweep();
      }
    } finally {
      sweepLock.unlock();
    }
  }

  /**
   * Returns a new, empty pending set, protected from sweeps until {@link #retire}: record into it
   * (through {@link #trackingStore}) the chunks of a write whose root is not committed yet.
   */
  public Set<Hash> newLiveSet() {
    return tracker.newLiveSet();
  }

  /**
   * Stops protecting the chunks of {@code pending}: its writer committed the root that refers to
   * them, or gave up. A sweep running now still keeps them.
   */
  public void retire(Set<Hash> pending) {
    tracker.retire(Objects.requireNonNull(pending, "pending"));
  }

  /**
   * Returns a view of the chunk store that records every chunk written through it into {@code
   * pending} (a set from {@link #newLiveSet}) before writing it. The view does not delete; don't
   * close it.
   */
  public ChunkStore trackingStore(Set<Hash> pending) {
    return tracker.store(chunks, Objects.requireNonNull(pending, "pending"));
  }

  /**
   * Runs {@code write}, which writes {@code hashes} and commits a root referring to them,
   * with those chunks protected from sweeps for its duration, and returns its outcome.
   *
   * @throws IOException if {@code write} throws it
   */
  public <T> T protect(Collection<Hash> hashes, Write<T> write) throws IOException {
    Objects.requireNonNull(hashes, "hashes");
    Objects.requireNonNull(write, "write");
    return tracker.protect(hashes, write);
  }

  /**
   * Keeps the chunks of {@code files} for {@code period}: they belong to roots just replaced
   * (a pack list rewritten by gc, say), and readers in this process may still be working from
   * the old root. Readers in other processes cannot exist: the data directory is locked. A zero
   * period keeps nothing.
   */
  public void retain(List<ChunkedFile> files, Duration period) {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(period, "period");
    tracker.retain(files, period);
  }

  @Override
  public String toString() {
    return "chunk collector of " + chunks;
  }

  /** The tracker, for tests in this package. */
  ChunkTracker tracker() {
    return tracker;
  }

  /** One mark and delete pass; null if a root set was registered meanwhile. */
  private @Nullable SweepResult sweepOnce() throws IOException {
    long markedGeneration;
    List<Roots> sets = new ArrayList<>();
    synchronized (roots) {
      markedGeneration = generation;
      for (Registered registered : roots.values()) {
        sets.add(registered.roots());
      }
    }
    Set<Hash> marked = new HashSet<>();
    for (Roots set : sets) {
      set.forEach(marked::add);
    }
    tracker.forEachRetained(chunks, marked::add);
    Set<Hash> candidates = new HashSet<>();
    chunks.forEachHash(
        hash -> {
          if (!marked.contains(hash)) {
            candidates.add(hash);
          }
        });
    return tracker.deleteUnused(
        candidates,
        unused -> {
          synchronized (roots) {
            if (generation != markedGeneration) {
              return null;
            }
          }
          long bytes = 0;
          for (Hash hash : unused) {
            bytes += Math.max(0, chunks.sizeOf(hash));
          }
          if (!unused.isEmpty()) {
            chunks.delete(unused);
          }
          return new SweepResult(unused.size(), bytes);
        });
  }

  private final class Registered implements Registration {
    private final String name;
    private final Roots roots;

    Registered(String name, Roots roots) {
      this.name = name;
      this.roots = roots;
    }

    @Override
    public String name() {
      return name;
    }

    Roots roots() {
      return roots;
    }

    @Override
    public void close() {
      synchronized (ChunkCollector.this.roots) {
        ChunkCollector.this.roots.remove(name, this);
      }
    }

    @Override
    public String toString() {
      return "root set '" + name + "'";
    }
  }
}
