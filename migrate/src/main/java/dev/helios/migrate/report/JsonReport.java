package dev.helios.migrate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.RepositoryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON report: {@code {started, millis, succeeded, totals, repositories: [...]}}. */
final class JsonReport {
  /*
   * Sizes are plain byte counts and times milliseconds, so that scripts need no parsing.
   * newBytes and deduplicatedBytes are null where the migration did not measure them.
   */

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(MigrationReport report) {
    try {
      return MAPPER.writeValueAsString(document(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the JSON report: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Object> document(MigrationReport report) {
    List<Map<String, Object>> repositories = new ArrayList<>();
    for (RepositoryResult r : report.repositories()) {
      repositories.add(repository(r));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("started", report.started().toString());
    doc.put("millis", report.millis());
    doc.put("succeeded", report.succeeded());
    doc.put("totals", totals(report));
    doc.put("repositories", repositories);
    return doc;
  }

  private static Map<String, Object> repository(RepositoryResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("source", Units.redact(r.target().source()));
    doc.put("kind", r.target().kind().name().toLowerCase(Locale.ROOT));
    doc.put("target", r.target().name().value());
    doc.put("status", r.status().name().toLowerCase(Locale.ROOT));
    doc.put("refs", r.refs());
    doc.put("objects", r.objects());
    doc.put("sourceBytes", r.sourceBytes());
    doc.put("storedBytes", r.storedBytes());
    doc.put("newBytes", r.newBytes() >= 0 ? r.newBytes() : null);
    doc.put("deduplicatedBytes", deduplicated(r));
    doc.put("millis", r.millis());
    doc.put("verify", r.verify());
    doc.put("failure", r.failure() == null ? null : Units.redact(r.failure()));
    return doc;
  }

  private static Map<String, Object> totals(MigrationReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("repositories", report.repositories().size());
    doc.put("done", report.done());
    doc.put("failed", report.failed());
    doc.put("skipped", report.skipped());
    doc.put("refs", report.repositories().stream().mapToLong(RepositoryResult::refs).sum());
    doc.put("objects", report.repositories().stream().mapToLong(RepositoryResult::objects).sum());
    doc.put("sourceBytes", report.sourceBytes());
    doc.put("storedBytes", report.storedBytes());
    doc.put("newBytes", report.newBytes());
    return doc;
  }

  /** Stored bytes that deduplication found already present, or null when not measured. */
  static Long deduplicated(RepositoryResult r) {
    return r.newBytes() >= 0 ? Math.max(0, r.storedBytes() - r.newBytes()) : null;
  }
}
