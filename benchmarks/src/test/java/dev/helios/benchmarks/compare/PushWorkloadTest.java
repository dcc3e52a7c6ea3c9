package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push workload end to end at small scale: stock git pushes to git daemon and to a Helios
 * server in a child JVM, both measured, and both servers end at the client's commit (the workload
 * checks that itself and fails otherwise).
 */
@Tag("integration")
class PushWorkloadTest {
  @TempDir Path dir;

  @Test
  void run_small_bothServersMeasuredAndStoreThePushes() throws Exception {
    WorkloadResult result = SmallRun.of(new PushWorkload(), dir);

    assertThat(result.operations()).isEqualTo(5);
    assertThat(result.sides()).extracting(Side::key).containsExactly("git", "helios");
    for (Side side : result.sides()) {
      assertThat(side.figure("wchar").median()).as(side.key()).isPositive();
      assertThat(side.figure("disk_apparent_bytes").median()).as(side.key()).isPositive();
      assertThat(side.figure("disk_allocated_stopped_bytes").median()).as(side.key()).isPositive();
    }
    // git keeps a push of fewer than 100 objects as loose objects: 15 commits make files.
    assertThat(result.side("git").figure("files_created").median()).isGreaterThan(15);
    // Helios's running store grows by what it wrote, not by its write-ahead log's reserve.
    assertThat(result.side("helios").figure("disk_growth_bytes").median()).isPositive();
    assertThat(result.side("helios").figure("disk_allocated_bytes").median())
        .isLessThan(result.side("helios").figure("disk_allocated_stopped_bytes").median() * 2);
  }
}
