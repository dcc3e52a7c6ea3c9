package dev.helios.migrate.internal;

import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.storage.RepositoryInfo;
import dev.helios.git.storage.RepositoryStore;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Shares the packs of an already migrated repository of the same fork network with a repository
 * being imported from a local source ({@link RepositoryStore#sharePacksOf}), and returns the
 * commits whose history the import then need not transfer. Stateless and thread-safe.
 */
final class PackSharing {
  /*
   * Choice of the repository shared from: among the other repositories of the data directory
   * whose twins are complete (so not one being imported right now), the one with the most ref
   * tips the source also holds. Its history from those tips is then checked complete (an
   * incomplete import from a shallow or partial source lacks part of it): an object walk, as the
   * verification does, so about as costly as verifying the fork once more. Sharing is an
   * optimisation: when anything about it fails, the import transfers everything, as without it.
   *
   * Scanning every repository's refs is linear in the number of repositories; fine for a
   * migration, which imports them one by one anyway.
   */

  private PackSharing() {}

  /**
   * Shares with {@code into} the packs of the repository with the most ref tips {@code source}
   * holds, and returns those tips (commits and others whose complete history {@code into} now
   * holds); empty when no repository qualifies.
   *
   * @throws IOException if the data directory cannot be read or written
   */
  static Set<ObjectId> shareInto(RepositoryStore repositories, RepositoryName into, Repository source)
      throws IOException {
    RepositoryName best = null;
    Set<ObjectId> bestTips = Set.of();
    for (RepositoryInfo info : repositories.list()) {
      RepositoryName name = info.name();
      if (name.equals(into) || !repositories.twins().isComplete(name)) {
        continue;
      }
      Set<ObjectId> tips = containedTips(repositories, name, source);
      if (tips.size() > bestTips.size()) {
        best = name;
        bestTips = tips;
      }
    }
    if (best == null || !historyComplete(repositories, best, bestTips)) {
      return Set.of();
    }
    try {
      repositories.sharePacksOf(best, into);
    } catch (RepositoryNotFoundException e) {
      Optional<Repository> self = repositories.open(into);
      if (self.isEmpty()) {
        throw e;
      }
      self.get().close();
      return Set.of(); // the chosen one was deleted meanwhile: transfer everything
    }
    try (Repository repository = repositories.open(into).orElseThrow(() -> new RepositoryNotFoundException(into))) {
      for (ObjectId tip : bestTips) {
        if (!repository.getObjectDatabase().has(tip)) {
          return Set.of(); // its packs changed meanwhile (gc): the haves are not all here
        }
      }
    }
    return bestTips;
  }

  private static Set<ObjectId> containedTips(
      RepositoryStore repositories, RepositoryName name, Repository source) throws IOException {
    Optional<Repository> opened = repositories.open(name);
    if (opened.isEmpty()) {
      return Set.of();
    }
    Set<ObjectId> tips = new HashSet<>();
    try (Repository repository = opened.get()) {
      for (ObjectId tip : Verification.refsOf(repository).values()) {
        if (source.getObjectDatabase().has(tip)) {
          tips.add(tip.copy());
        }
      }
    }
    return tips;
  }

  private static boolean historyComplete(RepositoryStore repositories, RepositoryName name, Set<ObjectId> tips)
      throws IOException {
    Optional<Repository> opened = repositories.open(name);
    if (opened.isEmpty()) {
      return false;
    }
    try (Repository repository = opened.get()) {
      Verification.countObjects(repository, tips, Set.of());
      return true;
    } catch (MissingObjectException e) {
      return false;
    }
  }
}
