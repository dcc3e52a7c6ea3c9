package dev.helios.git.workspace;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Creates a workspace that starts at a Git commit of a repository: its branch {@value
 * Workspaces#DEFAULT_BRANCH} points at the commit's twin snapshot. Stateless; thread-safe.
 */
public final class GitTreeImport {
  /*
   * Nothing is copied: the commit's twin (built now if the repository's twins are not complete
   * yet) is a snapshot whose files are the Git blobs, read through the content index from the
   * pack. The workspace's first snapshot is therefore the twin itself, with the commit's
   * message, author and time, and publishing it again yields the same commit.
   */

  private GitTreeImport() {}

  /**
   * What an import made.
   *
   * @param snapshot the snapshot the workspace starts at: the twin of {@code commit}
   * @param commit the Git commit
   */
  public record Result(Hash snapshot, ObjectId commit) {
    public Result {
      Objects.requireNonNull(snapshot, "snapshot");
      commit = commit.copy();
    }
  }

  /** The repository has no ref or object of that name, or it names no commit. */
  public static final class UnknownRefException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message naming the repository and the ref. */
    public UnknownRefException(String message) {
      super(message);
    }
  }

  /**
   * Creates workspace {@code name} starting at the commit {@code ref} (a branch, tag, full ref
   * name or commit id; {@code HEAD} when null) of {@code repository}. Writes no file content: the
   * workspace's files are the repository's blobs.
   *
   * @throws UnknownRefException if {@code ref} names no commit of the repository
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws dev.helios.engine.vst.WorkspaceExistsException if the workspace exists
   * @throws IllegalArgumentException if the name is invalid
   * @throws IOException if the repository or the store cannot be read or written
   */
  public static Result createWorkspace(
      RepositoryStore repositories, RepositoryName repository, @Nullable String ref, String name)
      throws IOException {
    Objects.requireNonNull(repositories, "repositories");
    Objects.requireNonNull(repository, "repository");
    String problem = Workspaces.nameProblem(Objects.requireNonNull(name, "name"));
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String revision = ref == null || ref.isBlank() ? Constants.HEAD : ref.strip();
    ObjectId commit = resolve(repositories, repository, revision);
    Hash snapshot;
    try {
      snapshot = repositories.twins().snapshot(repository, commit.name());
    } catch (IllegalArgumentException e) {
      // A commit that no ref reaches has no twin, or one gone since the resolve (gc).
      throw new UnknownRefException(e.getMessage());
    }
    repositories.twins().storage().workspaces().create(name, snapshot).close();
    return new Result(snapshot, commit);
  }

  private static ObjectId resolve(
      RepositoryStore repositories, RepositoryName name, String revision) throws IOException {
    try (Repository repository =
            repositories.open(name).orElseThrow(() -> new RepositoryNotFoundException(name));
        RevWalk walk = new RevWalk(repository)) {
      ObjectId id = repository.resolve(revision);
      if (id == null) {
        throw new UnknownRefException(
            "repository " + name + " has no ref or commit '" + revision + "'");
      }
      try {
        RevCommit commit = walk.parseCommit(id);
        return commit.copy();
      } catch (IncorrectObjectTypeException e) {
        throw new UnknownRefException(
            "'" + revision + "' of repository " + name + " is not a commit");
      }
    }
  }
}
