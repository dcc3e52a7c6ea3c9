package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet whose yearly cost the report estimates: how many repositories, forks, pushes, CI
 * jobs, agent commits and clones. The built-in file is an example; {@code --fleet FILE} replaces
 * it with a file of the same fields.
 *
 * @param description what fleet this is
 * @param parameters by key ({@link #KEYS}), in display order
 */
public record Fleet(String description, Map<String, Parameter> parameters) {

  /** Repositories hosted, not counting forks. */
  public static final String REPOSITORIES = "repositories";
  /** Forks of each repository. */
  public static final String FORKS_PER_REPOSITORY = "forks_per_repository";
  /** Pushes per day across the fleet. */
  public static final String PUSHES_PER_DAY = "pushes_per_day";
  /** CI jobs checking out a revision, per day. */
  public static final String CI_JOBS_PER_DAY = "ci_jobs_per_day";
  /** Commits by coding agents in their working trees, per day. */
  public static final String AGENT_COMMITS_PER_DAY = "agent_commits_per_day";
  /** Clones served, per day. */
  public static final String CLONES_PER_DAY = "clones_per_day";

  /** Every parameter a fleet file must give, in display order. */
  public static final List<String> KEYS =
      List.of(REPOSITORIES, FORKS_PER_REPOSITORY, PUSHES_PER_DAY, CI_JOBS_PER_DAY, AGENT_COMMITS_PER_DAY, CLONES_PER_DAY);

  private static final String DEFAULTS = "fleet-example.json";

  /**
   * One fleet parameter.
   *
   * @param value 0 or more
   * @param unit what it counts, e.g. {@code pushes per day}
   * @param description what it means
   */
  public record Parameter(double value, String unit, String description) {}

  public Fleet {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if (!parameters.keySet().containsAll(KEYS)) {
      throw new IllegalArgumentException("fleet parameters must give " + KEYS + ": " + parameters.keySet());
    }
  }

  /** The value of the parameter {@code key} (one of {@link #KEYS}). */
  public double value(String key) {
    Parameter parameter = parameters.get(key);
    if (parameter == null) {
      throw new IllegalArgumentException("no fleet parameter '" + key + "'");
    }
    return parameter.value();
  }

  /**
   * The built-in example fleet ({@code fleet-example.json}).
   *
   * @throws IllegalStateException if the built-in file is missing or broken (a build error)
   */
  public static Fleet defaults() {
    try {
      return from(CostFile.resource(DEFAULTS));
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Reads a fleet file: every field of the built-in one is required, no other is allowed.
   *
   * @throws IOException with one line naming the file and what is wrong in it
   */
  public static Fleet load(Path file) throws IOException {
    return from(CostFile.read(file));
  }

  private static Fleet from(CostFile file) throws IOException {
    file.onlyFields(Set.of("description", "parameters"));
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    file.entries("parameters", KEYS)
        .forEach((k, e) -> parameters.put(k, new Parameter(e.value(), e.unit(), e.description())));
    return new Fleet(file.text("description"), parameters);
  }
}
