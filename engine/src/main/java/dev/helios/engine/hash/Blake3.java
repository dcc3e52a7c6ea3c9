package dev.helios.engine.hash;

import dev.helios.engine.hash.internal.Blake3State;
import dev.helios.engine.hash.internal.Compressor;
import dev.helios.engine.hash.internal.LaneCompressors;
import dev.helios.engine.hash.internal.ParallelHasher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * BLAKE3 hashing: one-shot, incremental, keyed and key-derivation modes, with extendable output.
 * Thread-safe: the static methods share no state; each {@link Hasher} is confined to one thread.
 */
public final class Blake3 {
  /*
   * The implementation is in dev.helios.engine.hash.internal: Compressor (the scalar
   * compression function), Blake3State (the incremental tree), SubtreeHasher and the
   * LaneCompressor kinds (many chunks at once), ParallelHasher (subtrees on an Executor).
   *
   * Speed on JDK 17, one thread of a Zen 4 core (Blake3Benchmark): the scalar function alone
   * runs at about 0.45 to 0.5 GB/s at any size. Runs of whole chunks go to a lane kernel: with
   * the Vector API 1.0 GB/s at 4 KiB and 1.8 to 1.9 GB/s from 64 KiB on; with the loops that
   * C2 auto-vectorizes (any JVM) 0.85 GB/s at 64 KiB and 1.8 GB/s at 1 MiB, scalar below 32
   * chunks. Both kernels need C2, and a fresh JVM hashes at scalar speed until they are
   * compiled, a second or two (WarmingLaneCompressor).
   */

  private static final int[] IV = Compressor.iv();

  private Blake3() {}

  /** Returns the 32-byte BLAKE3 hash of {@code data}. */
  public static Hash hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /**
   * Returns the 32-byte BLAKE3 hash of {@code data[offset .. offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code data}
   */
  public static Hash hash(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    byte[] out = new byte[Hash.LENGTH];
    if (length <= Compressor.CHUNK_LEN) {
      Blake3State.hashChunk(IV, 0, data, offset, length, out, 0);
    } else {
      Blake3State state = new Blake3State(IV, 0);
      state.updateFinal(data, offset, length);
      state.finish(out, 0, Hash.LENGTH);
    }
    return Hash.wrap(out);
  }

  /**
   * Returns the 32-byte BLAKE3 hash of {@code data[offset .. offset + length)}, computed by the
   * calling thread together with up to {@code availableProcessors() - 1} tasks submitted to
   * {@code executor}. The result equals {@link #hash(byte[], int, int)}.
   *
   * <p>Worth it from a few hundred KiB on; shorter inputs are hashed on the calling thread
   * alone. The call never waits for a task to start, so a busy executor (even the one the
   * caller runs on) only makes it slower, never stuck; tasks the executor rejects are skipped.
   * The caller must not modify {@code data} until the call returns.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code data}
   */
  public static Hash hashParallel(byte[] data, int offset, int length, Executor executor) {
    Objects.checkFromIndexSize(offset, length, data.length);
    Objects.requireNonNull(executor, "executor");
    if (length < ParallelHasher.MIN_PARALLEL_LEN) {
      return hash(data, offset, length);
    }
    byte[] out = new byte[Hash.LENGTH];
    ParallelHasher.hash(IV, 0, data, offset, length, executor, out, 0, Hash.LENGTH);
    return Hash.wrap(out);
  }

  /**
   * Describes the implementation in use, for logs and benchmark reports, e.g. {@code "vector, 8
   * lanes, compiled"}: which kernel hashes runs of whole chunks (Vector API lanes if the JVM was
   * started with {@code --add-modules jdk.incubator.vector}, else loops that C2
   * auto-vectorizes) and whether C2 has compiled it yet (until then hashing stays on the scalar
   * path). The text is meant for people; its format may change.
   */
  public static String implementation() {
    return LaneCompressors.describe();
  }

  /** Returns a new incremental hasher in the default (unkeyed) mode. */
  public static Hasher newHasher() {
    return new StateHasher(new Blake3State(IV, 0));
  }

  /**
   * Returns a new incremental hasher in keyed mode (a MAC or keyed PRF).
   *
   * @param key 32 bytes; copied
   * @throws IllegalArgumentException if {@code key.length != 32}
   */
  public static Hasher newKeyedHasher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a BLAKE3 key is 32 bytes, got " + key.length);
    }
    return new StateHasher(new Blake3State(keyWords(key, 0), Compressor.KEYED_HASH));
  }

  /**
   * Returns a new incremental hasher in key-derivation mode: absorb the key material, then read
   * the derived key from {@link Hasher#finishXof} (any length) or {@link Hasher#finish}.
   *
   * @param context a hard-coded, globally unique, application-specific string, encoded as UTF-8
   */
  public static Hasher newDeriveKeyHasher(String context) {
    byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
    Blake3State contextState = new Blake3State(Compressor.iv(), Compressor.DERIVE_KEY_CONTEXT);
    contextState.update(contextBytes, 0, contextBytes.length);
    byte[] contextKey = new byte[32];
    contextState.finish(contextKey, 0, 32);
    return new StateHasher(
        new Blake3State(keyWords(contextKey, 0), Compressor.DERIVE_KEY_MATERIAL));
  }

  private static int[] keyWords(byte[] key, int offset) {
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = Compressor.readInt(key, offset + 4 * i);
    }
    return words;
  }

  /** An incremental BLAKE3 state. Not thread-safe: confine an instance to one thread. */
  public interface Hasher {
    /**
     * Absorbs {@code data[offset .. offset + length)}; returns this.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code data}
     */
    Hasher update(byte[] data, int offset, int length);

    /** Absorbs all of {@code data}; returns this. */
    default Hasher update(byte[] data) {
      return update(data, 0, data.length);
    }

    /**
     * Absorbs the bytes between the position and the limit of {@code data} and advances the
     * position to the limit; returns this. Heap buffers are read in place, others through a
     * small copy.
     */
    default Hasher update(ByteBuffer data) {
      if (data.hasArray()) {
        int at = data.arrayOffset() + data.position();
        update(data.array(), at, data.remaining());
        data.position(data.limit());
        return this;
      }
      byte[] buffer = new byte[Math.min(data.remaining(), 16 * 1024)];
      while (data.hasRemaining()) {
        int n = Math.min(buffer.length, data.remaining());
        data.get(buffer, 0, n);
        update(buffer, 0, n);
      }
      return this;
    }

    /** Returns the 32-byte digest of everything absorbed; the hasher may still be updated. */
    Hash finish();

    /**
     * Writes the first {@code length} bytes of the extended output (of which {@link #finish()}
     * is the 32-byte prefix) into {@code out} at {@code offset}; the hasher may still be
     * updated.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code out}
     */
    void finishXof(byte[] out, int offset, int length);

    /** Resets to the state right after construction (same mode and key). */
    void reset();
  }

  /** The {@link Hasher} over the internal state. Confined to one thread. */
  private static final class StateHasher implements Hasher {
    private final Blake3State state;

    StateHasher(Blake3State state) {
      this.state = state;
    }

    @Override
    public Hasher update(byte[] data, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, data.length);
      state.update(data, offset, length);
      return this;
    }

    @Override
    public Hash finish() {
      byte[] out = new byte[Hash.LENGTH];
      state.finish(out, 0, Hash.LENGTH);
      return Hash.wrap(out);
    }

    @Override
    public void finishXof(byte[] out, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, out.length);
      state.finish(out, offset, length);
    }

    @Override
    public void reset() {
      state.reset();
    }
  }
}
