package dev.helios.benchmarks.compare;

import java.util.List;

/** Every workload, in the order the issue and the report give them. */
public final class Workloads {
  /** The names, in run order. */
  public static final List<String> NAMES =
      List.of("workspace-commit", "push", "ci-checkout", "fork-network", "clone");

  private Workloads() {}

  /**
   * The workload named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Workload named(String name) {
    return switch (name) {
      case "workspace-commit" -> new WorkspaceCommitWorkload();
      case "push" -> new PushWorkload();
      case "ci-checkout" -> new CiCheckoutWorkload();
      case "fork-network" -> new ForkNetworkWorkload();
      case "clone" -> new CloneWorkload();
      default -> throw new IllegalArgumentException("unknown workload '" + name + "'");
    };
  }
}
