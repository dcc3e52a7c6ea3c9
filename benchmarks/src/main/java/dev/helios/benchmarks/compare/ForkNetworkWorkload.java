package dev.helios.benchmarks.compare;

import java.io.IOException;

/** The {@code fork-network} workload. */
final class ForkNetworkWorkload implements Workload {
  @Override
  public String name() {
    return "fork-network";
  }

  @Override
  public String title() {
    return "Migrating a network of forks";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the fork-network workload is not built yet");
  }
}
