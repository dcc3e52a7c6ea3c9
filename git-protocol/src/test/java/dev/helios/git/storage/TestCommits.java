package dev.helios.git.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/** Writes commits through the plain JGit API, for tests. */
final class TestCommits {
  private static final PersonIdent AUTHOR =
      new PersonIdent("Ada Tester", "ada@example.com", 1_700_000_000_000L, 0);

  private TestCommits() {}

  /** Inserts a commit with one file per entry (sorted names) and flushes; returns its id. */
  static ObjectId commit(
      Repository repository, Map<String, String> files, String message, ObjectId... parents)
      throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      files.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e -> {
                try {
                  ObjectId blob =
                      inserter.insert(
                          Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8));
                  tree.append(e.getKey(), FileMode.REGULAR_FILE, blob);
                } catch (IOException ex) {
                  throw new java.io.UncheckedIOException(ex);
                }
              });
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(tree));
      commit.setAuthor(AUTHOR);
      commit.setCommitter(AUTHOR);
      commit.setMessage(message);
      commit.setParentIds(parents);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  /** Moves {@code ref} from {@code expected} (null: absent) to {@code id}; returns the result. */
  static RefUpdate.Result update(Repository repository, String ref, ObjectId expected, ObjectId id)
      throws IOException {
    RefUpdate update = repository.updateRef(ref);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(id);
    return update.update();
  }
}
