package dev.helios.engine.hash.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hashes one large input on several threads: the calling thread and tasks it hands to an
 * {@link Executor}. Thread-safe; each call is independent.
 *
 * <p>Internal: the public entry point is {@link dev.helios.engine.hash.Blake3}.
 */
public final class ParallelHasher {
  /*
   * The input splits into equal segments of a power-of-two number of chunks, each a complete
   * subtree whose chaining value does not depend on the others (BLAKE3 paper, section 5.1.3).
   * The segments are claimed from an atomic counter by the caller and by up to
   * availableProcessors() - 1 helper tasks submitted to the executor, each with its own
   * SubtreeHasher; their chaining values are then pushed, in order, onto one Blake3State,
   * which absorbs the tail (1 byte to one segment) and produces the root.
   *
   * The caller never waits for a task to start, only for segments that a running task has
   * claimed: an executor that is busy, saturated, or the very pool the caller runs on, cannot
   * deadlock the call, it only leaves more work to the caller. A task that the executor
   * rejects is simply not needed.
   *
   * Segments hold at least 64 chunks, so that a task is worth handing over, and aim at four
   * per thread, so that uneven threads even out.
   */

  /** Inputs shorter than this are hashed on the calling thread alone. */
  public static final int MIN_PARALLEL_LEN = 256 * Compressor.CHUNK_LEN;

  private static final int MIN_SEGMENT_CHUNKS = 64;

  private ParallelHasher() {}

  /**
   * Writes {@code outLen} bytes of the output of {@code in[off .. off + len)} in the mode of
   * {@code key} and {@code flags} to {@code out[outOff ..)}.
   */
  public static void hash(
      int[] key,
      int flags,
      byte[] in,
      int off,
      int len,
      Executor executor,
      byte[] out,
      int outOff,
      int outLen) {
    Blake3State state = new Blake3State(key, flags);
    int threads = Runtime.getRuntime().availableProcessors();
    if (len < MIN_PARALLEL_LEN || threads < 2) {
      state.updateFinal(in, off, len);
      state.finish(out, outOff, outLen);
      return;
    }
    int totalChunks = len / Compressor.CHUNK_LEN;
    int segmentChunks =
        Math.min(
            SubtreeHasher.MAX_CHUNKS,
            Math.max(MIN_SEGMENT_CHUNKS, Integer.highestOneBit(totalChunks / (4 * threads))));
    int segmentLen = segmentChunks * Compressor.CHUNK_LEN;
    int segments = (len - 1) / segmentLen;
    Segments work = new Segments(key, flags, in, off, segmentChunks, segments);
    int helpers = Math.min(threads - 1, segments - 1);
    for (int i = 0; i < helpers; i++) {
      try {
        executor.execute(work::run);
      } catch (RejectedExecutionException e) {
        break; // the caller does the segments that nobody else claims
      }
    }
    work.run();
    work.await();
    for (int i = 0; i < segments; i++) {
      state.pushSubtree(work.cvs, i * Compressor.CV_LEN, segmentChunks);
    }
    int done = segments * segmentLen;
    state.updateFinal(in, off + done, len - done);
    state.finish(out, outOff, outLen);
  }

  /** The shared work of one call: which segment is next, and the results. Thread-safe. */
  private static final class Segments {
    private final int[] key;
    private final int flags;
    private final byte[] in;
    private final int off;
    private final int segmentChunks;
    private final int segments;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    // Each segment's slot is written by one thread before its count-down and read after await.
    final byte[] cvs;

    Segments(int[] key, int flags, byte[] in, int off, int segmentChunks, int segments) {
      this.key = key;
      this.flags = flags;
      this.in = in;
      this.off = off;
      this.segmentChunks = segmentChunks;
      this.segments = segments;
      this.finished = new CountDownLatch(segments);
      this.cvs = new byte[segments * Compressor.CV_LEN];
    }

    /** Hashes segments until none is left unclaimed. */
    void run() {
      SubtreeHasher hasher = null;
      for (int i = next.getAndIncrement(); i < segments; i = next.getAndIncrement()) {
        try {
          if (hasher == null) {
            hasher = new SubtreeHasher(LaneCompressors.create(), key, flags);
          }
          long first = (long) i * segmentChunks;
          hasher.subtreeCv(
              in, off + i * segmentChunks * Compressor.CHUNK_LEN, segmentChunks, first, cvs,
              i * Compressor.CV_LEN);
        } catch (Throwable t) {
          // Executor task boundary: hand the failure to the caller instead of losing it.
          failure.compareAndSet(null, t);
        } finally {
          finished.countDown();
        }
      }
    }

    /** Waits for every claimed segment; rethrows a failure of any of them. */
    void await() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          // The wait is short and bounded (running threads finish their segments), and the
          // caller asked for a hash: finish, then restore the interrupt.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      } else if (t instanceof Error e) {
        throw e;
      } else if (t != null) {
        throw new IllegalStateException("hashing a segment failed", t);
      }
    }
  }
}
