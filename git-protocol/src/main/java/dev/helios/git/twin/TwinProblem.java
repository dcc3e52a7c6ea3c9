package dev.helios.git.twin;

/**
 * Something {@link GitTwins#check} found wrong, naming the object.
 *
 * @param object the Git object's SHA-1 (hex), or the chunk's BLAKE3 when a chunk is at fault
 * @param message what is wrong, one line
 */
public record TwinProblem(String object, String message) {
  @Override
  public String toString() {
    return object + ": " + message;
  }
}
