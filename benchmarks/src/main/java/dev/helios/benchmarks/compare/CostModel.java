package dev.helios.benchmarks.compare;

import java.util.List;

/** Turns measured per-operation figures into yearly cost lines for a fleet. Stateless. */
public final class CostModel {
  private CostModel() {}

  /** The cost lines for what {@code workloads} measured. */
  public static List<CostLine> compute(List<WorkloadResult> workloads, Pricing pricing, Fleet fleet) {
    throw new UnsupportedOperationException("the cost model is not built yet");
  }
}
