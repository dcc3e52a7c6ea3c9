package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
    WorkloadContext context =
        new WorkloadContext(
            Scale.SMALL,
            1,
            Files.createDirectories(dir.resolve("work")),
            Tools.detect(dir.resolve("native")),
            SourceRepository.generated(dir.resolve("source"), Scale.SMALL),
            Progress.NONE);

    WorkloadResult result = new CloneWorkload().run(context);

    assertThat(result.operations()).isEqualTo(2);
    assertThat(result.sides()).extracting(Side::key).containsExactly("git", "helios");
    for (Side side : result.sides()) {
      assertThat(side.figure("wall_ms").median()).as(side.key()).isPositive();
      assertThat(side.figure("cpu_ms").median()).as(side.key()).isPositive();
      double pack = side.figure("pack_bytes_per_clone").median();
      assertThat(pack).as(side.key()).isGreaterThan(100_000);
      assertThat(side.figure("wchar").median()).as(side.key()).isGreaterThanOrEqualTo(2 * pack);
    }
  }
}
