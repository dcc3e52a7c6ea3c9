package dev.helios.git.storage.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.gc.ChunkCollector;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.git.RepositoryName;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryBuilder;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.internal.storage.reftable.ReftableConfig;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * A Git repository stored on the chunk store: JGit's DFS repository with {@link CasObjDatabase}
 * for objects and {@link CasRefDatabase} for refs. Thread-safe, as JGit repositories are.
 */
public final class CasRepository extends DfsRepository {
  private final RepositoryName name;
  private final RepositoryRecord record;
  private final KvConfig config;
  private final CasObjDatabase objdb;
  private final CasRefDatabase refdb;
  private final ReentrantLock gcLock = new ReentrantLock();

  private CasRepository(
      RepositoryName name,
      RepositoryRecord record,
      ChunkStore chunks,
      KeyValueStore meta,
      ChunkCollector collector,
      Duration retention)
      throws IOException {
    super(new Builder().setRepositoryDescription(new DfsRepositoryDescription(name.value())));
    this.name = name;
    this.record = record;
    this.config = new KvConfig(meta, MetaKeys.config(record.id()));
    try {
      config.load();
    } catch (ConfigInvalidException e) {
      throw new IOException("invalid configuration of repository '" + name + "': " + e.getMessage(), e);
    }
    this.objdb = new CasObjDatabase(
            this, chunks, meta, collector, retention, MetaKeys.packs(record.id()));
    this.refdb = new CasRefDatabase(this);
  }

  /**
   * Opens the repository {@code name} whose registry entry is {@code record}. New packs are
   * written through {@code collector}'s tracking, and the files of packs replaced by gc are
   * retained there for {@code retention}.
   *
   * @throws IOException if its configuration cannot be read
   */
  public static CasRepository open(
      RepositoryName name,
      RepositoryRecord record,
      ChunkStore chunks,
      KeyValueStore meta,
      ChunkCollector collector,
      Duration retention)
      throws IOException {
    return new CasRepository(name, record, chunks, meta, collector, retention);
  }

  /** The repository's name. */
  public RepositoryName name() {
    return name;
  }

  /** The repository's registry entry. */
  public RepositoryRecord record() {
    return record;
  }

  @Override
  public CasObjDatabase getObjectDatabase() {
    return objdb;
  }

  @Override
  public RefDatabase getRefDatabase() {
    return refdb;
  }

  @Override
  public StoredConfig getConfig() {
    return config;
  }

  /**
   * The number of packs, their total size in bytes, the objects in packs without a reachability
   * bitmap, from the stored pack list.
   *
   * @throws IOException if the pack list cannot be read (the repository was deleted, say)
   */
  public PackSummary packSummary() throws IOException {
    List<CasPackDescription> packs = objdb.currentPacks();
    long bytes = 0;
    long unbitmapped = 0;
    for (CasPackDescription pack : packs) {
      bytes += pack.totalBytes();
      if (!pack.hasFileExt(PackExt.BITMAP_INDEX)) {
        unbitmapped += pack.getObjectCount();
      }
    }
    return new PackSummary(packs.size(), bytes, unbitmapped);
  }

  /**
   * Calls {@code action} for every chunk (manifests and data) of every file the stored pack list
   * refers to.
   *
   * @throws IOException if the pack list or a manifest cannot be read
   */
  public void forEachReferencedChunk(
      Consumer<Hash> action, ChunkStore chunks)
      throws IOException {
    for (CasPackDescription pack : objdb.currentPacks()) {
      for (PackExt ext : PackExt.values()) {
        ChunkedFile file = pack.file(ext);
        if (file != null) {
          ChunkedFileReader.open(chunks, file).forEachReferencedChunk(action);
        }
      }
    }
  }

  /**
   * Adds the shareable packs of {@code from} to this repository's pack list; see {@code
   * RepositoryStore.sharePacksOf}. Returns how many packs were added.
   *
   * @throws IOException if a pack list or a manifest cannot be read, or the list cannot be written
   */
  public int sharePacksOf(CasRepository from) throws IOException {
    return objdb.sharePacksOf(from.objdb);
  }

  /**
   * Removes every pack of unreachable objects from the pack list, as one atomic replace.
   * Returns how many were removed.
   *
   * @throws IOException if the pack list cannot be read or written
   */
  public int dropGarbagePacks() throws IOException {
    List<DfsPackDescription> garbage = new ArrayList<>();
    for (CasPackDescription pack : objdb.currentPacks()) {
      if (pack.getPackSource() == PackSource.UNREACHABLE_GARBAGE) {
        garbage.add(pack);
      }
    }
    if (!garbage.isEmpty()) {
      objdb.dropPacks(garbage);
    }
    return garbage.size();
  }

  /** The reftable settings of this repository's ref database. */
  ReftableConfig reftableConfig() {
    return refdb.getReftableConfig();
  }

  /** Serializes garbage collections of this repository. */
  ReentrantLock gcLock() {
    return gcLock;
  }

  /**
   * Packs and bytes of a pack list.
   *
   * @param count the number of packs
   * @param bytes the total size of their files
   */
  /**
   * What the pack list holds.
   *
   * @param count packs
   * @param bytes bytes of all their files
   * @param objectsWithoutBitmap objects in packs that have no reachability bitmap: what a clone
   *     must walk to count what it sends
   */
  public record PackSummary(int count, long bytes, long objectsWithoutBitmap) {}

  private static final class Builder extends DfsRepositoryBuilder<Builder, CasRepository> {
    @Override
    public CasRepository build() {
      throw new UnsupportedOperationException("use CasRepository.open");
    }
  }
}
