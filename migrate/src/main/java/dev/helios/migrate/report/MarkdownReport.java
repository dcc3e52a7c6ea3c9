package dev.helios.migrate.report;

import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.RepositoryResult;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The Markdown report: a heading, one table row per repository, and a totals row. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(MigrationReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Migration report\n\n");
    md.append("Started ").append(report.started().truncatedTo(ChronoUnit.SECONDS)).append(", took ")
        .append(Units.duration(report.millis())).append(": ")
        .append(report.done()).append(" done, ")
        .append(report.failed()).append(" failed, ")
        .append(report.skipped()).append(" skipped.\n\n");
    md.append("| repository | source | status | refs | objects | source bytes | stored bytes"
        + " | new | deduplicated | time | verify | failure |\n");
    md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
    long refs = 0;
    long objects = 0;
    long deduplicated = 0;
    for (RepositoryResult r : report.repositories()) {
      Long dedup = JsonReport.deduplicated(r);
      row(md,
          "`" + r.target().name().value() + "`",
          cell(Units.redact(r.target().source())),
          r.status().name().toLowerCase(Locale.ROOT),
          Integer.toString(r.refs()),
          Long.toString(r.objects()),
          Units.bytes(r.sourceBytes()),
          Units.bytes(r.storedBytes()),
          r.newBytes() >= 0 ? Units.bytes(r.newBytes()) : "–",
          dedup != null ? Units.bytes(dedup) : "–",
          Units.duration(r.millis()),
          cell(r.verify()),
          r.failure() == null ? "" : cell(Units.redact(r.failure())));
      refs += r.refs();
      objects += r.objects();
      deduplicated += dedup != null ? dedup : 0;
    }
    row(md, "**total**", report.repositories().size() + " repositories", "",
        Long.toString(refs), Long.toString(objects),
        Units.bytes(report.sourceBytes()), Units.bytes(report.storedBytes()),
        Units.bytes(report.newBytes()), Units.bytes(deduplicated), Units.duration(report.millis()), "", "");
    return md.toString();
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String c : cells) {
      md.append(' ').append(c).append(" |");
    }
    md.append('\n');
  }

  /** A table cell: pipes escaped, line breaks flattened. */
  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }
}
