package dev.helios.migrate.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which refs a migration copies: those under {@code refs/} matching an include pattern (all
 * when there is none) and no exclude pattern. A pattern is a ref name where {@code *} stands for
 * any run of characters, {@code /} included ({@code refs/pull/*} drops {@code
 * refs/pull/1/head}). Immutable and thread-safe.
 */
public final class RefFilter {
  private final List<Pattern> include;
  private final List<Pattern> exclude;

  /** A filter of the given patterns. */
  public RefFilter(List<String> include, List<String> exclude) {
    this.include = include.stream().map(RefFilter::compile).toList();
    this.exclude = exclude.stream().map(RefFilter::compile).toList();
  }

  /** Whether ref {@code name} is copied. */
  public boolean test(String name) {
    if (!name.startsWith("refs/")) {
      return false;
    }
    boolean in = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(name).matches());
    return in && exclude.stream().noneMatch(p -> p.matcher(name).matches());
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
