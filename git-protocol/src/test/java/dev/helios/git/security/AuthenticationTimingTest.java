package dev.helios.git.security;

import static dev.helios.git.security.SecurityStoreTest.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.audit.AuditLog;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class AuthenticationTimingTest {
  /*
   * Not a precise side-channel test: it guards against the gross leak (an unknown user answered
   * without any key derivation, hundreds of times faster). The three kinds of attempt are
   * interleaved after a warm-up, so JIT compilation and machine load hit them alike, and medians
   * with a generous ratio keep the test stable on a busy machine.
   */
  private static final int ITERATIONS = 3_000;
  private static final int WARM_UP = 10;
  private static final int RUNS = 9;

  @Test
  void authenticate_unknownUser_costsAboutAsMuchAsAWrongPassword() throws IOException {
    try (KeyValueStore meta = KeyValueStores.inMemory()) {
      MutableClock clock = new MutableClock(SecurityStoreTest.T0);
      SecurityStore security =
          new SecurityStore(meta, new AuditLog(meta, clock), clock, ITERATIONS);
      security.addUser("root", "alice", pw("alice-password"), false);
      List<Attempt> attempts =
          List.of(
              () -> security.authenticate("alice", "wrong-password"),
              () -> security.authenticate("mallory", "wrong-password"),
              () -> security.authenticate("Not Valid", "wrong-password"));
      long[][] nanos = new long[attempts.size()][RUNS];

      for (int run = -WARM_UP; run < RUNS; run++) {
        for (int a = 0; a < attempts.size(); a++) {
          long start = System.nanoTime();
          attempts.get(a).run();
          if (run >= 0) {
            nanos[a][run] = System.nanoTime() - start;
          }
        }
      }

      long wrongPassword = median(nanos[0]);
      assertThat(median(nanos[1])).as("unknown user").isGreaterThan(wrongPassword / 3);
      assertThat(median(nanos[2])).as("invalid user name").isGreaterThan(wrongPassword / 3);
    }
  }

  private interface Attempt {
    void run() throws IOException;
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
