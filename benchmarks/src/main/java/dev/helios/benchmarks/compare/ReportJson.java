package dev.helios.benchmarks.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The JSON report: every figure, reduction, cost line and input of a comparison. Stateless. */
final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /** The pretty-printed document. */
  static String render(Comparison c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", "helios compare-git");
    root.put("version", version());
    root.put("started", c.started().toString());
    root.put("seconds", round(c.seconds(), 1));
    root.put("scale", c.scale().id());
    root.put("repeat", c.repeat());
    root.put("source", c.source());
    root.put("environment", c.environment());
    root.put("method", ReportMethod.describe(c.repeat()));
    List<Object> workloads = new ArrayList<>();
    c.workloads().forEach(w -> workloads.add(workload(w)));
    root.put("workloads", workloads);
    root.put("pricing", pricing(c.pricing()));
    root.put("fleet", fleet(c.fleet()));
    List<Object> costs = new ArrayList<>();
    c.costs().forEach(line -> costs.add(cost(line)));
    root.put("costs", costs);
    CostTotals totals = CostTotals.of(c.costs());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("currency", c.pricing().currency());
    t.put("git_per_year", round(totals.gitPerYear(), 2));
    t.put("helios_per_year", round(totals.heliosPerYear(), 2));
    t.put("saving_per_year", round(totals.savingPerYear(), 2));
    t.put("lines", totals.lines());
    t.put("leaves_out", "the 'what if' lines (alternative: true)");
    root.put("totals", t);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report: " + e.getOriginalMessage(), e);
    }
  }

  /** The version of this module's jar, or {@code unknown} when run from classes. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        ReportJson.class.getResourceAsStream("/META-INF/maven/dev.helios/helios-benchmarks/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the version of helios-benchmarks", e);
    }
    return p.getProperty("version", "unknown");
  }

  private static Map<String, Object> workload(WorkloadResult w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", w.name());
    m.put("title", w.title());
    m.put("description", w.description());
    m.put("operations", w.operations());
    m.put("parameters", w.parameters());
    m.put("notes", w.notes());
    List<Object> sides = new ArrayList<>();
    for (Side s : w.sides()) {
      Map<String, Object> side = new LinkedHashMap<>();
      side.put("key", s.key());
      side.put("label", s.label());
      side.put("helios", s.helios());
      side.put("method", s.method());
      side.put("fsync", s.fsync());
      Map<String, Object> figures = new LinkedHashMap<>();
      s.figures().forEach((k, f) -> figures.put(k, figure(f, w.operations())));
      side.put("figures", figures);
      sides.add(side);
    }
    m.put("sides", sides);
    List<Object> reductions = new ArrayList<>();
    for (ReportFigures.Pairing p : ReportFigures.pairings(w)) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("helios", p.helios().key());
      r.put("baseline", p.baseline().key());
      Map<String, Object> figures = new LinkedHashMap<>();
      for (String k : p.figures()) {
        Double red = ReportFigures.reduction(p.helios().figure(k).median(), p.baseline().figure(k).median());
        figures.put(k, red == null ? null : round(red, 6));
      }
      r.put("figures", figures);
      reductions.add(r);
    }
    m.put("reductions", reductions);
    m.put("worse", ReportFigures.worse(w));
    return m;
  }

  private static Map<String, Object> figure(Figure f, int operations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", f.unit());
    m.put("median", number(f.median()));
    m.put("min", number(f.min()));
    m.put("max", number(f.max()));
    List<Object> values = new ArrayList<>();
    f.values().forEach(v -> values.add(number(v)));
    m.put("values", values);
    m.put("per_operation", operations > 0 ? round(CostModel.perOperation(f, operations), 3) : null);
    return m;
  }

  private static Map<String, Object> pricing(Pricing p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", p.provider());
    m.put("region", p.region());
    m.put("currency", p.currency());
    m.put("as_of", p.asOf());
    m.put("sources", p.sources());
    m.put("note", p.note());
    m.put("bytes_per_gb", p.bytesPerGb());
    m.put("bytes_per_mb", p.bytesPerMb());
    Map<String, Object> prices = new LinkedHashMap<>();
    p.prices().forEach((k, v) -> prices.put(k, entry(v.value(), v.unit(), v.description())));
    m.put("prices", prices);
    return m;
  }

  private static Map<String, Object> fleet(Fleet f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", f.description());
    Map<String, Object> parameters = new LinkedHashMap<>();
    f.parameters().forEach((k, v) -> parameters.put(k, entry(v.value(), v.unit(), v.description())));
    m.put("parameters", parameters);
    return m;
  }

  private static Map<String, Object> cost(CostLine line) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", line.name());
    m.put("workload", line.workload());
    m.put("baseline", line.baseline());
    m.put("helios", line.helios());
    m.put("alternative", line.alternative());
    m.put("formula", line.formula());
    List<Object> inputs = new ArrayList<>();
    for (CostLine.Input in : line.inputs()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("name", in.name());
      i.put("value", number(in.value()));
      i.put("unit", in.unit());
      i.put("source", in.source());
      inputs.add(i);
    }
    m.put("inputs", inputs);
    m.put("git_per_year", round(line.gitPerYear(), 2));
    m.put("helios_per_year", round(line.heliosPerYear(), 2));
    m.put("saving_per_year", round(line.savingPerYear(), 2));
    m.put("note", line.note());
    return m;
  }

  private static Map<String, Object> entry(double value, String unit, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", number(value));
    m.put("unit", unit);
    m.put("description", description);
    return m;
  }

  /** Whole numbers as integers, others as they are; non-finite as null. */
  private static Object number(double v) {
    if (!Double.isFinite(v)) {
      return null;
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
  }

  private static Object round(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return null;
    }
    double scale = Math.pow(10, decimals);
    return number(Math.round(v * scale) / scale);
  }
}
