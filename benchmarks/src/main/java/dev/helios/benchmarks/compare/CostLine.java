package dev.helios.benchmarks.compare;

/** One line of the yearly cost table. */
public record CostLine(String name) {}
