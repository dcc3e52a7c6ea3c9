package dev.helios.migrate.report;

import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.RepositoryResult;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report: one self-contained page (inline CSS, an inline SVG bar chart of source
 * against stored bytes per repository and in total, then the table). No script, no network.
 */
final class HtmlReport {
  /*
   * The chart is horizontal bars, two per repository (source, stored), scaled to the largest
   * value of the chart, so that a glance shows which repositories shrank and which grew. The
   * totals get their own pair at the bottom, scaled on their own.
   */

  private static final int LABEL_WIDTH = 220;
  private static final int BAR_AREA = 460;
  private static final int VALUE_WIDTH = 110;
  private static final int BAR_HEIGHT = 12;
  private static final int GROUP_HEIGHT = 2 * BAR_HEIGHT + 14;
  private static final String SOURCE_COLOUR = "#9aa5b1";
  private static final String STORED_COLOUR = "#2f7ed8";

  private HtmlReport() {}

  static String render(MigrationReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Helios migration report</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2933}\n")
        .append("table{border-collapse:collapse;margin-top:1.5em}\n")
        .append("th,td{border:1px solid #cbd2d9;padding:.3em .6em;text-align:left}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("tr.failed td{background:#fde8e8}\ntr.total td{font-weight:bold}\n")
        .append(".legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;"
            + "vertical-align:middle}\n")
        .append("</style>\n</head>\n<body>\n<h1>Migration report</h1>\n");
    String started = report.started().truncatedTo(ChronoUnit.SECONDS).toString();
    html.append("<p>Started ").append(escape(started)).append(", took ")
        .append(escape(Units.duration(report.millis()))).append(": ")
        .append(report.done()).append(" done, ").append(report.failed()).append(" failed, ")
        .append(report.skipped()).append(" skipped. Stored ")
        .append(escape(Units.bytes(report.storedBytes()))).append(" from ")
        .append(escape(Units.bytes(report.sourceBytes()))).append(" received.</p>\n");
    html.append("<p class=\"legend\"><span style=\"background:").append(SOURCE_COLOUR)
        .append("\"></span>source bytes<span style=\"background:").append(STORED_COLOUR)
        .append("\"></span>stored bytes</p>\n");
    chart(html, report);
    table(html, report);
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void chart(StringBuilder html, MigrationReport report) {
    List<RepositoryResult> rows = report.repositories();
    long max = 1;
    for (RepositoryResult r : rows) {
      max = Math.max(max, Math.max(r.sourceBytes(), r.storedBytes()));
    }
    int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
    int height = (rows.size() + 1) * GROUP_HEIGHT + 16;
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" aria-label=\"source and stored bytes"
            + " per repository\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n");
    int y = 0;
    for (RepositoryResult r : rows) {
      group(html, y, r.target().name().value(), r.sourceBytes(), r.storedBytes(), max);
      y += GROUP_HEIGHT;
    }
    y += 8;
    html.append("<line x1=\"0\" x2=\"").append(width).append("\" y1=\"").append(y - 4)
        .append("\" y2=\"").append(y - 4).append("\" stroke=\"#cbd2d9\"/>\n");
    long totalMax = Math.max(1, Math.max(report.sourceBytes(), report.storedBytes()));
    group(html, y, "total", report.sourceBytes(), report.storedBytes(), totalMax);
    html.append("</svg>\n");
  }

  private static void group(StringBuilder html, int y, String label, long source, long stored,
      long max) {
    html.append("<text x=\"0\" y=\"").append(y + BAR_HEIGHT + 4).append("\">")
        .append(escape(shorten(label))).append("</text>\n");
    bar(html, y, source, max, SOURCE_COLOUR, "source");
    bar(html, y + BAR_HEIGHT + 2, stored, max, STORED_COLOUR, "stored");
  }

  private static void bar(StringBuilder html, int y, long value, long max, String colour,
      String what) {
    int length = (int) Math.round((double) value / max * BAR_AREA);
    if (value > 0) {
      length = Math.max(1, length);
    }
    html.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
        .append("\" width=\"").append(length).append("\" height=\"").append(BAR_HEIGHT)
        .append("\" fill=\"").append(colour).append("\"><title>").append(what).append(": ")
        .append(value).append(" bytes</title></rect>\n");
    html.append("<text x=\"").append(LABEL_WIDTH + length + 4).append("\" y=\"")
        .append(y + BAR_HEIGHT - 2).append("\" font-size=\"10\">")
        .append(escape(Units.bytes(value))).append("</text>\n");
  }

  private static void table(StringBuilder html, MigrationReport report) {
    html.append("<table>\n<tr><th>repository</th><th>source</th><th>status</th><th>refs</th>"
        + "<th>objects</th><th>source bytes</th><th>stored bytes</th><th>new</th>"
        + "<th>deduplicated</th><th>time</th><th>verify</th><th>failure</th></tr>\n");
    long refs = 0;
    long objects = 0;
    long deduplicated = 0;
    for (RepositoryResult r : report.repositories()) {
      Long dedup = JsonReport.deduplicated(r);
      String status = r.status().name().toLowerCase(Locale.ROOT);
      html.append("<tr class=\"").append(status).append("\">");
      cell(html, r.target().name().value(), false);
      cell(html, Units.redact(r.target().source()), false);
      cell(html, status, false);
      cell(html, Integer.toString(r.refs()), true);
      cell(html, Long.toString(r.objects()), true);
      cell(html, Units.bytes(r.sourceBytes()), true);
      cell(html, Units.bytes(r.storedBytes()), true);
      cell(html, r.newBytes() >= 0 ? Units.bytes(r.newBytes()) : "–", true);
      cell(html, dedup != null ? Units.bytes(dedup) : "–", true);
      cell(html, Units.duration(r.millis()), true);
      cell(html, r.verify(), false);
      cell(html, r.failure() == null ? "" : Units.redact(r.failure()), false);
      html.append("</tr>\n");
      refs += r.refs();
      objects += r.objects();
      deduplicated += dedup != null ? dedup : 0;
    }
    html.append("<tr class=\"total\">");
    cell(html, "total", false);
    cell(html, report.repositories().size() + " repositories", false);
    cell(html, "", false);
    cell(html, Long.toString(refs), true);
    cell(html, Long.toString(objects), true);
    cell(html, Units.bytes(report.sourceBytes()), true);
    cell(html, Units.bytes(report.storedBytes()), true);
    cell(html, Units.bytes(report.newBytes()), true);
    cell(html, Units.bytes(deduplicated), true);
    cell(html, Units.duration(report.millis()), true);
    cell(html, "", false);
    cell(html, "", false);
    html.append("</tr>\n</table>\n");
  }

  private static void cell(StringBuilder html, String text, boolean numeric) {
    html.append(numeric ? "<td class=\"n\">" : "<td>").append(escape(text)).append("</td>");
  }

  private static String shorten(String label) {
    return label.length() <= 32 ? label : label.substring(0, 15) + "…" + label.substring(label.length() - 15);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
