package dev.helios.engine.vst;

/**
 * What a directory entry is. Each kind has a one-byte code in the node encoding (never change
 * one) and the Git mode it corresponds to.
 */
public enum EntryKind {
  /** A regular file. */
  FILE(1, 0100644),
  /** A regular file with the executable bit. */
  EXECUTABLE(2, 0100755),
  /** A symbolic link; its content is the link target. */
  SYMLINK(3, 0120000),
  /** A Git submodule: a commit of another repository, named by its SHA-1. */
  GITLINK(4, 0160000),
  /** A directory. */
  DIRECTORY(5, 040000);

  private static final EntryKind[] BY_CODE = {null, FILE, EXECUTABLE, SYMLINK, GITLINK, DIRECTORY};

  private final int code;
  private final int gitMode;

  EntryKind(int code, int gitMode) {
    this.code = code;
    this.gitMode = gitMode;
  }

  /** The byte that stands for this kind in encoded nodes. */
  public int code() {
    return code;
  }

  /** The Git tree mode of this kind, e.g. {@code 0100644} for {@link #FILE}. */
  public int gitMode() {
    return gitMode;
  }

  /** Whether entries of this kind have content (files and symlinks). */
  public boolean hasContent() {
    return this == FILE || this == EXECUTABLE || this == SYMLINK;
  }

  /** Returns the kind encoded as {@code code}, or null when no kind has that code. */
  public static EntryKind fromCode(int code) {
    return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
