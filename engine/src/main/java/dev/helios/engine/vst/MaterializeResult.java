package dev.helios.engine.vst;

/**
 * What {@link Workspaces#materialize} did to a directory.
 *
 * @param filesWritten files and symlinks written (created or replaced)
 * @param deleted files, symlinks and directories removed from the directory
 * @param unchanged files and symlinks already right on disk, left untouched
 * @param bytesWritten the content bytes of the files and symlinks written
 * @param incremental whether only the differences from the tree recorded for the directory were
 *     applied (false for a first materialize, or when that tree is not stored)
 */
public record MaterializeResult(
    long filesWritten, long deleted, long unchanged, long bytesWritten, boolean incremental) {}
