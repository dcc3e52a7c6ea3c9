package dev.helios.engine.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Puts and deletes applied together by {@link KeyValueStore#write} or, guarded by expectations,
 * by {@link KeyValueStore#commit}. Not thread-safe: fill a batch on one thread. Arrays are not
 * copied: don't modify them after adding.
 */
public final class KvBatch {
  private final List<Op> ops = new ArrayList<>();
  private final List<Expectation> expectations = new ArrayList<>();

  /** Adds a put; returns this. */
  public KvBatch put(byte[] key, byte[] value) {
    ops.add(new Op(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
    return this;
  }

  /** Adds a delete (a no-op when absent); returns this. */
  public KvBatch delete(byte[] key) {
    ops.add(new Op(Objects.requireNonNull(key, "key"), null));
    return this;
  }

  /**
   * Adds a condition for {@link KeyValueStore#commit}: {@code key} must currently hold {@code
   * value} (null: be absent). Ignored by {@link KeyValueStore#write}. Returns this.
   */
  public KvBatch expect(byte[] key, byte @Nullable [] value) {
    expectations.add(new Expectation(Objects.requireNonNull(key, "key"), value));
    return this;
  }

  /** The puts and deletes in the order added; unmodifiable. */
  public List<Op> ops() {
    return Collections.unmodifiableList(ops);
  }

  /** The conditions in the order added; unmodifiable. */
  public List<Expectation> expectations() {
    return Collections.unmodifiableList(expectations);
  }

  /** Whether the batch has no puts and no deletes. */
  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** A put ({@code value} non-null) or a delete ({@code value} null). */
  public record Op(byte[] key, byte @Nullable [] value) {}

  /** A condition: {@code key} holds {@code value}, or is absent when {@code value} is null. */
  public record Expectation(byte[] key, byte @Nullable [] value) {}
}
