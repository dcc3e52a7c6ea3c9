package dev.helios.benchmarks.compare;

import java.util.List;

/**
 * One line of the yearly cost table: what a measured per-operation figure costs a year for the
 * fleet, on the stock git side and on the Helios side, with the formula and every input so a
 * reader can redo it by hand.
 *
 * @param name what is priced
 * @param workload the workload whose figures it uses
 * @param baseline the key of the git side it compares with (the stock one)
 * @param helios the key of the Helios side
 * @param formula the arithmetic, in words, naming the inputs
 * @param inputs every number the formula uses, in the order it uses them
 * @param gitPerYear the git side's yearly cost, in the pricing file's currency
 * @param heliosPerYear the Helios side's yearly cost
 * @param alternative true for a what-if line (object storage instead of block storage) that
 *     the totals leave out
 * @param note what the line assumes or leaves out, in plain words
 */
public record CostLine(
    String name,
    String workload,
    String baseline,
    String helios,
    String formula,
    List<Input> inputs,
    double gitPerYear,
    double heliosPerYear,
    boolean alternative,
    String note) {

  /**
   * One input of a cost line.
   *
   * @param name how the formula calls it
   * @param value the number
   * @param unit its unit
   * @param source where it comes from: a measured figure ({@code workload / side: figure
   *     median}), a price or a fleet parameter
   */
  public record Input(String name, double value, String unit, String source) {}

  public CostLine {
    inputs = List.copyOf(inputs);
  }

  /** What Helios saves a year: git's cost minus Helios's (negative when Helios costs more). */
  public double savingPerYear() {
    return gitPerYear - heliosPerYear;
  }
}
