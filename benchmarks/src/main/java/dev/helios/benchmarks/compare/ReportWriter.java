package dev.helios.benchmarks.compare;

/** Renders a {@link Comparison} as JSON, self-contained HTML or Markdown. Stateless. */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * The JSON document: tool and version, when and how it ran, the environment and method, every
   * workload (sides with each figure's median, min, max, values and per-operation median; the
   * reductions of each Helios side against each git side; where Helios did worse), the pricing,
   * the fleet, the cost lines with their inputs, and the totals.
   */
  public static String json(Comparison comparison) {
    return ReportJson.render(comparison);
  }

  /**
   * One self-contained HTML file: no external scripts, fonts, styles or images. Each workload has
   * a bar chart (a PNG data URI in an {@code img.chart}); once the page has loaded, {@code
   * body[data-charts]} holds how many of those images the browser decoded.
   */
  public static String html(Comparison comparison) {
    return ReportHtml.render(comparison);
  }

  /** Markdown: the HTML report's content as tables, without charts. */
  public static String markdown(Comparison comparison) {
    return ReportMarkdown.render(comparison);
  }
}
