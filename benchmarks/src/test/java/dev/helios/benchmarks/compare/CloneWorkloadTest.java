package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone workload end to end at small scale: two stock git clients clone from git daemon and
 * from a Helios server at once; each clone has the source's main (the workload checks that), and
 * the servers sent at least the bytes of the packs the clients kept.
 */
@Tag("integration")
class CloneWorkloadTest {
  @TempDir Path dir;

  @Test
  void run_small_bothServersMeasuredAndSendThePacks() throws Exception {
    WorkloadResult result = SmallRun.of(new CloneWorkload(), dir);

    assertThat(result.operations()).isEqualTo(2);
    assertThat(result.sides()).extracting(Side::key).containsExactly("git", "helios");
    for (Side side : result.sides()) {
      double pack = side.figure("pack_bytes_per_clone").median();
      assertThat(pack).as(side.key()).isGreaterThan(100_000);
      assertThat(side.figure("wchar").median()).as(side.key()).isGreaterThanOrEqualTo(2 * pack);
    }
  }
}
