package dev.helios.git.inspect;

import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.storage.RepositoryStore;
import dev.helios.git.twin.GitTwins;
import dev.helios.git.twin.TwinProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Checks a repository as {@code git fsck} does for what its refs reach: every object reachable
 * from every ref exists, has the type its referrer says, parses ({@link ObjectChecker}) and
 * hashes to its SHA-1. With {@code full}, it also recomputes every twin ({@link GitTwins#check}):
 * the BLAKE3 of all content and every node up to each snapshot's Merkle root. Thread-safe; one
 * call reads one repository.
 */
public final class RepositoryVerifier {
  /*
   * The walk is our own depth-first traversal rather than JGit's ObjectWalk so that one missing
   * or unreadable object becomes one problem and the walk goes on with the rest (ObjectWalk's
   * state is undefined after it throws). Each object is read once (a seen set), inflated in
   * full (blobs as a stream, so large ones are never held in memory) and its SHA-1 recomputed
   * from the bytes, which catches damage that inflates cleanly.
   *
   * Failures of the store underneath (a chunk of a pack that is missing or does not hash to its
   * BLAKE3) surface from JGit as IOExceptions whose cause chain holds the engine's exception; the
   * problem names the object being read and the message names the chunk. The checks git fsck
   * treats only as warnings (zero-padded modes, odd names such as "." or ".git", null SHA-1s)
   * are not problems here either: they are valid history that real repositories carry.
   */

  /** Objects between two progress reports. */
  static final int PROGRESS_EVERY = 1000;

  private static final int BUFFER = 64 * 1024;

  private final RepositoryStore repositories;

  /**
   * Creates a verifier of the repositories of {@code repositories} and their twins.
   *
   * @throws NullPointerException if {@code repositories} is null
   */
  public RepositoryVerifier(RepositoryStore repositories) {
    this.repositories = Objects.requireNonNull(repositories, "repositories");
  }

  /**
   * Verifies repository {@code name}, reporting at most {@code limit} problems; {@code progress}
   * is called with the number of objects checked so far, now and then.
   *
   * @throws RepositoryNotFoundException if there is no such repository
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws IOException if the repository cannot be opened at all
   */
  public VerifyReport verify(RepositoryName name, boolean full, int limit, LongConsumer progress)
      throws IOException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(progress, "progress");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0: " + limit);
    }
    Walk walk = new Walk(limit, progress);
    int refs;
    try (Repository repository =
            repositories.open(name).orElseThrow(() -> new RepositoryNotFoundException(name));
        ObjectReader reader = repository.newObjectReader()) {
      refs = walk.start(repository);
      walk.run(reader);
    }
    boolean twinsComplete = true;
    if (full && !walk.full()) {
      GitTwins twins = repositories.twins();
      twinsComplete = twins.isComplete(name);
      for (TwinProblem p : twins.check(name, limit - walk.problems.size())) {
        walk.problem(p.object(), p.message());
      }
    }
    return new VerifyReport(
        name, refs, walk.objects, full, twinsComplete, walk.problems, walk.full());
  }

  /** The state of one verification. Confined to the calling thread. */
  private static final class Walk {
    private final int limit;
    private final LongConsumer progress;
    private final ObjectChecker checker = new ObjectChecker();
    private final Deque<Pending> stack = new ArrayDeque<>();
    private final Set<ObjectId> seen = new HashSet<>();
    private final List<VerifyReport.Problem> problems = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER];
    private long objects;

    Walk(int limit, LongConsumer progress) {
      this.limit = limit;
      this.progress = progress;
      for (ObjectChecker.ErrorType warning :
          new ObjectChecker.ErrorType[] {
            ObjectChecker.ErrorType.NULL_SHA1,
            ObjectChecker.ErrorType.ZERO_PADDED_FILEMODE,
            ObjectChecker.ErrorType.EMPTY_NAME,
            ObjectChecker.ErrorType.FULL_PATHNAME,
            ObjectChecker.ErrorType.HAS_DOT,
            ObjectChecker.ErrorType.HAS_DOTDOT,
            ObjectChecker.ErrorType.HAS_DOTGIT,
            ObjectChecker.ErrorType.BAD_DATE,
            ObjectChecker.ErrorType.BAD_EMAIL,
            ObjectChecker.ErrorType.BAD_TIMEZONE,
            ObjectChecker.ErrorType.MISSING_EMAIL,
            ObjectChecker.ErrorType.MISSING_SPACE_BEFORE_DATE
          }) {
        checker.setIgnore(warning, true);
      }
    }

    /** Pushes the object of every ref; returns how many refs there are. */
    int start(Repository repository) {
      List<Ref> refs;
      try {
        refs = repository.getRefDatabase().getRefs();
      } catch (IOException e) {
        problem("refs", "cannot read the refs: " + describe(e));
        return 0;
      }
      int count = 0;
      for (Ref ref : refs) {
        count++;
        ObjectId id = ref.getObjectId();
        if (id != null) { // an unborn branch, such as HEAD of an empty repository
          push(id, Constants.OBJ_BAD, "ref " + ref.getName());
        }
      }
      return count;
    }

    void run(ObjectReader reader) {
      while (!stack.isEmpty() && !full()) {
        Pending next = stack.pop();
        try {
          check(reader, next);
        } catch (MissingObjectException e) {
          problem(next.id.name(), "missing " + typeName(next.type) + " (" + next.referrer + ")");
        } catch (CorruptObjectException e) {
          problem(next.id.name(), describe(e));
        } catch (IOException e) {
          problem(next.id.name(), "cannot read: " + describe(e));
        } catch (RuntimeException e) {
          // A damaged pack can make JGit fail unchecked; that is one bad object, not the end.
          problem(next.id.name(), "cannot read: " + describe(e));
        }
        objects++;
        if (objects % PROGRESS_EVERY == 0) {
          progress.accept(objects);
        }
      }
      progress.accept(objects);
    }

    private void check(ObjectReader reader, Pending p) throws IOException {
      ObjectLoader loader = reader.open(p.id);
      int type = loader.getType();
      if (p.type != Constants.OBJ_BAD && type != p.type) {
        problem(p.id.name(), "is a " + typeName(type) + ", expected a " + typeName(p.type)
            + " (" + p.referrer + ")");
        return;
      }
      if (type == Constants.OBJ_BLOB) {
        checkBlob(p.id, loader);
        return;
      }
      byte[] raw = loader.getCachedBytes(Integer.MAX_VALUE);
      checkHash(p.id, type, raw);
      checker.check(p.id, type, raw);
      switch (type) {
        case Constants.OBJ_COMMIT -> commitLinks(p.id, raw);
        case Constants.OBJ_TREE -> treeLinks(p.id, raw);
        case Constants.OBJ_TAG -> tagLinks(p.id, raw);
        default -> problem(p.id.name(), "unknown object type " + type);
      }
    }

    private void checkBlob(ObjectId id, ObjectLoader loader) throws IOException {
      MessageDigest sha1 = Constants.newMessageDigest();
      long size = loader.getSize();
      sha1.update(Constants.encodedTypeString(Constants.OBJ_BLOB));
      sha1.update((byte) ' ');
      sha1.update(Constants.encodeASCII(size));
      sha1.update((byte) 0);
      long read = 0;
      try (InputStream in = loader.openStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha1.update(buffer, 0, n);
          read += n;
        }
      }
      ObjectId actual = ObjectId.fromRaw(sha1.digest());
      if (read != size) {
        problem(id.name(), "blob inflates to " + read + " bytes, its header says " + size);
      } else if (!id.equals(actual)) {
        problem(id.name(), "hash mismatch: the blob's bytes hash to " + actual.name());
      }
    }

    private void checkHash(ObjectId id, int type, byte[] raw) {
      ObjectId actual;
      try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
        actual = formatter.idFor(type, raw);
      }
      if (!id.equals(actual)) {
        problem(id.name(), "hash mismatch: the " + typeName(type) + "'s bytes hash to "
            + actual.name());
      }
    }

    private void commitLinks(ObjectId commit, byte[] raw) {
      String referrer = "commit " + commit.name();
      for (String line : header(raw)) {
        if (line.startsWith("tree ")) {
          push(ObjectId.fromString(line.substring(5, 45)), Constants.OBJ_TREE, referrer);
        } else if (line.startsWith("parent ")) {
          push(ObjectId.fromString(line.substring(7, 47)), Constants.OBJ_COMMIT, referrer);
        }
      }
    }

    private void tagLinks(ObjectId tag, byte[] raw) {
      ObjectId object = null;
      int type = Constants.OBJ_BAD;
      for (String line : header(raw)) {
        if (line.startsWith("object ")) {
          object = ObjectId.fromString(line.substring(7, 47));
        } else if (line.startsWith("type ")) {
          type = typeCode(line.substring(5));
        }
      }
      if (object != null) {
        push(object, type, "tag " + tag.name());
      }
    }

    private void treeLinks(ObjectId tree, byte[] raw) {
      String referrer = "tree " + tree.name();
      CanonicalTreeParser parser = new CanonicalTreeParser();
      parser.reset(raw);
      while (!parser.eof()) {
        FileMode mode = parser.getEntryFileMode();
        if (mode != FileMode.GITLINK) { // a submodule's commit lives in another repository
          int type = mode == FileMode.TREE ? Constants.OBJ_TREE : Constants.OBJ_BLOB;
          push(parser.getEntryObjectId(), type, referrer + " entry " + parser.getEntryPathString());
        }
        parser.next();
      }
    }

    private void push(ObjectId id, int type, String referrer) {
      if (seen.add(id.copy())) {
        stack.push(new Pending(id.copy(), type, referrer));
      }
    }

    void problem(String object, String message) {
      if (!full()) {
        problems.add(new VerifyReport.Problem(object, message));
      }
    }

    boolean full() {
      return problems.size() >= limit;
    }

    // The header lines of a commit or tag (already checked by ObjectChecker): up to the blank line.
    private static List<String> header(byte[] raw) {
      List<String> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == '\n') {
          if (i == start) {
            break;
          }
          lines.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return lines;
    }

    private static int typeCode(String name) {
      return switch (name) {
        case Constants.TYPE_COMMIT -> Constants.OBJ_COMMIT;
        case Constants.TYPE_TREE -> Constants.OBJ_TREE;
        case Constants.TYPE_BLOB -> Constants.OBJ_BLOB;
        case Constants.TYPE_TAG -> Constants.OBJ_TAG;
        default -> Constants.OBJ_BAD;
      };
    }

    private static String typeName(int type) {
      return switch (type) {
        case Constants.OBJ_COMMIT -> Constants.TYPE_COMMIT;
        case Constants.OBJ_TREE -> Constants.TYPE_TREE;
        case Constants.OBJ_BLOB -> Constants.TYPE_BLOB;
        case Constants.OBJ_TAG -> Constants.TYPE_TAG;
        default -> "object";
      };
    }
  }

  /** An object to check, the type its referrer expects (OBJ_BAD: any) and who refers to it. */
  private record Pending(ObjectId id, int type, String referrer) {}

  /** One line for {@code e}: the chunk's message when the store underneath failed. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MissingChunkException || t instanceof CorruptChunkException) {
        return t.getMessage();
      }
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
