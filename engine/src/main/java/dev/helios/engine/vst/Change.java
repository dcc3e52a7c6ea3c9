package dev.helios.engine.vst;

import org.jspecify.annotations.Nullable;

/**
 * One difference between two trees, for a path that is not a directory on both sides (a
 * directory added or deleted is reported as every file under it).
 *
 * @param type what happened to the path
 * @param path the path, relative to the root, with {@code /} separators
 * @param before the entry in the old tree, null when added
 * @param after the entry in the new tree, null when deleted
 */
public record Change(Type type, String path, @Nullable DirEntry before, @Nullable DirEntry after) {
  /** What happened to a path. */
  public enum Type {
    /** Present only in the new tree. */
    ADDED,
    /** Present only in the old tree. */
    DELETED,
    /** Present in both with a different kind or content. */
    MODIFIED
  }
}
