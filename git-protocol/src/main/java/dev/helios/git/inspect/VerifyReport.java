package dev.helios.git.inspect;

import dev.helios.git.RepositoryName;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RepositoryVerifier#verify} found.
 *
 * @param repository the repository verified
 * @param refs how many refs were followed
 * @param objects how many distinct objects were read and checked
 * @param full whether the twins were checked too (every content BLAKE3 and Merkle root)
 * @param twinsComplete whether no twin work was pending when the twins were checked; true when
 *     {@code full} is false
 * @param problems the problems found, at most the limit given; unmodifiable
 * @param truncated whether verification stopped at the limit, so there may be more
 */
public record VerifyReport(
    RepositoryName repository,
    int refs,
    long objects,
    boolean full,
    boolean twinsComplete,
    List<Problem> problems,
    boolean truncated) {

  public VerifyReport {
    Objects.requireNonNull(repository, "repository");
    problems = List.copyOf(problems);
  }

  /** Whether nothing was found wrong. */
  public boolean clean() {
    return problems.isEmpty();
  }

  /**
   * One thing found wrong.
   *
   * @param object the Git object's SHA-1 (hex), a ref name, or a chunk's BLAKE3 when no object
   *     can be named
   * @param message what is wrong, one line
   */
  public record Problem(String object, String message) {
    public Problem {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(message, "message");
    }

    /** {@code OBJECT: message}. */
    @Override
    public String toString() {
      return object + ": " + message;
    }
  }
}
