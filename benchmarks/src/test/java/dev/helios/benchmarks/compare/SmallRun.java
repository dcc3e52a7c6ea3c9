package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One repetition of a workload at small scale in a temporary directory, for the workload tests. */
final class SmallRun {
  private SmallRun() {}

  /**
   * Runs {@code workload} once at {@link Scale#SMALL} under {@code dir} (a generated source, a
   * work directory, the native library) and checks what every measured side must have: positive
   * wall and CPU time.
   */
  static WorkloadResult of(Workload workload, Path dir) throws IOException, InterruptedException {
    WorkloadContext context =
        new WorkloadContext(
            Scale.SMALL,
            1,
            Files.createDirectories(dir.resolve("work")),
            Tools.detect(dir.resolve("native")),
            SourceRepository.generated(dir.resolve("source"), Scale.SMALL),
            Progress.NONE);
    WorkloadResult result = workload.run(context);
    for (Side side : result.sides()) {
      assertThat(side.figure("wall_ms").median()).as(side.key()).isPositive();
      assertThat(side.figure("cpu_ms").median()).as(side.key()).isPositive();
    }
    return result;
  }
}
