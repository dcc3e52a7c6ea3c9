package dev.helios.git;

import dev.helios.git.errors.InvalidRepositoryNameException;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of a repository in the store, such as {@code app} or {@code team/app}: the path a
 * client writes after {@code /git/} without the {@code .git} suffix. Immutable; compares by
 * value, ordered as strings.
 *
 * <p>A valid name is one or more segments separated by {@code '/'}; each segment is made of
 * {@code A-Z a-z 0-9 . _ -}, does not start with {@code '.'} (which also rules out {@code .} and
 * {@code ..}), and the whole name is at most {@value #MAX_LENGTH} characters.
 *
 * @param value the name, valid by the rules above
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
  /*
   * The rules keep names safe to use as URL paths, file names (helios materialize) and store
   * keys: no empty segments (so no "//", no leading or trailing '/'), no dot segments and no
   * hidden files (a leading '.'), and only ASCII characters that need no escaping anywhere.
   * The ".git" suffix is stripped by parse(), not by the constructor, so that "x.git" stays a
   * distinct, valid canonical name only when constructed on purpose; parse("x.git") is "x".
   */

  /** The longest valid name, in characters. */
  public static final int MAX_LENGTH = 200;

  private static final String SUFFIX = ".git";

  /**
   * Validates {@code value}.
   *
   * @throws InvalidRepositoryNameException if {@code value} is not a valid name
   * @throws NullPointerException if {@code value} is null
   */
  public RepositoryName {
    Objects.requireNonNull(value, "value");
    Optional<String> problem = check(value);
    if (problem.isPresent()) {
      throw new InvalidRepositoryNameException(value, problem.get());
    }
  }

  /**
   * Parses a name as a client writes it: an optional trailing {@code .git} is stripped, then the
   * rest must be valid.
   *
   * @throws InvalidRepositoryNameException if the name is not valid; the message quotes it and
   *     names the rule it breaks
   * @throws NullPointerException if {@code raw} is null
   */
  public static RepositoryName parse(String raw) {
    Objects.requireNonNull(raw, "raw");
    String stripped = strip(raw);
    Optional<String> problem = check(stripped);
    if (problem.isPresent()) {
      throw new InvalidRepositoryNameException(raw, problem.get());
    }
    return new RepositoryName(stripped);
  }

  /** Whether {@code c} may appear in a segment of a name: an ASCII letter, digit, '.', '_' or '-'. */
  public static boolean isNameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  /**
   * Returns why {@code raw} would be rejected by {@link #parse}, or empty when it is valid.
   *
   * @throws NullPointerException if {@code raw} is null
   */
  public static Optional<String> problem(String raw) {
    Objects.requireNonNull(raw, "raw");
    return check(strip(raw));
  }

  @Override
  public int compareTo(RepositoryName other) {
    return value.compareTo(other.value);
  }

  /** Returns the name itself. */
  @Override
  public String toString() {
    return value;
  }

  private static String strip(String raw) {
    // "team/.git" keeps its suffix: stripping would leave an empty segment, while the honest
    // complaint is the hidden segment ".git".
    return raw.endsWith(SUFFIX)
            && raw.length() > SUFFIX.length()
            && raw.charAt(raw.length() - SUFFIX.length() - 1) != '/'
        ? raw.substring(0, raw.length() - SUFFIX.length())
        : raw;
  }

  private static Optional<String> check(String name) {
    if (name.isEmpty()) {
      return Optional.of("the name is empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          "the name is " + name.length() + " characters long, at most " + MAX_LENGTH + " allowed");
    }
    int start = 0;
    while (true) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? name.length() : slash;
      Optional<String> problem = checkSegment(name.substring(start, end));
      if (problem.isPresent()) {
        return problem;
      }
      if (slash < 0) {
        return Optional.empty();
      }
      start = slash + 1;
    }
  }

  private static Optional<String> checkSegment(String segment) {
    if (segment.isEmpty()) {
      return Optional.of("empty segment (leading, trailing or doubled '/')");
    }
    if (segment.equals(".") || segment.equals("..")) {
      return Optional.of("segment '" + segment + "' is not allowed");
    }
    if (segment.charAt(0) == '.') {
      return Optional.of("segment '" + segment + "' starts with '.'");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (!isNameCharacter(c)) {
        return Optional.of(
            "character "
                + describe(c)
                + " in segment '"
                + segment
                + "' is not allowed (only A-Z a-z 0-9 . _ -)");
      }
    }
    return Optional.empty();
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
