package dev.helios.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns measured per-operation figures into yearly cost lines for a fleet. Stateless.
 *
 * <p>Each line takes one figure's median from the stock git side and from the Helios side of one
 * workload, divides it by the operations of one repetition, and multiplies it by a fleet rate and
 * a price. A workload that was not run, or lacks the side or figure, gives no line (not a zero).
 */
public final class CostModel {
  /*
   * The lines, and why they are priced the way they are:
   *
   * - Repository storage: fork-network stores one network of N repositories (its operations).
   *   git's bare mirrors are independent, so its bytes scale with the count; Helios's network
   *   shares packs, so its bytes are scaled up in proportion for a larger fleet network and
   *   never scaled down for a smaller one (a subset of a network cannot need more), an upper
   *   bound for Helios.
   * - Write throughput and write operations: the average rate the fleet's operations need, at
   *   the marginal price of provisioned gp3 throughput and IOPS. What a volume includes is
   *   ignored, and so are peaks (a peak factor multiplies both sides alike). Write system calls
   *   stand in for I/O operations; the device may merge or split them.
   * - Storage growth from agent commits and pushes: bytes added per operation, added evenly
   *   through the year and kept, so on average stored for 6 of the first year's 12 months. (A
   *   running server's growth counts each file up to its end, so a write-ahead log's
   *   preallocated reserve is neither a cost nor a hidden saving.)
   * - Egress: the pack each client kept (pack_bytes_per_clone), what crossed the network; when
   *   a run lacks it, what the server wrote per clone (wchar), an upper bound (for git the pipe
   *   from pack-objects to upload-pack is counted too).
   * - Object storage (what-if lines, left out of the totals): the stored bytes at the object
   *   storage price, and one PUT request per file created.
   */

  static final double SECONDS_PER_DAY = 86_400;
  static final double DAYS_PER_YEAR = 365;
  static final double MONTHS_PER_YEAR = 12;
  static final double MONTHS_KEPT_FIRST_YEAR = 6;

  private CostModel() {}

  /**
   * The cost lines for what {@code workloads} measured, block storage lines first and the
   * object storage what-if lines last.
   */
  public static List<CostLine> compute(List<WorkloadResult> workloads, Pricing pricing, Fleet fleet) {
    List<CostLine> lines = new ArrayList<>();
    Rates rates = new Rates(pricing, fleet);
    add(lines, storage(find(workloads, "fork-network", "disk_allocated_bytes"), rates, Pricing.BLOCK_STORAGE, false));
    for (String w : List.of("workspace-commit", "push")) {
      add(lines, growth(find(workloads, w, "disk_growth_bytes"), rates));
    }
    for (String w : List.of("workspace-commit", "push", "ci-checkout")) {
      add(lines, throughput(find(workloads, w, "write_bytes"), rates));
      add(lines, iops(find(workloads, w, "syscw"), rates));
    }
    Pair packs = find(workloads, "clone", "pack_bytes_per_clone");
    add(lines, egress(packs != null ? packs : find(workloads, "clone", "wchar"), rates));
    add(lines, storage(find(workloads, "fork-network", "disk_allocated_bytes"), rates, Pricing.OBJECT_STORAGE, true));
    add(lines, puts(find(workloads, "workspace-commit", "files_created"), rates));
    return List.copyOf(lines);
  }

  /**
   * The key of the stock git side the Helios sides of {@code workload} are compared with in the
   * cost lines and the report's "worse" list: {@code git-fetch-checkout} for ci-checkout (the
   * kept clone a CI runner would use), {@code git} for the others.
   */
  public static String baselineKey(String workload) {
    return "ci-checkout".equals(workload) ? "git-fetch-checkout" : "git";
  }

  /**
   * Whether a figure is per operation already ({@code pack_bytes_per_clone}) rather than for a
   * whole repetition: its key says {@code _per_}.
   */
  static boolean isPerOperation(String figure) {
    return figure.contains("_per_");
  }

  /** The median of {@code f} per operation of a repetition of {@code operations}. */
  static double perOperation(Figure f, int operations) {
    return isPerOperation(f.key()) ? f.median() : f.median() / operations;
  }

  private static void add(List<CostLine> lines, CostLine line) {
    if (line != null) {
      lines.add(line);
    }
  }

  private static Pair find(List<WorkloadResult> workloads, String name, String figure) {
    for (WorkloadResult w : workloads) {
      if (w.name().equals(name)) {
        return Pair.of(w, baselineKey(name), "helios", figure);
      }
    }
    return null;
  }

  private static CostLine storage(Pair p, Rates r, String priceKey, boolean alternative) {
    if (p == null) {
      return null;
    }
    double repositories = r.fleet(Fleet.REPOSITORIES);
    double forks = r.fleet(Fleet.FORKS_PER_REPOSITORY);
    double n = 1 + forks;
    double perGbYear = r.price(priceKey) * MONTHS_PER_YEAR / r.pricing.bytesPerGb();
    double git = repositories * n / p.operations * p.git * perGbYear;
    double helios = repositories * Math.max(1, n / p.operations) * p.helios * perGbYear;
    List<CostLine.Input> inputs = new ArrayList<>();
    inputs.add(r.fleetInput(Fleet.REPOSITORIES));
    inputs.add(r.fleetInput(Fleet.FORKS_PER_REPOSITORY));
    inputs.addAll(p.inputs("repositories"));
    inputs.add(r.gbInput());
    inputs.add(r.priceInput(priceKey));
    inputs.add(months());
    String where = alternative ? "on object storage" : "on block storage";
    return new CostLine(
        (alternative ? "What if: repository storage " : "Repository storage ") + where,
        p.workload, p.baseline, p.heliosKey,
        "git: repositories × (1 + forks per repository) ÷ repositories measured × git disk_allocated_bytes"
            + " ÷ bytes per GB × price per GB-month × 12. Helios: repositories × max(1, (1 + forks per"
            + " repository) ÷ repositories measured) × Helios disk_allocated_bytes ÷ bytes per GB"
            + " × price per GB-month × 12",
        inputs, git, helios, alternative,
        "The measured network had " + fmt(p.operations) + " repositories; the fleet's have " + fmt(n)
            + ". git's mirrors are independent, so its bytes scale with the count. Helios's network"
            + " shares packs: its bytes are scaled up in proportion for larger networks and not scaled"
            + " down for smaller ones, an upper bound for Helios.");
  }

  private static CostLine growth(Pair p, Rates r) {
    if (p == null) {
      return null;
    }
    String perDay = perDayKey(p.workload);
    double factor = r.fleet(perDay) * DAYS_PER_YEAR / r.pricing.bytesPerGb() * MONTHS_KEPT_FIRST_YEAR
        * r.price(Pricing.BLOCK_STORAGE);
    List<CostLine.Input> inputs = new ArrayList<>(p.inputs(noun(p.workload)));
    inputs.add(r.fleetInput(perDay));
    inputs.add(new CostLine.Input("days per year", DAYS_PER_YEAR, "days", "constant"));
    inputs.add(r.gbInput());
    inputs.add(new CostLine.Input("months kept in the first year, on average", MONTHS_KEPT_FIRST_YEAR, "months",
        "added evenly through the year and kept: half of 12"));
    inputs.add(r.priceInput(Pricing.BLOCK_STORAGE));
    return new CostLine(
        "Storage growth from " + noun(p.workload) + " (first year)",
        p.workload, p.baseline, p.heliosKey,
        "disk_growth_bytes ÷ " + noun(p.workload) + " measured × " + r.fleetName(perDay)
            + " × 365 ÷ bytes per GB × 6 × price per GB-month",
        inputs, p.perOperation(p.git) * factor, p.perOperation(p.helios) * factor, false,
        "Data added evenly through the year and kept is stored for 6 of its 12 months on average;"
            + " later years pay for all of it. Housekeeping that runs later (git gc packing loose"
            + " objects, compaction) is not measured.");
  }

  private static CostLine throughput(Pair p, Rates r) {
    if (p == null) {
      return null;
    }
    String perDay = perDayKey(p.workload);
    double factor = r.fleet(perDay) / SECONDS_PER_DAY / r.pricing.bytesPerMb()
        * r.price(Pricing.BLOCK_THROUGHPUT) * MONTHS_PER_YEAR;
    List<CostLine.Input> inputs = new ArrayList<>(p.inputs(noun(p.workload)));
    inputs.add(r.fleetInput(perDay));
    inputs.add(seconds());
    inputs.add(new CostLine.Input("bytes per MB", r.pricing.bytesPerMb(), "bytes", "pricing: bytes_per_mb"));
    inputs.add(r.priceInput(Pricing.BLOCK_THROUGHPUT));
    inputs.add(months());
    return new CostLine(
        "Disk write throughput for " + noun(p.workload),
        p.workload, p.baseline, p.heliosKey,
        "write_bytes ÷ " + noun(p.workload) + " measured × " + r.fleetName(perDay)
            + " ÷ 86,400 s ÷ bytes per MB (= average MB/s) × price per MB/s-month × 12",
        inputs, p.perOperation(p.git) * factor, p.perOperation(p.helios) * factor, false,
        "The average rate at the marginal price of provisioned throughput; the throughput a volume"
            + " includes is ignored, and a peak factor would multiply both sides alike.");
  }

  private static CostLine iops(Pair p, Rates r) {
    if (p == null) {
      return null;
    }
    String perDay = perDayKey(p.workload);
    double factor = r.fleet(perDay) / SECONDS_PER_DAY * r.price(Pricing.BLOCK_IOPS) * MONTHS_PER_YEAR;
    List<CostLine.Input> inputs = new ArrayList<>(p.inputs(noun(p.workload)));
    inputs.add(r.fleetInput(perDay));
    inputs.add(seconds());
    inputs.add(r.priceInput(Pricing.BLOCK_IOPS));
    inputs.add(months());
    return new CostLine(
        "Disk write operations for " + noun(p.workload),
        p.workload, p.baseline, p.heliosKey,
        "syscw ÷ " + noun(p.workload) + " measured × " + r.fleetName(perDay)
            + " ÷ 86,400 s (= average IOPS) × price per IOPS-month × 12",
        inputs, p.perOperation(p.git) * factor, p.perOperation(p.helios) * factor, false,
        "Write system calls stand in for I/O operations (the device may merge or split them); the"
            + " average rate at the marginal price of provisioned IOPS, the IOPS a volume includes"
            + " ignored.");
  }

  private static CostLine egress(Pair p, Rates r) {
    if (p == null) {
      return null;
    }
    String perDay = Fleet.CLONES_PER_DAY;
    double factor = r.fleet(perDay) * DAYS_PER_YEAR / r.pricing.bytesPerGb() * r.price(Pricing.EGRESS);
    List<CostLine.Input> inputs = new ArrayList<>(p.inputs("clones"));
    inputs.add(r.fleetInput(perDay));
    inputs.add(new CostLine.Input("days per year", DAYS_PER_YEAR, "days", "constant"));
    inputs.add(r.gbInput());
    inputs.add(r.priceInput(Pricing.EGRESS));
    boolean packs = p.alreadyPerOperation();
    return new CostLine(
        "Egress for clones",
        p.workload, p.baseline, p.heliosKey,
        (packs ? "pack_bytes_per_clone" : "server wchar ÷ clones measured") + " × " + r.fleetName(perDay)
            + " × 365 ÷ bytes per GB × price per GB",
        inputs, p.perOperation(p.git) * factor, p.perOperation(p.helios) * factor, false,
        packs
            ? "The pack each client kept, which is what crossed the network; protocol framing (pkt-line,"
                + " HTTP headers) adds a little on both sides. Both sides send the same objects, so this"
                + " line shows the scale of egress more than a saving."
            : "What the server process tree wrote (to the clients' sockets, and for git also the pipe"
                + " from pack-objects to upload-pack): an upper bound on the bytes sent.");
  }

  private static CostLine puts(Pair p, Rates r) {
    if (p == null) {
      return null;
    }
    String perDay = Fleet.AGENT_COMMITS_PER_DAY;
    double factor = r.fleet(perDay) * DAYS_PER_YEAR / 1000 * r.price(Pricing.OBJECT_PUT);
    List<CostLine.Input> inputs = new ArrayList<>(p.inputs("commits"));
    inputs.add(r.fleetInput(perDay));
    inputs.add(new CostLine.Input("days per year", DAYS_PER_YEAR, "days", "constant"));
    inputs.add(r.priceInput(Pricing.OBJECT_PUT));
    return new CostLine(
        "What if: object storage requests for commits",
        p.workload, p.baseline, p.heliosKey,
        "files_created ÷ commits measured × " + r.fleetName(perDay)
            + " × 365 ÷ 1,000 × price per 1,000 PUT requests",
        inputs, p.perOperation(p.git) * factor, p.perOperation(p.helios) * factor, true,
        "One PUT per file created, as if each new file were an object; neither side writes to object"
            + " storage today.");
  }

  private static String perDayKey(String workload) {
    return switch (workload) {
      case "workspace-commit" -> Fleet.AGENT_COMMITS_PER_DAY;
      case "push" -> Fleet.PUSHES_PER_DAY;
      case "ci-checkout" -> Fleet.CI_JOBS_PER_DAY;
      case "clone" -> Fleet.CLONES_PER_DAY;
      default -> throw new IllegalArgumentException("no daily rate for workload " + workload);
    };
  }

  private static String noun(String workload) {
    return switch (workload) {
      case "workspace-commit" -> "agent commits";
      case "push" -> "pushes";
      case "ci-checkout" -> "CI jobs";
      case "fork-network" -> "repositories";
      case "clone" -> "clones";
      default -> "operations";
    };
  }

  private static CostLine.Input seconds() {
    return new CostLine.Input("seconds per day", SECONDS_PER_DAY, "s", "constant");
  }

  private static CostLine.Input months() {
    return new CostLine.Input("months per year", MONTHS_PER_YEAR, "months", "constant");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** One figure's medians on the stock git side and the Helios side of one workload. */
  private static final class Pair {
    final String workload;
    final String baseline;
    final String heliosKey;
    final String figure;
    final String unit;
    final int operations;
    final double git;
    final double helios;
    final int repeat;

    private Pair(WorkloadResult w, String baseline, String heliosKey, Figure g, Figure h) {
      this.workload = w.name();
      this.baseline = baseline;
      this.heliosKey = heliosKey;
      this.figure = g.key();
      this.unit = g.unit();
      this.operations = w.operations();
      this.git = g.median();
      this.helios = h.median();
      this.repeat = g.values().size();
    }

    static Pair of(WorkloadResult w, String baseline, String helios, String figure) {
      Side g = w.side(baseline);
      Side h = w.side(helios);
      if (g == null || h == null || w.operations() <= 0 || g.figure(figure) == null || h.figure(figure) == null) {
        return null;
      }
      return new Pair(w, baseline, helios, g.figure(figure), h.figure(figure));
    }

    boolean alreadyPerOperation() {
      return isPerOperation(figure);
    }

    double perOperation(double median) {
      return alreadyPerOperation() ? median : median / operations;
    }

    /** Operations measured (unless the figure is per operation already), git's and Helios's medians. */
    List<CostLine.Input> inputs(String noun) {
      List<CostLine.Input> inputs = new ArrayList<>();
      if (!alreadyPerOperation()) {
        inputs.add(new CostLine.Input(noun + " measured", operations, noun, workload + ": operations of one repetition"));
      }
      inputs.add(new CostLine.Input("git " + figure, git, unit, workload + " / " + baseline + ": " + figure + ", median of " + repeat));
      inputs.add(new CostLine.Input("Helios " + figure, helios, unit, workload + " / " + heliosKey + ": " + figure + ", median of " + repeat));
      return inputs;
    }
  }

  /** The pricing and fleet, with inputs that name their source. */
  private static final class Rates {
    final Pricing pricing;
    final Fleet fleet;

    Rates(Pricing pricing, Fleet fleet) {
      this.pricing = pricing;
      this.fleet = fleet;
    }

    double price(String key) {
      return pricing.value(key);
    }

    double fleet(String key) {
      return fleet.value(key);
    }

    String fleetName(String key) {
      return key.replace('_', ' ');
    }

    CostLine.Input fleetInput(String key) {
      Fleet.Parameter p = fleet.parameters().get(key);
      return new CostLine.Input(fleetName(key), p.value(), p.unit(), "fleet: " + key);
    }

    CostLine.Input priceInput(String key) {
      Pricing.Price p = pricing.prices().get(key);
      int per = p.unit().indexOf("per ");
      String name = per < 0 ? "price" : "price " + p.unit().substring(per);
      return new CostLine.Input(name, p.value(), p.unit(), "pricing: " + key + " (" + p.description() + ")");
    }

    CostLine.Input gbInput() {
      return new CostLine.Input("bytes per GB", pricing.bytesPerGb(), "bytes", "pricing: bytes_per_gb");
    }
  }
}
