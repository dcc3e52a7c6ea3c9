package dev.helios.engine.gc;

import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Knows which chunks are in use although no root set reaches them yet: those of writes in flight
 * (until their writer commits or gives up) and, while a sweep runs, every chunk written since it
 * began; and, for a while, those of files just replaced. Thread-safe; one per chunk store, owned
 * by its {@link ChunkCollector}.
 */
final class ChunkTracker {
  /*
   * Sweep safety. A chunk may be deleted only if, at the moment of deletion, no root set
   * reaches it, no writer in flight has written it, and nobody is about to. Three mechanisms
   * give that:
   *
   * 1. Every tracked write first records the chunk's hash in the pending set of its writer (a
   *    "live" set registered here), then writes: through a tracking store (store(...)) or
   *    Storage.commit (protect(...)). Chunks that already exist are recorded too: the writer
   *    relies on them although it stored nothing.
   * 2. A sweep first marks itself active, and only then walks the roots. From then on every
   *    recorded hash also goes to its `sweepWritten` set, and a live set retired (its writer
   *    committed or gave up) is copied into it: a root committed after the sweep walked the
   *    roots is thus still protected.
   * 3. The delete step holds the write side of `gate`, and every recording-plus-write holds its
   *    read side. So a write either completes its recording before the final filter (and is
   *    kept), or starts after the delete (and stores its chunk again, since writes check
   *    presence).
   *
   * Readers are the other risk: a reader that loaded a root (a pack list) before it was replaced
   * keeps reading the files it named. So the files of replaced roots are retained
   * (retain(...)) for a period and marked by every sweep in it. In memory is enough: only this
   * process can have such readers, and after a restart there are none.
   */

  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  // By identity: the sets grow, so their hash codes change. Guarded by itself.
  private final Set<Set<Hash>> live = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Object sweepLock = new Object();

  // Guarded by sweepLock for transitions; read without it under the gate.
  private volatile @Nullable Set<Hash> sweepWritten;

  // Files retained until a deadline. Guarded by itself.
  private final List<Retained> retained = new ArrayList<>();

  /** Keeps the chunks of {@code files} for {@code period}; see {@link ChunkCollector#retain}. */
  void retain(List<ChunkedFile> files, Duration period) {
    if (files.isEmpty() || period.isZero() || period.isNegative()) {
      return;
    }
    long now = System.nanoTime();
    synchronized (retained) {
      retained.removeIf(r -> now - r.until() > 0);
      retained.add(new Retained(List.copyOf(files), now + period.toNanos()));
    }
  }

  /** Calls {@code action} with every chunk of every retained file still in its period. */
  void forEachRetained(ChunkStore chunks, Consumer<Hash> action) throws IOException {
    List<ChunkedFile> files = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (retained) {
      retained.removeIf(r -> now - r.until() > 0);
      for (Retained r : retained) {
        files.addAll(r.files());
      }
    }
    for (ChunkedFile file : files) {
      try {
        ChunkedFileReader.open(chunks, file).forEachReferencedChunk(action);
      } catch (MissingChunkException e) {
        // Already swept (retained after a sweep had deleted it): nothing left to keep.
      }
    }
  }

  private record Retained(List<ChunkedFile> files, long until) {}

  /** Returns a new, empty pending set, registered as live until {@link #retire}. */
  Set<Hash> newLiveSet() {
    Set<Hash> set = ConcurrentHashMap.newKeySet();
    synchronized (live) {
      live.add(set);
    }
    return set;
  }

  /** Stops protecting the chunks of {@code set}: its writer committed or gave up. */
  void retire(Set<Hash> set) {
    synchronized (sweepLock) {
      Set<Hash> during = sweepWritten;
      if (during != null) {
        during.addAll(set);
      }
      synchronized (live) {
        live.remove(set);
      }
    }
  }

  /** Returns a store that records into {@code pending} every chunk written through it. */
  ChunkStore store(ChunkStore backing, Set<Hash> pending) {
    return new TrackingStore(backing, pending);
  }

  /**
   * Records {@code hashes} in a new live set and runs {@code write} while no sweep can delete,
   * then retires the set.
   */
  <T> T protect(Collection<Hash> hashes, ChunkCollector.Write<T> write) throws IOException {
    Set<Hash> pending = newLiveSet();
    try {
      gate.readLock().lock();
      try {
        for (Hash hash : hashes) {
          record(hash, pending);
        }
        return write.run();
      } finally {
        gate.readLock().unlock();
      }
    } finally {
      retire(pending);
    }
  }

  /** Holds back the delete step of sweeps while {@code action} runs. */
  void holdingSweeps(Runnable action) {
    gate.readLock().lock();
    try {
      action.run();
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Begins a sweep: from now on chunks written are remembered. Pair with {@link #endSweep}. */
  void beginSweep() {
    synchronized (sweepLock) {
      if (sweepWritten != null) {
        throw new IllegalStateException("a sweep is already running");
      }
      sweepWritten = ConcurrentHashMap.newKeySet();
    }
  }

  /**
   * Removes from {@code candidates} every chunk written since {@link #beginSweep} or pending in a
   * live set, then calls {@code delete} with the rest while no write can start. Returns what
   * {@code delete} returned.
   */
  <T> T deleteUnused(Set<Hash> candidates, DeleteAction<T> delete) throws IOException {
    gate.writeLock().lock();
    try {
      Set<Hash> during = sweepWritten;
      if (during != null) {
        candidates.removeAll(during);
      }
      synchronized (live) {
        for (Set<Hash> set : live) {
          candidates.removeAll(set);
        }
      }
      return delete.delete(candidates);
    } finally {
      gate.writeLock().unlock();
    }
  }

  /** Ends the sweep begun by {@link #beginSweep}. */
  void endSweep() {
    synchronized (sweepLock) {
      sweepWritten = null;
    }
  }

  /** The step of a sweep that deletes chunks, run while writes are held back. */
  interface DeleteAction<T> {
    T delete(Set<Hash> unused) throws IOException;
  }

  /** Returns a copy of every hash now pending in a live set; for tests. */
  Set<Hash> livePending() {
    Set<Hash> all = new HashSet<>();
    synchronized (live) {
      for (Set<Hash> set : live) {
        all.addAll(set);
      }
    }
    return all;
  }

  private void record(Hash hash, Set<Hash> pending) {
    pending.add(hash);
    Set<Hash> during = sweepWritten;
    if (during != null) {
      during.add(hash);
    }
  }

  private final class TrackingStore implements ChunkStore {
    private final ChunkStore backing;
    private final Set<Hash> pending;

    TrackingStore(ChunkStore backing, Set<Hash> pending) {
      this.backing = backing;
      this.pending = pending;
    }

    @Override
    public Hash put(byte[] data) throws IOException {
      gate.readLock().lock();
      try {
        record(Blake3.hash(data), pending);
        return backing.put(data);
      } finally {
        gate.readLock().unlock();
      }
    }

    @Override
    public void write(ChunkBatch batch) throws IOException {
      gate.readLock().lock();
      try {
        for (Hash hash : batch.hashes()) {
          record(hash, pending);
        }
        backing.write(batch);
      } finally {
        gate.readLock().unlock();
      }
    }

    @Override
    public Optional<byte[]> get(Hash hash) throws IOException {
      return backing.get(hash);
    }

    @Override
    public boolean contains(Hash hash) throws IOException {
      return backing.contains(hash);
    }

    @Override
    public long sizeOf(Hash hash) throws IOException {
      return backing.sizeOf(hash);
    }

    @Override
    public void forEachHash(Consumer<Hash> action) throws IOException {
      backing.forEachHash(action);
    }

    @Override
    public void delete(Collection<Hash> hashes) {
      throw new UnsupportedOperationException("tracked writers never delete chunks");
    }

    @Override
    public Stats stats() {
      return backing.stats();
    }

    @Override
    public void close() {
      // The backing store belongs to the storage; this view holds nothing of its own.
    }

    @Override
    public String toString() {
      return backing.toString();
    }
  }
}
