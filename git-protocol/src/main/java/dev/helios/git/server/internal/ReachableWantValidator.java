package dev.helios.git.server.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.WantNotValidException;

/**
 * Accepts a want when the object is reachable from a ref, commits and non-commits alike.
 * Stateless and thread-safe.
 */
final class ReachableWantValidator implements UploadPack.RequestValidator {
  /*
   * Why not JGit's REACHABLE_COMMIT_TIP validator alone: for a non-commit want (the lazy fetch
   * of a blob or tree by a partial clone, "git checkout OLD" after --filter=blob:none) in a
   * repository without bitmaps, JGit's pedestrian checker only marks the trees of the ref tips
   * uninteresting, so a blob that only an older commit reaches is reported as not valid. We try
   * JGit's check first (exact and fast with bitmaps, which gc writes) and, only when it refuses,
   * walk every object reachable from the refs until all wants are seen. That walk is
   * O(reachable objects) and stops as soon as the last want is found; repositories that
   * have been collected never get there.
   *
   * Unreachable objects (left behind by a force-push or a deleted branch) stay refused, as with
   * git's uploadpack.allowReachableSHA1InWant.
   */

  private static final UploadPack.RequestValidator FAST =
      new UploadPack.ReachableCommitTipRequestValidator();

  @Override
  public void checkWants(UploadPack up, List<ObjectId> wants)
      throws PackProtocolException, IOException {
    try {
      FAST.checkWants(up, wants);
    } catch (WantNotValidException e) {
      if (!allReachable(up.getRepository(), wants)) {
        throw e;
      }
    }
  }

  static boolean allReachable(Repository repository, List<ObjectId> wants) throws IOException {
    Set<ObjectId> pending = new HashSet<>();
    for (ObjectId want : wants) {
      pending.add(want.copy());
    }
    List<Ref> refs = repository.getRefDatabase().getRefs();
    try (ObjectWalk walk = new ObjectWalk(repository)) {
      for (Ref ref : refs) {
        ObjectId id = ref.getObjectId();
        if (id == null) {
          continue;
        }
        pending.remove(id);
        try {
          walk.markStart(walk.parseAny(id));
        } catch (MissingObjectException e) {
          // A ref to a missing object reaches nothing; the other refs still count.
        }
      }
      if (pending.isEmpty()) {
        return true;
      }
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        if (pending.remove(c) && pending.isEmpty()) {
          return true;
        }
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        if (pending.remove(o) && pending.isEmpty()) {
          return true;
        }
      }
    }
    return pending.isEmpty();
  }
}
