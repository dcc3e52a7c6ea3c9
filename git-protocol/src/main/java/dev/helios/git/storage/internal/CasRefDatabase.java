package dev.helios.git.storage.internal;

import org.eclipse.jgit.internal.storage.dfs.DfsReftableDatabase;
import org.eclipse.jgit.internal.storage.reftable.ReftableConfig;

/**
 * Refs as reftables, stored as files of packs (extension {@code ref}) like every other file.
 * Compare-and-swap of one ref and atomic batches come from JGit's {@link DfsReftableDatabase}: it
 * checks expected values under its lock and commits a new reftable through the pack list, which
 * is replaced atomically. Thread-safe.
 */
final class CasRefDatabase extends DfsReftableDatabase {
  CasRefDatabase(CasRepository repository) {
    super(repository);
  }

  @Override
  public ReftableConfig getReftableConfig() {
    ReftableConfig config = new ReftableConfig();
    // Files are cut by content, not into aligned blocks; object indexes pay off only for
    // repositories with many refs, which reftable compaction during gc produces anyway.
    config.setAlignBlocks(false);
    config.setIndexObjects(false);
    config.fromConfig(getRepository().getConfig());
    return config;
  }

  @Override
  public boolean performsAtomicTransactions() {
    return true;
  }
}
