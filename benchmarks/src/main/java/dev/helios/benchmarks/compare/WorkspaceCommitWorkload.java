package dev.helios.benchmarks.compare;

import java.io.IOException;

/** The {@code workspace-commit} workload. */
final class WorkspaceCommitWorkload implements Workload {
  @Override
  public String name() {
    return "workspace-commit";
  }

  @Override
  public String title() {
    return "Agent loop in a large working tree";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the workspace-commit workload is not built yet");
  }
}
