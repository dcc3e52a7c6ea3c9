package dev.helios.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.hash.internal.ParallelHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Blake3#hashParallel} equals the single-threaded hash, whatever the executor does. */
class Blake3ParallelTest {
  private static final long SEED = 0xB1A3_0002L;
  private static final int MAX_LEN = 1024 * 1024 + 17;
  private static final int MID_LEN = ParallelHasher.MIN_PARALLEL_LEN + 4321;
  private static byte[] input;
  private static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    input = Blake3PropertyTest.random(MAX_LEN, SEED);
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0, 1, 1024, ParallelHasher.MIN_PARALLEL_LEN - 1, ParallelHasher.MIN_PARALLEL_LEN,
        ParallelHasher.MIN_PARALLEL_LEN + 1, 1024 * 1024 - 1, 1024 * 1024, MAX_LEN
      })
  void hashParallel_threadPool_equalsHash(int length) {
    Hash parallel = Blake3.hashParallel(input, 0, length, pool);

    assertThat(parallel).isEqualTo(Blake3.hash(input, 0, length));
  }

  @Test
  void hashParallel_executorThatNeverRunsTasks_finishesOnTheCaller() {
    List<Runnable> parked = new ArrayList<>();

    Hash parallel = Blake3.hashParallel(input, 3, MID_LEN, parked::add);

    assertThat(parallel).isEqualTo(Blake3.hash(input, 3, MID_LEN));
  }

  @Test
  void hashParallel_rejectingExecutor_finishesOnTheCaller() {
    Hash parallel =
        Blake3.hashParallel(
            input,
            0,
            MID_LEN,
            task -> {
              throw new RejectedExecutionException("full");
            });

    assertThat(parallel).isEqualTo(Blake3.hash(input, 0, MID_LEN));
  }

  @Test
  void hashParallel_tasksRunLateAfterTheCall_changeNothing() {
    List<Runnable> parked = new ArrayList<>();
    Hash parallel = Blake3.hashParallel(input, 0, MID_LEN, parked::add);

    parked.forEach(Runnable::run);

    assertThat(parked).isNotEmpty();
    assertThat(parallel).isEqualTo(Blake3.hash(input, 0, MID_LEN));
  }

  @Test
  void hashParallel_directExecutor_equalsHash() {
    Hash parallel = Blake3.hashParallel(input, 0, MID_LEN, Runnable::run);

    assertThat(parallel).isEqualTo(Blake3.hash(input, 0, MID_LEN));
  }
}
