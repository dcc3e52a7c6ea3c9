package dev.helios.migrate.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.jspecify.annotations.Nullable;

/** Compares a copy with its source: refs one by one, objects by count. Stateless. */
public final class Verification {
  private Verification() {}

  /**
   * Checks that the refs {@code copied} point at the same objects in {@code ours} as in {@code
   * source}, and that {@code ours} has no other refs.
   *
   * @throws MigrationFailure naming the first ref that differs
   */
  public static void compareRefs(Map<String, Ref> source, List<String> copied, Map<String, ObjectId> ours)
      throws MigrationFailure {
    for (String name : copied) {
      ObjectId expected = source.get(name).getObjectId();
      ObjectId actual = ours.get(name);
      if (actual == null) {
        throw new MigrationFailure("ref " + name + " is " + abbreviate(expected) + " in the source but missing here");
      }
      if (!actual.equals(expected)) {
        throw new MigrationFailure(
            "ref " + name + " is " + abbreviate(expected) + " in the source but " + abbreviate(actual) + " here");
      }
    }
    Set<String> extra = new TreeSet<>(ours.keySet());
    copied.forEach(extra::remove);
    if (!extra.isEmpty()) {
      throw new MigrationFailure("ref " + extra.iterator().next() + " is here but not copied from the source");
    }
  }

  /** The ids of every ref under {@code refs/} of {@code repository}, by name. */
  public static Map<String, ObjectId> refsOf(Repository repository) throws IOException {
    Map<String, ObjectId> refs = new java.util.HashMap<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
      if (ref.getObjectId() != null) {
        refs.put(ref.getName(), ref.getObjectId());
      }
    }
    return refs;
  }

  /**
   * Counts the objects reachable from {@code tips} in {@code repository}, checking that every
   * one of them, blobs included, is present; commits in {@code shallow} are treated as having no
   * parents.
   *
   * @throws MissingObjectException if a reachable object is absent
   */
  public static long countObjects(Repository repository, Collection<ObjectId> tips, Set<ObjectId> shallow)
      throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        ObjectWalk walk = new ObjectWalk(reader)) {
      if (!shallow.isEmpty()) {
        walk.assumeShallow(shallow);
      }
      for (ObjectId tip : new java.util.HashSet<>(tips)) {
        walk.markStart(walk.parseAny(tip));
      }
      long count = 0;
      while (walk.next() != null) {
        count++;
      }
      List<ObjectId> blobs = new ArrayList<>();
      RevObject object;
      while ((object = walk.nextObject()) != null) {
        count++;
        if (object.getType() == Constants.OBJ_BLOB) {
          blobs.add(object.copy());
          if (blobs.size() == 4096) {
            checkPresent(reader, blobs);
          }
        }
      }
      checkPresent(reader, blobs);
      return count;
    }
  }

  private static void checkPresent(ObjectReader reader, List<ObjectId> blobs) throws IOException {
    for (ObjectId id : blobs) {
      if (!reader.has(id)) {
        throw new MissingObjectException(id, Constants.OBJ_BLOB);
      }
    }
    blobs.clear();
  }

  static String abbreviate(@Nullable ObjectId id) {
    return id == null ? "(none)" : id.abbreviate(10).name() + "…";
  }
}
