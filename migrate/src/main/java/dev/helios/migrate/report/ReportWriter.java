package dev.helios.migrate.report;

import dev.helios.migrate.MigrationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link MigrationReport} as JSON, Markdown or a self-contained HTML page. Stateless and
 * thread-safe.
 *
 * <p>Every format holds, per repository, the source, the target name, how it ended, refs,
 * objects, source bytes, stored bytes (new and deduplicated), time, the verification result and
 * the failure reason, and then the totals. Credentials in source URLs ({@code
 * https://user:secret@host/…}) never reach a report: user information is replaced by {@code ***}.
 */
public final class ReportWriter {
  /** The formats, chosen by a file's suffix. */
  public enum Format {
    /** {@code .json}: one document, for machines. */
    JSON(".json"),
    /** {@code .md}: a table and the totals. */
    MARKDOWN(".md"),
    /** {@code .html}: one page with inline CSS and an SVG chart; no script, no network. */
    HTML(".html");

    private final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }

    /** The file suffix, with its dot. */
    public String suffix() {
      return suffix;
    }

    /**
     * The format of {@code file} by its suffix (case-insensitive; {@code .htm} and {@code
     * .markdown} too).
     *
     * @throws IllegalArgumentException if the suffix is none of {@code .json}, {@code .md},
     *     {@code .html}
     */
    public static Format of(Path file) {
      Path name = file.getFileName();
      String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".json")) {
        return JSON;
      }
      if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
        return MARKDOWN;
      }
      if (lower.endsWith(".html") || lower.endsWith(".htm")) {
        return HTML;
      }
      throw new IllegalArgumentException(
          "report file must end in .json, .md or .html: " + file);
    }
  }

  private ReportWriter() {}

  /**
   * Writes {@code report} to {@code file} (replacing it) in the format its suffix names.
   *
   * @throws IllegalArgumentException if the suffix is not {@code .json}, {@code .md} or {@code
   *     .html}; nothing is written then
   * @throws IOException if the file cannot be written
   */
  public static void write(MigrationReport report, Path file) throws IOException {
    Format format = Format.of(file);
    Files.writeString(file, render(report, format), StandardCharsets.UTF_8);
  }

  /** Returns {@code report} rendered in {@code format}, ending with a newline. */
  public static String render(MigrationReport report, Format format) {
    Objects.requireNonNull(report, "report");
    return switch (format) {
      case JSON -> JsonReport.render(report);
      case MARKDOWN -> MarkdownReport.render(report);
      case HTML -> HtmlReport.render(report);
    };
  }
}
