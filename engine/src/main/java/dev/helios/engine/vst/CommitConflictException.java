package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A commit lost a race: the branch it was moving had moved since the workspace last saw it.
 * Nothing was written; the workspace keeps its changes and its old head.
 */
public final class CommitConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String workspace;
  private final String branch;

  /** Creates the error for {@code branch} of {@code workspace}, expected at {@code expected}. */
  public CommitConflictException(
      String workspace, String branch, @Nullable Hash expected, @Nullable Hash actual) {
    super(
        "branch '"
            + branch
            + "' of workspace '"
            + workspace
            + "' moved to "
            + (actual == null ? "nothing" : actual.abbreviate(12))
            + " while this workspace expected "
            + (expected == null ? "it to be new" : expected.abbreviate(12))
            + "; nothing was committed");
    this.workspace = workspace;
    this.branch = branch;
  }

  /** The workspace's name. */
  public String workspace() {
    return workspace;
  }

  /** The branch that moved. */
  public String branch() {
    return branch;
  }
}
