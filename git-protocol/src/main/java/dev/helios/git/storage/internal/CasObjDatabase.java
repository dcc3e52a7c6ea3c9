package dev.helios.git.storage.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.cas.file.ChunkedFileWriter;
import dev.helios.engine.gc.ChunkCollector;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.git.errors.RepositoryNotFoundException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.jspecify.annotations.Nullable;

/**
 * The object database of a {@link CasRepository}: packs whose files are chunked files in the
 * chunk store, listed by a pack list in the metadata store. Thread-safe.
 */
final class CasObjDatabase extends DfsObjDatabase {
  /*
   * Commit protocol. A new pack's files are written (chunks acknowledged by the chunk store)
   * and closed before JGit calls commitPack. commitPackImpl then reads the pack list, computes
   * "new packs + current packs - replaced packs" and stores it with compareAndSet against the
   * bytes it read, retrying on a lost race. So the list changes all-or-nothing, and a commit
   * that replaces packs (gc, reftable compaction) removes exactly the packs it names: packs
   * committed meanwhile by others stay. The chunks were written before the list that names
   * them, and both stores share RocksDB's WAL, so after a crash a recovered list never names a
   * missing chunk.
   *
   * A repository deleted meanwhile has no pack list: the commit fails (and JGit rolls back).
   */

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CasRepository repository;
  private final ChunkStore chunks;
  private final KeyValueStore meta;
  private final ChunkCollector collector;
  private final Duration retention;
  private final byte[] packsKey;
  private volatile List<CasPackDescription> lastListed = List.of();

  CasObjDatabase(
      CasRepository repository,
      ChunkStore chunks,
      KeyValueStore meta,
      ChunkCollector collector,
      Duration retention,
      byte[] packsKey) {
    super(repository, new DfsReaderOptions());
    this.repository = repository;
    this.chunks = chunks;
    this.meta = meta;
    this.collector = collector;
    this.retention = retention;
    this.packsKey = packsKey;
  }

  @Override
  protected DfsPackDescription newPack(PackSource source) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String name = "pack-" + HexFormat.of().formatHex(id) + "-" + source.name();
    CasPackDescription pack =
        new CasPackDescription(repository.getDescription(), name, source, collector.newLiveSet());
    pack.setLastModified(System.currentTimeMillis());
    return pack;
  }

  @Override
  protected void commitPackImpl(
      Collection<DfsPackDescription> desc, @Nullable Collection<DfsPackDescription> replaces)
      throws IOException {
    Set<String> replaced = new HashSet<>();
    if (replaces != null) {
      for (DfsPackDescription pack : replaces) {
        replaced.add(pack.getPackName());
      }
    }
    List<ChunkedFile> replacedFiles = new ArrayList<>();
    while (true) {
      byte[] old = readList();
      List<CasPackDescription> next = new ArrayList<>();
      for (DfsPackDescription pack : desc) {
        next.add((CasPackDescription) pack);
      }
      replacedFiles.clear();
      for (CasPackDescription pack : decode(old)) {
        if (!replaced.contains(pack.getPackName())) {
          next.add(pack);
        } else {
          replacedFiles.addAll(pack.files());
        }
      }
      if (meta.compareAndSet(packsKey, old, PackListCodec.encode(next))) {
        break;
      }
    }
    collector.retain(replacedFiles, retention);
    for (DfsPackDescription pack : desc) {
      forget(pack);
    }
    clearCache();
  }

  @Override
  protected void rollbackPack(Collection<DfsPackDescription> desc) {
    // The pack was never listed; its chunks are garbage for the next sweep.
    for (DfsPackDescription pack : desc) {
      forget(pack);
    }
  }

  @Override
  protected List<DfsPackDescription> listPacks() throws IOException {
    List<CasPackDescription> packs = decode(readList());
    lastListed = packs;
    return new ArrayList<>(packs);
  }

  @Override
  protected ReadableChannel openFile(DfsPackDescription desc, PackExt ext) throws IOException {
    ChunkedFileReader reader = ((CasPackDescription) desc).reader(chunks, ext);
    if (reader == null) {
      throw new FileNotFoundException(
          desc.getFileName(ext) + " of repository " + repository.getDescription().getRepositoryName());
    }
    return new CasReadableChannel(reader);
  }

  @Override
  protected DfsOutputStream writeFile(DfsPackDescription desc, PackExt ext) {
    CasPackDescription pack = (CasPackDescription) desc;
    Set<Hash> pending = pack.pending();
    if (pending == null) {
      throw new IllegalStateException("pack " + pack.getPackName() + " is committed; not writable");
    }
    return new CasOutputStream(
        ChunkedFileWriter.create(collector.trackingStore(pending)), pack, ext);
  }

  @Override
  public long getApproximateObjectCount() {
    long count = 0;
    for (CasPackDescription pack : lastListed) {
      count += pack.getObjectCount();
    }
    return count;
  }

  /** Removes {@code packs} from the pack list, as one atomic replace. */
  void dropPacks(List<DfsPackDescription> packs) throws IOException {
    commitPack(List.of(), packs);
  }

  /**
   * Adds to this pack list the shareable packs of {@code from}'s current list that it does not
   * list yet (by name), as copies without their reftables; no file is copied. Returns how many
   * were added.
   *
   * @throws RepositoryNotFoundException if either repository was deleted
   * @throws IOException if a pack list or a manifest cannot be read, or the list cannot be written
   */
  int sharePacksOf(CasObjDatabase from) throws IOException {
    List<CasPackDescription> candidates = new ArrayList<>();
    Set<Hash> hashes = new HashSet<>();
    for (CasPackDescription pack : from.currentPacks()) {
      if (pack.isShareable()) {
        CasPackDescription copy = pack.sharedWith(repository.getDescription());
        candidates.add(copy);
        for (ChunkedFile file : copy.files()) {
          ChunkedFileReader.open(chunks, file).forEachReferencedChunk(hashes::add);
        }
      }
    }
    if (candidates.isEmpty()) {
      return 0;
    }
    // Protected first, then checked still listed by `from`: packs listed there since before the
    // protection began were marked (or protected as new) by every sweep until now, and from here
    // on this list names them. A pack `from` dropped meanwhile (gc) may have lost its chunks
    // already, so it is not shared.
    int added =
        collector.protect(
            hashes,
            () -> {
              Set<String> stillListed = new HashSet<>();
              for (CasPackDescription pack : from.currentPacks()) {
                stillListed.add(pack.getPackName());
              }
              while (true) {
                byte[] old = readList();
                List<CasPackDescription> next = new ArrayList<>(decode(old));
                Set<String> listed = new HashSet<>();
                for (CasPackDescription pack : next) {
                  listed.add(pack.getPackName());
                }
                int n = 0;
                for (CasPackDescription pack : candidates) {
                  if (stillListed.contains(pack.getPackName()) && listed.add(pack.getPackName())) {
                    next.add(pack);
                    n++;
                  }
                }
                if (n == 0 || meta.compareAndSet(packsKey, old, PackListCodec.encode(next))) {
                  return n;
                }
              }
            });
    if (added > 0) {
      clearCache();
    }
    return added;
  }

  /** The packs of the current pack list, read from the metadata store. */
  List<CasPackDescription> currentPacks() throws IOException {
    return decode(readList());
  }

  private byte[] readList() throws IOException {
    Optional<byte[]> bytes = meta.get(packsKey);
    if (bytes.isEmpty()) {
      throw new RepositoryNotFoundException(repository.name());
    }
    return bytes.get();
  }

  private List<CasPackDescription> decode(byte[] bytes) throws IOException {
    return PackListCodec.decode(repository.getDescription(), bytes, "repository " + repository.name());
  }

  private void forget(DfsPackDescription pack) {
    if (pack instanceof CasPackDescription cas) {
      Set<Hash> pending = cas.pending();
      if (pending != null) {
        collector.retire(pending);
      }
    }
  }
}
