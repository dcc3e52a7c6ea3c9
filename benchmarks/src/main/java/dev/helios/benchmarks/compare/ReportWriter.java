package dev.helios.benchmarks.compare;

/** Renders a {@link Comparison} as JSON, self-contained HTML or Markdown. Stateless. */
public final class ReportWriter {
  private ReportWriter() {}

  /** The JSON document. */
  public static String json(Comparison comparison) {
    throw new UnsupportedOperationException("reports are not built yet");
  }

  /** One self-contained HTML file. */
  public static String html(Comparison comparison) {
    throw new UnsupportedOperationException("reports are not built yet");
  }

  /** Markdown. */
  public static String markdown(Comparison comparison) {
    throw new UnsupportedOperationException("reports are not built yet");
  }
}
