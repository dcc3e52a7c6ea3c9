package dev.helios.benchmarks.compare;

import java.io.IOException;

/** The {@code ci-checkout} workload. */
final class CiCheckoutWorkload implements Workload {
  @Override
  public String name() {
    return "ci-checkout";
  }

  @Override
  public String title() {
    return "CI jobs checking out successive revisions";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the ci-checkout workload is not built yet");
  }
}
