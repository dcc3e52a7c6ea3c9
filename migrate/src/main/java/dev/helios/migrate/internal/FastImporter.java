package dev.helios.migrate.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.git.RepositoryName;
import dev.helios.git.inspect.RepositoryVerifier;
import dev.helios.git.inspect.VerifyReport;
import dev.helios.git.storage.RepositoryStore;
import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationListener.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Imports into a data directory directly (the server stopped): fetches with JGit into a new
 * repository of a {@link RepositoryStore}, points HEAD where the source's does, compares refs
 * and object counts, builds the twins and, when asked, runs the full verification. Thread-safe.
 */
public final class FastImporter implements Importer {
  /*
   * Dedup. A fork from a local source first lists the packs of the migrated repository of its
   * network that holds the most of its tips (PackSharing, RepositoryStore.sharePacksOf), then
   * receives a pack of only what those tips do not reach. Other sources, and whatever is still
   * transferred, are written as content-defined chunks (RepositoryStore), so packs that share
   * long runs of bytes share chunks. newBytes is the chunk store's growth over
   * the import and the twin build; with several jobs the imports overlap, so each figure may
   * include bytes of another repository written meanwhile (the total stays right). The chunk
   * store's own statistics are estimates on RocksDB (see ChunkStore.stats()).
   */

  private final RepositoryStore repositories;
  private final ChunkStore chunks;
  private final boolean fullVerify;
  private final boolean allowIncomplete;

  /** An importer into {@code repositories}. */
  public FastImporter(RepositoryStore repositories, boolean fullVerify, boolean allowIncomplete) {
    this.repositories = repositories;
    this.chunks = repositories.twins().storage().chunks();
    this.fullVerify = fullVerify;
    this.allowIncomplete = allowIncomplete;
  }

  @Override
  public boolean exists(RepositoryName name) throws IOException {
    var repository = repositories.open(name);
    repository.ifPresent(Repository::close);
    return repository.isPresent();
  }

  @Override
  public void discard(RepositoryName name) throws IOException {
    repositories.delete(name);
  }

  @Override
  public Outcome run(
      RepositoryName name, SourceRepository source, RefFilter filter, MigrationListener listener)
      throws IOException {
    long before = chunks.stats().storedBytes();
    List<String> copied = SourceRepository.copied(source.refs().values(), filter);
    long objects;
    long packBytes;
    try (Repository repository = repositories.create(name)) {
      listener.phase(source.target(), Phase.FETCHING);
      fetch(repository, name, source, copied, listener);
      setHead(repository, source.refs(), copied);

      listener.phase(source.target(), Phase.VERIFYING);
      Verification.compareRefs(source.refs(), copied, Verification.refsOf(repository));
      objects = count(repository, source, copied);
      packBytes = packBytes(repository);
    }
    String verify = source.local() != null ? "refs+objects" : "refs+connectivity";

    if (source.incomplete() != null) {
      // Twins and the full check walk the whole history, which an incomplete source lacks:
      // the copy is verified against the source (refs, objects up to its shallow commits) only.
      verify += " (incomplete source: no twins)";
    } else {
      listener.phase(source.target(), Phase.TWINNING);
      repositories.twins().build(name);
      if (!repositories.twins().isComplete(name)) {
        throw new MigrationFailure("twins of " + name + " are incomplete after the build");
      }
      verify += "+twins";
      if (fullVerify) {
        listener.phase(source.target(), Phase.VERIFYING_FULL);
        VerifyReport report = new RepositoryVerifier(repositories).verify(name, true, 5, n -> {});
        if (!report.clean()) {
          throw new MigrationFailure(
              "verify --full found " + report.problems().size() + " problems, first: " + report.problems().get(0));
        }
        verify += "+full";
      }
    }
    long after = chunks.stats().storedBytes();
    long newBytes = before < 0 || after < 0 ? -1 : Math.max(0, after - before);
    long sourceBytes = source.bundle() != null ? Files.size(source.bundle()) : packBytes;
    return new Outcome(copied.size(), objects, sourceBytes, packBytes, newBytes, verify);
  }

  private void fetch(
      Repository repository,
      RepositoryName name,
      SourceRepository source,
      List<String> copied,
      MigrationListener listener)
      throws IOException {
    if (copied.isEmpty()) {
      return;
    }
    Repository local = source.local();
    if (local != null) {
      // Fork networks: objects an earlier import of the network holds are shared, not copied.
      // Only local sources can tell which of its tips they hold without transferring first; an
      // incomplete (shallow or partial) source is copied as it is, to be verified as it is.
      Set<ObjectId> haves =
          source.incomplete() == null ? PackSharing.shareInto(repositories, name, local) : Set.of();
      LocalTransfer.copy(local, repository, source.refs(), copied, haves, source.target(), listener);
      return;
    }
    List<RefSpec> specs = new ArrayList<>(copied.size());
    for (String ref : copied) {
      specs.add(new RefSpec("+" + ref + ":" + ref));
    }
    try (Transport transport = source.transport(repository)) {
      transport.setTagOpt(TagOpt.NO_TAGS);
      transport.setRemoveDeletedRefs(false);
      FetchResult result = transport.fetch(new ProgressAdapter(source.target(), listener), specs);
      for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
        RefUpdate.Result r = update.getResult();
        if (r != RefUpdate.Result.NEW
            && r != RefUpdate.Result.FORCED
            && r != RefUpdate.Result.FAST_FORWARD
            && r != RefUpdate.Result.NO_CHANGE) {
          throw new MigrationFailure("cannot set ref " + update.getLocalName() + ": " + r);
        }
      }
    } catch (TransportException e) {
      throw SourceRepository.describe(source.target().source(), e);
    }
  }

  private long count(Repository repository, SourceRepository source, List<String> copied)
      throws IOException {
    List<ObjectId> tips = new ArrayList<>();
    for (String name : copied) {
      tips.add(source.refs().get(name).getObjectId());
    }
    Set<ObjectId> shallow = source.shallow();
    long ours;
    try {
      ours = Verification.countObjects(repository, tips, shallow);
    } catch (MissingObjectException e) {
      String why = allowIncomplete && source.incomplete() != null ? " (" + source.incomplete() + ")" : "";
      throw new MigrationFailure(
          "object " + e.getObjectId().name() + " reachable from the copied refs is missing here" + why, e);
    }
    Repository local = source.local();
    if (local != null) {
      long theirs;
      try {
        theirs = Verification.countObjects(local, tips, shallow);
      } catch (MissingObjectException e) {
        throw new MigrationFailure("corrupt source: object " + e.getObjectId().name() + " is missing", e);
      }
      if (theirs != ours) {
        throw new MigrationFailure(
            theirs + " objects are reachable from the copied refs in the source but " + ours + " here");
      }
    }
    return ours;
  }

  /** Points HEAD at the branch the source's HEAD names, or at a copied branch it equals. */
  static void setHead(Repository repository, Map<String, Ref> refs, List<String> copied) throws IOException {
    Ref head = refs.get(Constants.HEAD);
    if (head == null) {
      return;
    }
    String target = null;
    if (head.isSymbolic() && copied.contains(head.getTarget().getName())) {
      target = head.getTarget().getName();
    } else if (head.getObjectId() != null) {
      for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
        if (copied.contains(candidate) && head.getObjectId().equals(refs.get(candidate).getObjectId())) {
          target = candidate;
          break;
        }
      }
      if (target == null) {
        for (String name : copied) {
          if (name.startsWith(Constants.R_HEADS) && head.getObjectId().equals(refs.get(name).getObjectId())) {
            target = name;
            break;
          }
        }
      }
    }
    if (target == null) {
      return;
    }
    RefUpdate update = repository.updateRef(Constants.HEAD, false);
    RefUpdate.Result result = update.link(target);
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
      throw new MigrationFailure("cannot point HEAD at " + target + ": " + result);
    }
  }

  private static long packBytes(Repository repository) throws IOException {
    if (!(repository instanceof DfsRepository dfs)) {
      return -1;
    }
    long bytes = 0;
    for (DfsPackFile pack : dfs.getObjectDatabase().getPacks()) {
      bytes += pack.getPackDescription().getFileSize(PackExt.PACK);
    }
    return bytes;
  }
}
