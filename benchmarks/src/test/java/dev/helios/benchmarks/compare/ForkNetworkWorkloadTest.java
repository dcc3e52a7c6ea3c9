package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork-network workload end to end at small scale: an upstream and three forks as git mirrors
 * and migrated by Helios in a child JVM; the forks share the upstream's packs in Helios, so it
 * stores less than the four mirrors.
 */
@Tag("integration")
class ForkNetworkWorkloadTest {
  @TempDir Path dir;

  @Test
  void run_small_heliosStoresLessThanTheMirrors() throws Exception {
    WorkloadResult result = SmallRun.of(new ForkNetworkWorkload(), dir);

    assertThat(result.operations()).isEqualTo(4);
    assertThat(result.sides()).extracting(Side::key).containsExactly("git", "helios");
    for (Side side : result.sides()) {
      assertThat(side.figure("write_bytes").median()).as(side.key()).isPositive();
      assertThat(side.figure("files_created").median()).as(side.key()).isPositive();
    }
    double git = result.side("git").figure("disk_allocated_bytes").median();
    double helios = result.side("helios").figure("disk_allocated_bytes").median();
    // Four full mirrors against one copy shared by four repositories: well under half.
    assertThat(helios).isLessThan(git / 2);
  }
}
