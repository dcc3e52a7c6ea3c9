package dev.helios.engine.cas.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets operations run concurrently until the owner closes, then makes closing wait for the ones
 * in flight, so native handles are never freed under a running call. Thread-safe.
 */
final class CloseGuard {
  /*
   * A Dekker-style handshake: an operation increments `active` and then reads `closed`; close()
   * writes `closed` and then reads `active`. Both are sequentially consistent (volatile and
   * CAS), so either the operation sees `closed` and backs out, or close() sees the operation
   * and waits for it. A LongAdder keeps the hot path free of a single contended counter.
   *
   * An operation must not close its own store from inside itself (for example from a
   * forEachHash callback): close() would wait for the operation forever.
   */

  private final LongAdder active = new LongAdder();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;
  private final String owner;

  CloseGuard(String owner) {
    this.owner = owner;
  }

  /**
   * Enters an operation; pair with {@link #exit()} in a finally block.
   *
   * @throws IllegalStateException if the owner is closed
   */
  void enter() {
    active.increment();
    if (closed) {
      active.decrement();
      throw new IllegalStateException(owner + " is closed");
    }
  }

  /** Leaves an operation entered with {@link #enter()}. */
  void exit() {
    active.decrement();
  }

  /**
   * Marks the owner closed and waits until no operation is in flight. Returns true for the one
   * call that closed it, false for later calls (which return at once).
   */
  boolean close() {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    closed = true;
    while (active.sum() != 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
    }
    return true;
  }

  boolean isClosed() {
    return closed;
  }
}
