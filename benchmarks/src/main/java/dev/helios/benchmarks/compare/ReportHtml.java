package dev.helios.benchmarks.compare;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained file (inline CSS, charts as PNG data URIs, no external
 * resources) with a chart and tables per workload, where Helios does worse, the cost table, the
 * method, the environment, the pricing and the fleet. Stateless.
 */
final class ReportHtml {
  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d1d1f;\
      max-width:1100px;margin:2rem auto;padding:0 1.2rem;line-height:1.45}
      h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:2.4rem;border-bottom:2px solid #e3e3e3;padding-bottom:.2rem}
      h3{margin-top:1.4rem}.lead{color:#555;margin-top:0}
      table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.88rem}
      th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .6rem;text-align:left;vertical-align:top}
      th{background:#f6f6f7}td:first-child{min-width:12rem}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .less{color:#12703a}.more{color:#b3261e;font-weight:600}
      td.n span.small{white-space:normal}img.chart{max-width:100%;height:auto;border:1px solid #eee;display:block;margin:.8rem 0}
      .note{color:#444}.small{font-size:.82rem;color:#555}code{font-size:.85em;background:#f3f3f3;padding:0 .2em}
      ul.worse li{margin:.2rem 0}tr.total td{font-weight:700;border-top:2px solid #999}
      """;

  private static final String SCRIPT =
      "window.addEventListener('load',function(){var n=0;"
          + "document.querySelectorAll('img.chart').forEach(function(i){if(i.naturalWidth>0)n++;});"
          + "document.body.dataset.charts=String(n);});";

  private ReportHtml() {}

  /** The whole page. */
  static String render(Comparison c) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Helios compared with git</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("<script>").append(SCRIPT).append("</script>\n</head>\n<body>\n");
    h.append("<h1>Helios compared with git</h1>\n<p class=\"lead\">")
        .append(esc("Scale " + c.scale().id() + ", " + c.repeat() + " repetitions per side, started "
            + c.started().truncatedTo(ChronoUnit.SECONDS) + ", took " + ReportFormat.number(c.seconds(), 0) + " s. Input: " + c.source() + "."))
        .append("</p>\n");
    summary(h, c);
    for (WorkloadResult w : c.workloads()) {
      workload(h, w);
    }
    worse(h, c);
    costs(h, c);
    h.append("<h2 id=\"method\">Method</h2>\n<dl>\n");
    ReportMethod.describe(c.repeat()).forEach((k, v) -> h.append("<dt><b>").append(esc(k)).append("</b></dt><dd>")
        .append(esc(v)).append("</dd>\n"));
    h.append("</dl>\n<h2 id=\"environment\">Environment</h2>\n");
    keyValues(h, c.environment());
    pricing(h, c.pricing());
    fleet(h, c.fleet());
    h.append("<p class=\"small\">").append(esc("helios compare-git " + ReportJson.version()))
        .append("</p>\n</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, Comparison c) {
    h.append("<h2 id=\"summary\">Summary</h2>\n<table><tr><th>Workload</th><th>Helios side</th><th>against</th>");
    h.append("<th>bytes written to the block device (write_bytes)</th><th>bytes stored, allocated on disk</th>"
        + "<th>wall-clock time</th>");
    h.append("</tr>\n");
    boolean anyStopped = false;
    for (WorkloadResult w : c.workloads()) {
      Side git = ReportFigures.stockGit(w);
      for (Side s : w.sides()) {
        if (!s.helios() || git == null) {
          continue;
        }
        h.append("<tr><td>").append(esc(w.name())).append("</td><td>").append(esc(s.label())).append("</td><td>")
            .append(esc(git.label())).append("</td>");
        String stored = ReportFigures.storedKey(w);
        boolean stopped = !stored.equals("disk_allocated_bytes");
        anyStopped |= stopped;
        for (String k : List.of("write_bytes", stored, "wall_ms")) {
          String cell = s.figure(k) == null || git.figure(k) == null ? "<td></td>"
              : reductionCell(ReportFigures.reduction(s.figure(k).median(), git.figure(k).median()));
          h.append(stopped && k.equals(stored) ? cell.replace("</td>", " †</td>") : cell);
        }
        h.append("</tr>\n");
      }
    }
    h.append("</table>\n");
    h.append("<p class=\"small\">Reductions are 1 − Helios median / stock git median.")
        .append(anyStopped ? " † Stored bytes of the servers after a clean stop: a running Helios server's"
            + " RocksDB preallocates its write-ahead log, which a stop releases." : "").append("</p>\n");
    CostTotals t = CostTotals.of(c.costs());
    if (t.lines() > 0) {
      h.append("<p>").append(esc("Yearly cost for the fleet below: stock git "
          + ReportFormat.money(t.gitPerYear(), c.pricing().currency()) + ", Helios "
          + ReportFormat.money(t.heliosPerYear(), c.pricing().currency()) + ", saving "
          + ReportFormat.money(t.savingPerYear(), c.pricing().currency()) + " a year (")).append("<a href=\"#costs\">")
          .append("cost table</a>).</p>\n");
    }
  }

  private static void workload(StringBuilder h, WorkloadResult w) {
    h.append("<h2 id=\"").append(esc(w.name())).append("\">").append(esc(w.title())).append(" <small><code>")
        .append(esc(w.name())).append("</code></small></h2>\n<p>").append(esc(w.description())).append("</p>\n");
    h.append("<p class=\"small\">").append(esc(w.operations() + " operations per repetition"));
    w.parameters().forEach((k, v) -> h.append(esc("; " + k + ": " + v)));
    h.append("</p>\n<img class=\"chart\" width=\"").append(ChartImage.WIDTH).append("\" height=\"")
        .append(ChartImage.HEIGHT).append("\" alt=\"").append(esc("Bar chart of " + w.name()
            + ": bytes written, bytes stored, wall and CPU time of each side")).append("\" src=\"")
        .append(ChartImage.dataUri(w)).append("\">\n");
    h.append("<table><tr><th>Figure</th>");
    for (Side s : w.sides()) {
      h.append("<th>").append(esc(s.label())).append("<br><code>").append(esc(s.key())).append("</code></th>");
    }
    h.append("</tr>\n");
    for (String k : figureKeys(w)) {
      h.append("<tr><td>").append(esc(ReportFigures.describe(k))).append("</td>");
      for (Side s : w.sides()) {
        Figure f = s.figure(k);
        if (f == null) {
          h.append("<td></td>");
          continue;
        }
        String range = ReportFormat.value(f.min(), f.unit()) + " – " + ReportFormat.value(f.max(), f.unit())
            + (w.operations() > 0 ? " · " + ReportFormat.value(CostModel.perOperation(f, w.operations()), f.unit()) + "/op" : "");
        h.append("<td class=\"n\">").append(esc(ReportFormat.value(f.median(), f.unit())))
            .append("<br><span class=\"small\">").append(esc(range)).append("</span></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"small\">Each cell: the median, then the minimum – maximum of the repetitions"
        + " and the median per operation.</p>\n");
    reductions(h, w);
    if (!w.notes().isEmpty()) {
      h.append("<h3>Notes</h3>\n<ul class=\"note\">\n");
      w.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
      h.append("</ul>\n");
    }
    h.append("<h3>Sides</h3>\n<table><tr><th>Side</th><th>How it ran</th><th>fsync</th></tr>\n");
    for (Side s : w.sides()) {
      h.append("<tr><td>").append(esc(s.label())).append("</td><td>").append(esc(s.method())).append("</td><td>")
          .append(esc(s.fsync())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void reductions(StringBuilder h, WorkloadResult w) {
    List<ReportFigures.Pairing> pairings = ReportFigures.pairings(w);
    if (pairings.isEmpty()) {
      return;
    }
    h.append("<h3>Reductions (1 − Helios / git, medians)</h3>\n<table><tr><th>Figure</th>");
    for (ReportFigures.Pairing p : pairings) {
      h.append("<th>").append(esc(p.helios().key() + " vs " + p.baseline().key())).append("</th>");
    }
    h.append("</tr>\n");
    for (String k : figureKeys(w)) {
      h.append("<tr><td>").append(esc(ReportFigures.describe(k))).append("</td>");
      for (ReportFigures.Pairing p : pairings) {
        h.append(!p.figures().contains(k) ? "<td></td>"
            : reductionCell(ReportFigures.reduction(p.helios().figure(k).median(), p.baseline().figure(k).median())));
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static String reductionCell(Double r) {
    String css = r == null ? "n" : r < 0 ? "n more" : "n less";
    return "<td class=\"" + css + "\">" + esc(ReportFormat.reduction(r)) + "</td>";
  }

  private static void worse(StringBuilder h, Comparison c) {
    h.append("<h2 id=\"worse\">Where Helios does worse</h2>\n");
    List<String> all = new ArrayList<>();
    c.workloads().forEach(w -> all.addAll(ReportFigures.worse(w)));
    if (all.isEmpty()) {
      h.append("<p>On no measured figure did a Helios side's median exceed stock git's.</p>\n");
      return;
    }
    h.append("<p>Every figure where a Helios side's median is above the stock git side's:</p>\n<ul class=\"worse\">\n");
    all.forEach(s -> h.append("<li>").append(esc(s)).append("</li>\n"));
    h.append("</ul>\n");
  }

  private static void costs(StringBuilder h, Comparison c) {
    String cur = c.pricing().currency();
    h.append("<h2 id=\"costs\">Yearly cost for the fleet</h2>\n");
    if (c.costs().isEmpty()) {
      h.append("<p>No workload that the cost lines use was run.</p>\n");
      return;
    }
    h.append("<p class=\"small\">Each line: a measured median per operation × the fleet's rate × the list price."
        + " Lines marked <i>what if</i> are not in the total. Prices: ").append(esc(c.pricing().provider() + " "
        + c.pricing().region() + ", as of " + c.pricing().asOf())).append(" (<a href=\"#pricing\">pricing</a>).</p>\n");
    h.append("<table><tr><th>Line</th><th>Formula and inputs</th><th>git / year</th><th>Helios / year</th>"
        + "<th>saving / year</th></tr>\n");
    for (CostLine line : c.costs()) {
      h.append("<tr><td><b>").append(esc(line.name())).append("</b><br><span class=\"small\">")
          .append(esc(line.workload() + ": " + line.helios() + " vs " + line.baseline()))
          .append("</span></td><td>").append(esc(line.formula())).append("<ul class=\"small\">");
      for (CostLine.Input in : line.inputs()) {
        h.append("<li>").append(esc(in.name() + " = " + ReportFormat.plain(in.value()) + " " + in.unit()
            + " (" + in.source() + ")")).append("</li>");
      }
      h.append("</ul><span class=\"small\">").append(esc(line.note())).append("</span></td>")
          .append("<td class=\"n\">").append(esc(ReportFormat.money(line.gitPerYear(), cur))).append("</td>")
          .append("<td class=\"n\">").append(esc(ReportFormat.money(line.heliosPerYear(), cur))).append("</td>")
          .append("<td class=\"n ").append(line.savingPerYear() < 0 ? "more" : "less").append("\">")
          .append(esc(ReportFormat.money(line.savingPerYear(), cur))).append("</td></tr>\n");
    }
    CostTotals t = CostTotals.of(c.costs());
    h.append("<tr class=\"total\"><td>Total</td><td>").append(esc(t.lines() + " lines, what-if lines left out"))
        .append("</td><td class=\"n\">").append(esc(ReportFormat.money(t.gitPerYear(), cur)))
        .append("</td><td class=\"n\">").append(esc(ReportFormat.money(t.heliosPerYear(), cur)))
        .append("</td><td class=\"n\">").append(esc(ReportFormat.money(t.savingPerYear(), cur)))
        .append("</td></tr>\n</table>\n");
  }

  private static void pricing(StringBuilder h, Pricing p) {
    h.append("<h2 id=\"pricing\">Pricing</h2>\n<p>").append(esc(p.provider() + ", " + p.region() + ", "
        + p.currency() + ", as of " + p.asOf() + ". Sources: " + String.join(", ", p.sources()) + "."))
        .append("</p>\n<p class=\"note\">").append(esc(p.note())).append("</p>\n")
        .append("<table><tr><th>Price</th><th>Value</th><th>Unit</th><th>What</th></tr>\n");
    p.prices().forEach((k, v) -> h.append("<tr><td><code>").append(esc(k)).append("</code></td><td class=\"n\">")
        .append(esc(ReportFormat.plain(v.value()))).append("</td><td>").append(esc(v.unit())).append("</td><td>")
        .append(esc(v.description())).append("</td></tr>\n"));
    h.append("</table>\n<p class=\"small\">").append(esc("1 GB = " + ReportFormat.plain(p.bytesPerGb())
        + " bytes and 1 MB = " + ReportFormat.plain(p.bytesPerMb()) + " bytes in the cost lines."))
        .append("</p>\n");
  }

  private static void fleet(StringBuilder h, Fleet f) {
    h.append("<h2 id=\"fleet\">Fleet</h2>\n<p>").append(esc(f.description())).append("</p>\n")
        .append("<table><tr><th>Parameter</th><th>Value</th><th>Unit</th><th>What</th></tr>\n");
    f.parameters().forEach((k, v) -> h.append("<tr><td><code>").append(esc(k)).append("</code></td><td class=\"n\">")
        .append(esc(ReportFormat.plain(v.value()))).append("</td><td>").append(esc(v.unit())).append("</td><td>")
        .append(esc(v.description())).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  private static void keyValues(StringBuilder h, Map<String, Object> map) {
    h.append("<table>\n");
    map.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v)))
        .append("</td></tr>\n"));
    h.append("</table>\n");
  }

  /** Every figure key of any side of {@code w}, in first-seen order. */
  static List<String> figureKeys(WorkloadResult w) {
    List<String> keys = new ArrayList<>();
    for (Side s : w.sides()) {
      for (String k : s.figures().keySet()) {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  /** Escapes text for HTML content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
