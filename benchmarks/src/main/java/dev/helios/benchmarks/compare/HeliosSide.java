package dev.helios.benchmarks.compare;

import java.util.Arrays;
import java.util.List;

/**
 * The Helios side of a workload, run as a child JVM so that it is measured exactly as the git
 * side is: {@code HeliosSide OP ARGS...}. Exits 0 on success; on failure prints one line to
 * stderr and exits 1.
 */
public final class HeliosSide {
  private HeliosSide() {}

  public static void main(String[] argv) {
    if (argv.length == 0) {
      System.err.println("usage: HeliosSide OP ARGS...");
      System.exit(2);
    }
    String op = argv[0];
    List<String> args = Arrays.asList(argv).subList(1, argv.length);
    try {
      switch (op) {
        case "ws-setup", "ws-commit", "ws-import" -> WorkspaceSide.run(op, args);
        case "materialize", "checkout-setup" -> CheckoutSide.run(op, args);
        case "serve" -> ServeSide.run(op, args);
        case "migrate" -> MigrateSide.run(op, args);
        default -> throw new IllegalArgumentException("unknown operation " + op);
      }
    } catch (Exception | Error e) {
      System.err.println("helios side " + op + ": " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
    System.exit(0);
  }
}
