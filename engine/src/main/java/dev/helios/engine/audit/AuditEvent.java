package dev.helios.engine.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened and must be accountable: who did what to which target, with a few
 * details. Immutable and thread-safe.
 *
 * @param actor who did it: a user name, {@value #ANONYMOUS} or {@value #SYSTEM}; not blank
 * @param action what was done, such as {@code push}, {@code user.add}, {@code grant} or {@code
 *     auth.failure}; not blank
 * @param target what it was done to (a repository, user or token); may be empty, never null
 * @param details further facts (remote address, ref, old and new ids …); copied into an
 *     unmodifiable map sorted by key, so two events with equal contents encode identically
 */
public record AuditEvent(String actor, String action, String target, Map<String, String> details) {
  /** The actor of requests that carried no credentials. */
  public static final String ANONYMOUS = "anonymous";

  /** The actor of changes Helios makes on its own (bootstrap, maintenance). */
  public static final String SYSTEM = "system";

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if any argument, detail key or detail value is null
   * @throws IllegalArgumentException if {@code actor} or {@code action} is blank
   */
  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(details, "details");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank: '" + actor + "'");
    }
    if (action.isBlank()) {
      throw new IllegalArgumentException("action must not be blank: '" + action + "'");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    details.forEach(
        (key, value) ->
            sorted.put(
                Objects.requireNonNull(key, "detail key"),
                Objects.requireNonNull(value, () -> "value of detail '" + key + "'")));
    details = Collections.unmodifiableSortedMap(sorted);
  }

  /** An event without details. */
  public static AuditEvent of(String actor, String action, String target) {
    return new AuditEvent(actor, action, target, Map.of());
  }
}
