package dev.helios.benchmarks.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strict reader of the pricing and fleet files: every field is required, unknown fields are
 * errors, and each error is one line naming the file and the field. Not thread-safe.
 */
final class CostFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One entry of a map of numbers: a price or a fleet parameter.
   *
   * @param value a finite number, 0 or more
   * @param unit what the number counts
   * @param description what it is, for the report
   */
  record Entry(double value, String unit, String description) {}

  private final String name;
  private final JsonNode root;

  private CostFile(String name, JsonNode root) {
    this.name = name;
    this.root = root;
  }

  /** Parses {@code file}; the error names it. */
  static CostFile read(Path file) throws IOException {
    try {
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a resource next to this class. */
  static CostFile resource(String resource) throws IOException {
    try (InputStream in = CostFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("built-in file " + resource + " is missing from the class path");
      }
      return parse(resource, in.readAllBytes());
    }
  }

  private static CostFile parse(String name, byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root == null || !root.isObject()) {
      throw new IOException(name + ": the file must hold one JSON object");
    }
    return new CostFile(name, root);
  }

  /** Fails if the top level has a field other than {@code allowed}. */
  void onlyFields(Set<String> allowed) throws IOException {
    only(root, "", allowed);
  }

  /** A non-empty string field. */
  String text(String field) throws IOException {
    JsonNode node = root.get(field);
    if (node == null) {
      throw error("missing field '" + field + "'");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw error("'" + field + "' must be a non-empty string");
    }
    return node.asText();
  }

  /** A non-empty list of non-empty strings. */
  List<String> texts(String field) throws IOException {
    JsonNode node = root.get(field);
    if (node == null) {
      throw error("missing field '" + field + "'");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw error("'" + field + "' must be a non-empty list of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw error("'" + field + "' must be a non-empty list of strings");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  /** A positive whole number. */
  long positiveLong(String field) throws IOException {
    JsonNode node = root.get(field);
    if (node == null) {
      throw error("missing field '" + field + "'");
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
      throw error("'" + field + "' must be a whole number above 0");
    }
    return node.asLong();
  }

  /**
   * The object {@code field} whose members are exactly {@code keys}, each {@code {value, unit,
   * description}}; returned in the order of {@code keys}.
   */
  Map<String, Entry> entries(String field, List<String> keys) throws IOException {
    JsonNode node = root.get(field);
    if (node == null) {
      throw error("missing field '" + field + "'");
    }
    if (!node.isObject()) {
      throw error("'" + field + "' must be an object");
    }
    only(node, field + ".", Set.copyOf(keys));
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String key : keys) {
      String path = field + "." + key;
      JsonNode entry = node.get(key);
      if (entry == null) {
        throw error("missing field '" + path + "'");
      }
      if (!entry.isObject()) {
        throw error("'" + path + "' must be an object with value, unit and description");
      }
      only(entry, path + ".", Set.of("value", "unit", "description"));
      JsonNode value = entry.get("value");
      if (value == null) {
        throw error("missing field '" + path + ".value'");
      }
      if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
        throw error("'" + path + ".value' must be a number, 0 or more");
      }
      entries.put(key, new Entry(value.asDouble(), string(entry, path, "unit"), string(entry, path, "description")));
    }
    return entries;
  }

  private String string(JsonNode object, String path, String field) throws IOException {
    JsonNode node = object.get(field);
    if (node == null) {
      throw error("missing field '" + path + "." + field + "'");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw error("'" + path + "." + field + "' must be a non-empty string");
    }
    return node.asText();
  }

  private void only(JsonNode object, String prefix, Set<String> allowed) throws IOException {
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (!allowed.contains(n)) {
        unknown.add(prefix + n);
      }
    }
    if (!unknown.isEmpty()) {
      throw error(
          "unknown field" + (unknown.size() > 1 ? "s " : " ") + "'" + String.join("', '", unknown)
              + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
    }
  }

  private IOException error(String problem) {
    return new IOException(name + ": " + problem);
  }
}
