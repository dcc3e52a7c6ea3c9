package dev.helios.git.storage.internal;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.cas.file.ChunkedFileReader;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.jspecify.annotations.Nullable;

/**
 * A pack of a repository on the chunk store: JGit's description plus, for each of its files, the
 * chunked file holding it. Thread-safe for reading once committed; files are attached by one
 * writer at a time while the pack is written.
 */
final class CasPackDescription extends DfsPackDescription {
  private final @Nullable ChunkedFile[] files = new ChunkedFile[PackExt.values().length];
  private final @Nullable ChunkedFileReader[] readers =
      new ChunkedFileReader[PackExt.values().length];

  /** Hashes written for this pack while it is new; null for a pack loaded from a pack list. */
  private final @Nullable Set<Hash> pending;

  CasPackDescription(
      DfsRepositoryDescription repository,
      String name,
      PackSource source,
      @Nullable Set<Hash> pending) {
    super(repository, name, source);
    this.pending = pending;
  }

  @Nullable Set<Hash> pending() {
    return pending;
  }

  synchronized void setFile(PackExt ext, ChunkedFile file) {
    files[ext.getPosition()] = file;
    readers[ext.getPosition()] = null;
    addFileExt(ext);
    setFileSize(ext, file.size());
  }

  synchronized @Nullable ChunkedFile file(PackExt ext) {
    return files[ext.getPosition()];
  }

  /** Returns a reader of the file {@code ext}, opened once and shared; null if there is none. */
  synchronized @Nullable ChunkedFileReader reader(ChunkStore store, PackExt ext)
      throws IOException {
    int i = ext.getPosition();
    ChunkedFileReader reader = readers[i];
    ChunkedFile file = files[i];
    if (reader == null && file != null) {
      reader = ChunkedFileReader.open(store, file);
      readers[i] = reader;
    }
    return reader;
  }

  /** The pack's files, in extension order. */
  synchronized List<ChunkedFile> files() {
    List<ChunkedFile> all = new ArrayList<>();
    for (ChunkedFile file : files) {
      if (file != null) {
        all.add(file);
      }
    }
    return all;
  }

  /**
   * Whether another repository may list this pack ({@link #sharedWith}): it holds objects and
   * is not a pack of unreachable garbage.
   */
  synchronized boolean isShareable() {
    return files[PackExt.PACK.getPosition()] != null
        && getPackSource() != PackSource.UNREACHABLE_GARBAGE;
  }

  /**
   * A committed copy of this pack for {@code repository}'s pack list: the same name, statistics
   * and chunked files, except the reftable, which holds this repository's refs and must never
   * become another's.
   */
  synchronized CasPackDescription sharedWith(DfsRepositoryDescription repository) {
    CasPackDescription copy = new CasPackDescription(repository, getPackName(), getPackSource(), null);
    copy.setLastModified(getLastModified());
    copy.setObjectCount(getObjectCount());
    copy.setDeltaCount(getDeltaCount());
    copy.setIndexVersion(getIndexVersion());
    copy.setEstimatedPackSize(getEstimatedPackSize());
    for (PackExt ext : PackExt.values()) {
      ChunkedFile file = files[ext.getPosition()];
      if (file != null && ext != PackExt.REFTABLE) {
        copy.setFile(ext, file);
      }
    }
    return copy;
  }

  /** The total size of the pack's files. */
  synchronized long totalBytes() {
    long total = 0;
    for (ChunkedFile file : files) {
      if (file != null) {
        total += file.size();
      }
    }
    return total;
  }
}
