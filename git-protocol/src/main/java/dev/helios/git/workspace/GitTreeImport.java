package dev.helios.git.workspace;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Workspace;
import dev.helios.engine.vst.Workspaces;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * Creates a workspace holding the tree of a Git commit: every blob becomes a file (executable and
 * symlink modes kept), every gitlink a gitlink, and the workspace's first snapshot carries the
 * commit's message and author. Stateless; thread-safe.
 */
public final class GitTreeImport {
  /*
   * This copies: each blob is read through JGit and written into the workspace, where it is
   * hashed with BLAKE3 and stored again. Staged content is saved every SAVE_EVERY_BYTES so a large
   * tree never sits in memory whole. Paths are JGit's UTF-8 decoding of the tree entry names.
   * A failure part-way deletes the half-filled workspace, so the name is free again.
   */

  /** The snapshot metadata key holding the imported commit's SHA-1. */
  public static final String COMMIT_KEY = "git.commit";

  /** The snapshot metadata key holding the repository the commit came from. */
  public static final String REPOSITORY_KEY = "git.repository";

  private static final long SAVE_EVERY_BYTES = 64L << 20;

  private GitTreeImport() {}

  /**
   * What an import made.
   *
   * @param snapshot the workspace's first snapshot
   * @param commit the Git commit whose tree it holds
   * @param files how many files, symlinks and gitlinks it holds
   * @param bytes the total size of the files and symlinks, in bytes
   */
  public record Result(Hash snapshot, ObjectId commit, long files, long bytes) {}

  /** The repository has no ref or object of that name, or it names no commit. */
  public static final class UnknownRefException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message naming the repository and the ref. */
    public UnknownRefException(String message) {
      super(message);
    }
  }

  /**
   * Creates workspace {@code name} with the tree of the commit {@code ref} (a branch, tag, full
   * ref name or commit id; {@code HEAD} when null) of {@code repository}, and commits it.
   *
   * @param repositoryName the repository's name, recorded in the snapshot's metadata
   * @param durability how the snapshot is made durable
   * @throws UnknownRefException if {@code ref} names no commit of the repository
   * @throws dev.helios.engine.vst.WorkspaceExistsException if the workspace exists
   * @throws IllegalArgumentException if the name is invalid or a path cannot be a workspace path
   * @throws IOException if the repository or the store cannot be read or written
   */
  public static Result createWorkspace(
      Workspaces workspaces,
      Repository repository,
      String repositoryName,
      @Nullable String ref,
      String name,
      SyncPolicy durability)
      throws IOException {
    Objects.requireNonNull(workspaces, "workspaces");
    Objects.requireNonNull(repository, "repository");
    String problem = Workspaces.nameProblem(Objects.requireNonNull(name, "name"));
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String revision = ref == null || ref.isBlank() ? Constants.HEAD : ref.strip();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = commit(repository, walk, repositoryName, revision);
      Workspace workspace = workspaces.create(name);
      boolean done = false;
      try {
        workspace.durability(durability);
        Result result = fill(workspace, walk.getObjectReader(), commit, repositoryName);
        done = true;
        return result;
      } finally {
        workspace.close();
        if (!done) {
          workspaces.delete(name);
        }
      }
    }
  }

  private static RevCommit commit(
      Repository repository, RevWalk walk, String repositoryName, String revision)
      throws IOException {
    ObjectId id = repository.resolve(revision);
    if (id == null) {
      throw new UnknownRefException(
          "repository " + repositoryName + " has no ref or commit '" + revision + "'");
    }
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          "'" + revision + "' of repository " + repositoryName + " is not a commit");
    }
  }

  private static Result fill(
      Workspace workspace, ObjectReader reader, RevCommit commit, String repositoryName)
      throws IOException {
    long files = 0;
    long bytes = 0;
    long unsaved = 0;
    try (TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        int mode = tree.getRawMode(0);
        ObjectId id = tree.getObjectId(0);
        files++;
        if (FileMode.GITLINK.equals(mode)) {
          byte[] sha1 = new byte[Constants.OBJECT_ID_LENGTH];
          id.copyRawTo(sha1, 0);
          workspace.writeGitlink(path, sha1);
          continue;
        }
        byte[] content = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        workspace.write(path, content, kind(mode));
        bytes += content.length;
        unsaved += content.length;
        if (unsaved >= SAVE_EVERY_BYTES) {
          workspace.save();
          unsaved = 0;
        }
      }
    }
    PersonIdent author = commit.getAuthorIdent();
    workspace.author(author.getName() + " <" + author.getEmailAddress() + ">");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(COMMIT_KEY, commit.name());
    metadata.put(REPOSITORY_KEY, repositoryName);
    Hash snapshot = workspace.commit(commit.getFullMessage(), metadata);
    return new Result(snapshot, commit.copy(), files, bytes);
  }

  private static EntryKind kind(int mode) {
    if (FileMode.SYMLINK.equals(mode)) {
      return EntryKind.SYMLINK;
    }
    if (FileMode.EXECUTABLE_FILE.equals(mode)) {
      return EntryKind.EXECUTABLE;
    }
    return EntryKind.FILE;
  }
}
