package dev.helios.benchmarks.compare;

import java.io.IOException;

/** The {@code push} workload. */
final class PushWorkload implements Workload {
  @Override
  public String name() {
    return "push";
  }

  @Override
  public String title() {
    return "Small pushes to a server";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the push workload is not built yet");
  }
}
