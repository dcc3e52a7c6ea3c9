package dev.helios.migrate.internal;

import dev.helios.migrate.Credentials;
import dev.helios.migrate.MigrationTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Groups the targets of a run into fork networks, so that the first repository of a network is
 * stored before its forks start and they can share its packs (see {@link PackSharing}). Only
 * local sources are grouped, by the root commit reached from their HEAD along first parents;
 * the others, and sources that cannot be read here, are each a group of their own. Stateless.
 */
public final class ForkNetworks {
  private ForkNetworks() {}

  /** The targets' indexes, grouped by network, groups in order of their first member. */
  public static List<List<Integer>> group(List<MigrationTarget> targets, Credentials credentials) {
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      Object key = root(targets.get(i), credentials);
      groups.computeIfAbsent(key == null ? Integer.valueOf(-1 - i) : key, k -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(groups.values());
  }

  // The root commit of HEAD's first-parent history, or null when it cannot be found cheaply.
  private static @Nullable ObjectId root(MigrationTarget target, Credentials credentials) {
    if (target.kind() != MigrationTarget.SourceKind.LOCAL
        && target.kind() != MigrationTarget.SourceKind.FILE_URL) {
      return null;
    }
    try (SourceRepository source = SourceRepository.open(target, credentials)) {
      Repository repository = source.local();
      if (repository == null) {
        return null;
      }
      Ref head = repository.exactRef("HEAD");
      if (head == null || head.getObjectId() == null) {
        return null;
      }
      try (RevWalk walk = new RevWalk(repository)) {
        walk.setFirstParent(true);
        walk.markStart(walk.parseCommit(head.getObjectId()));
        RevCommit last = null;
        for (RevCommit c = walk.next(); c != null; c = walk.next()) {
          last = c;
        }
        return last == null ? null : last.copy();
      }
    } catch (Exception e) {
      // Unreadable here: the import itself will say why; it simply runs on its own.
      return null;
    }
  }
}
