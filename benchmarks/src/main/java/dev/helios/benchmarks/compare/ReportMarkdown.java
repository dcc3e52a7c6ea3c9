package dev.helios.benchmarks.compare;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The Markdown report: the HTML report's content as tables, without charts. Stateless. */
final class ReportMarkdown {
  private ReportMarkdown() {}

  /** The whole document. */
  static String render(Comparison c) {
    StringBuilder m = new StringBuilder(1 << 14);
    m.append("# Helios compared with git\n\n")
        .append(text("Scale " + c.scale().id() + ", " + c.repeat() + " repetitions per side, started "
            + c.started().truncatedTo(ChronoUnit.SECONDS)
            + ", took " + ReportFormat.number(c.seconds(), 0) + " s. Input: " + c.source() + "."))
        .append("\n\n");
    summary(m, c);
    for (WorkloadResult w : c.workloads()) {
      workload(m, w);
    }
    m.append("## Where Helios does worse\n\n");
    List<String> worse = new ArrayList<>();
    c.workloads().forEach(w -> worse.addAll(ReportFigures.worse(w)));
    if (worse.isEmpty()) {
      m.append("On no measured figure did a Helios side's median exceed stock git's.\n\n");
    } else {
      worse.forEach(s -> m.append("- ").append(text(s)).append('\n'));
      m.append('\n');
    }
    costs(m, c);
    m.append("## Method\n\n");
    ReportMethod.describe(c.repeat()).forEach((k, v) -> m.append("- **").append(k).append("**: ").append(text(v))
        .append('\n'));
    m.append("\n## Environment\n\n| | |\n|---|---|\n");
    c.environment().forEach((k, v) -> row(m, k, String.valueOf(v)));
    Pricing p = c.pricing();
    m.append("\n## Pricing\n\n").append(text(p.provider() + ", " + p.region() + ", " + p.currency() + ", as of "
        + p.asOf() + ". Sources: " + String.join(", ", p.sources()) + ".")).append("\n\n")
        .append(text(p.note())).append("\n\n| Price | Value | Unit | What |\n|---|---:|---|---|\n");
    p.prices().forEach((k, v) -> row(m, "`" + k + "`", ReportFormat.plain(v.value()), v.unit(), v.description()));
    m.append("\n## Fleet\n\n").append(text(c.fleet().description()))
        .append("\n\n| Parameter | Value | Unit | What |\n|---|---:|---|---|\n");
    c.fleet().parameters().forEach((k, v) -> row(m, "`" + k + "`", ReportFormat.plain(v.value()), v.unit(),
        v.description()));
    return m.toString();
  }

  private static void summary(StringBuilder m, Comparison c) {
    m.append("## Summary\n\n| Workload | Helios side | against | bytes written to the block device (write\\_bytes)"
        + " | bytes stored, allocated on disk | wall-clock time |\n|---|---|---|---:|---:|---:|\n");
    boolean anyStopped = false;
    for (WorkloadResult w : c.workloads()) {
      Side git = ReportFigures.stockGit(w);
      String stored = ReportFigures.storedKey(w);
      boolean stopped = !stored.equals("disk_allocated_bytes");
      for (Side s : w.sides()) {
        if (!s.helios() || git == null) {
          continue;
        }
        anyStopped |= stopped;
        List<String> cells = new ArrayList<>(List.of("`" + w.name() + "`", s.label(), git.label()));
        for (String k : List.of("write_bytes", stored, "wall_ms")) {
          String cell = s.figure(k) == null || git.figure(k) == null ? ""
              : ReportFormat.reduction(ReportFigures.reduction(s.figure(k).median(), git.figure(k).median()));
          cells.add(stopped && k.equals(stored) && !cell.isEmpty() ? cell + " †" : cell);
        }
        row(m, cells.toArray(String[]::new));
      }
    }
    m.append("\nReductions are 1 − Helios median / stock git median.")
        .append(anyStopped ? " † Stored bytes of the servers after a clean stop: a running Helios server's RocksDB"
            + " preallocates its write-ahead log, which a stop releases." : "");
    CostTotals t = CostTotals.of(c.costs());
    if (t.lines() > 0) {
      String cur = c.pricing().currency();
      m.append(" Yearly cost for the fleet below: stock git ").append(ReportFormat.money(t.gitPerYear(), cur))
          .append(", Helios ").append(ReportFormat.money(t.heliosPerYear(), cur)).append(", saving ")
          .append(ReportFormat.money(t.savingPerYear(), cur)).append(" a year.");
    }
    m.append("\n\n");
  }

  private static void workload(StringBuilder m, WorkloadResult w) {
    m.append("## ").append(text(w.title())).append(" (`").append(w.name()).append("`)\n\n")
        .append(text(w.description())).append("\n\n");
    StringBuilder params = new StringBuilder(w.operations() + " operations per repetition");
    w.parameters().forEach((k, v) -> params.append("; ").append(k).append(": ").append(v));
    m.append(text(params.toString())).append("\n\n| Figure (median, min–max) |");
    for (Side s : w.sides()) {
      m.append(' ').append(text(s.label())).append(" (`").append(s.key()).append("`) |");
    }
    m.append("\n|---|").append("---:|".repeat(w.sides().size())).append('\n');
    for (String k : ReportHtml.figureKeys(w)) {
      m.append("| ").append(text(ReportFigures.describe(k))).append(" |");
      for (Side s : w.sides()) {
        Figure f = s.figure(k);
        m.append(' ').append(f == null ? "" : ReportFormat.value(f.median(), f.unit()) + " ("
            + ReportFormat.value(f.min(), f.unit()) + " – " + ReportFormat.value(f.max(), f.unit()) + ")").append(" |");
      }
      m.append('\n');
    }
    List<ReportFigures.Pairing> pairings = ReportFigures.pairings(w);
    if (!pairings.isEmpty()) {
      m.append("\nReductions (1 − Helios / git, medians):\n\n| Figure |");
      pairings.forEach(p -> m.append(" `").append(p.helios().key()).append("` vs `").append(p.baseline().key())
          .append("` |"));
      m.append("\n|---|").append("---:|".repeat(pairings.size())).append('\n');
      for (String k : ReportHtml.figureKeys(w)) {
        m.append("| ").append(text(ReportFigures.describe(k))).append(" |");
        for (ReportFigures.Pairing p : pairings) {
          m.append(' ').append(!p.figures().contains(k) ? ""
              : ReportFormat.reduction(ReportFigures.reduction(p.helios().figure(k).median(),
                  p.baseline().figure(k).median()))).append(" |");
        }
        m.append('\n');
      }
    }
    m.append("\n| Side | How it ran | fsync |\n|---|---|---|\n");
    w.sides().forEach(s -> row(m, s.label(), s.method(), s.fsync()));
    if (!w.notes().isEmpty()) {
      m.append("\nNotes:\n\n");
      w.notes().forEach(n -> m.append("- ").append(text(n)).append('\n'));
    }
    m.append('\n');
  }

  private static void costs(StringBuilder m, Comparison c) {
    String cur = c.pricing().currency();
    m.append("## Yearly cost for the fleet\n\n");
    if (c.costs().isEmpty()) {
      m.append("No workload that the cost lines use was run.\n\n");
      return;
    }
    m.append("Each line: a measured median per operation × the fleet's rate × the list price. Lines marked"
        + " *what if* are not in the total.\n\n| Line | git / year | Helios / year | saving / year |\n"
        + "|---|---:|---:|---:|\n");
    for (CostLine line : c.costs()) {
      row(m, line.name(), ReportFormat.money(line.gitPerYear(), cur), ReportFormat.money(line.heliosPerYear(), cur),
          ReportFormat.money(line.savingPerYear(), cur));
    }
    CostTotals t = CostTotals.of(c.costs());
    row(m, "**Total** (" + t.lines() + " lines)", ReportFormat.money(t.gitPerYear(), cur),
        ReportFormat.money(t.heliosPerYear(), cur), ReportFormat.money(t.savingPerYear(), cur));
    m.append('\n');
    for (CostLine line : c.costs()) {
      m.append("### ").append(text(line.name())).append("\n\n`").append(line.workload()).append("`: `")
          .append(line.helios()).append("` vs `").append(line.baseline()).append("`. ").append(text(line.formula()))
          .append("\n\n");
      for (CostLine.Input in : line.inputs()) {
        m.append("- ").append(text(in.name() + " = " + ReportFormat.plain(in.value()) + " " + in.unit() + " ("
            + in.source() + ")")).append('\n');
      }
      m.append('\n').append(text(line.note())).append("\n\n");
    }
  }

  private static void row(StringBuilder m, String... cells) {
    m.append('|');
    for (String cell : cells) {
      m.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    m.append('\n');
  }

  // Markdown treats a few characters specially in running text; these are the ones our text uses.
  private static String text(String s) {
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("|", "\\|")
        .replace("<", "&lt;");
  }
}
