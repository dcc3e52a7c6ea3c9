package dev.helios.benchmarks.compare;

import java.io.IOException;

/** The {@code clone} workload. */
final class CloneWorkload implements Workload {
  @Override
  public String name() {
    return "clone";
  }

  @Override
  public String title() {
    return "Clones by several clients";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the clone workload is not built yet");
  }
}
