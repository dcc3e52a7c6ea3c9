package dev.helios.git.errors;

/**
 * A string is not a valid repository name. The message quotes the name and says which rule it
 * breaks; {@link #rule()} gives the rule alone, for user-facing output.
 */
public final class InvalidRepositoryNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String rule;

  /** Creates the error for {@code raw}, which breaks {@code rule}. */
  public InvalidRepositoryNameException(String raw, String rule) {
    super("invalid repository name '" + raw + "': " + rule);
    this.rule = rule;
  }

  /** The rule the name breaks, as a short sentence fragment. */
  public String rule() {
    return rule;
  }
}
