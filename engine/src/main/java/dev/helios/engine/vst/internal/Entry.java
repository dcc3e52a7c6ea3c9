package dev.helios.engine.vst.internal;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entry of an in-memory directory: a file, symlink or gitlink with its hash, or a
 * subdirectory by reference. Immutable (the name hash is memoized benignly).
 */
public final class Entry {
  final String name;
  final byte[] nameUtf8;
  final EntryKind kind;
  // Content hash or padded gitlink id; null for directories.
  final @Nullable Hash hash;
  final long size;
  // The subdirectory; null unless kind == DIRECTORY.
  final @Nullable DirRef dir;
  private long nameHash;
  private boolean nameHashed;

  private Entry(
      String name, byte[] nameUtf8, EntryKind kind, @Nullable Hash hash, long size,
      @Nullable DirRef dir) {
    this.name = name;
    this.nameUtf8 = nameUtf8;
    this.kind = kind;
    this.hash = hash;
    this.size = size;
    this.dir = dir;
  }

  /** An entry with content or a gitlink. */
  public static Entry leaf(String name, EntryKind kind, Hash hash, long size) {
    if (kind == EntryKind.DIRECTORY) {
      throw new IllegalArgumentException("a directory entry needs a DirRef");
    }
    return new Entry(
        name, name.getBytes(StandardCharsets.UTF_8), kind, Objects.requireNonNull(hash), size,
        null);
  }

  /** A subdirectory entry. */
  public static Entry directory(String name, DirRef dir) {
    return new Entry(
        name, name.getBytes(StandardCharsets.UTF_8), EntryKind.DIRECTORY, null, 0,
        Objects.requireNonNull(dir));
  }

  static Entry decoded(
      String name, byte[] nameUtf8, EntryKind kind, @Nullable Hash hash, long size,
      @Nullable DirRef dir) {
    return new Entry(name, nameUtf8, kind, hash, size, dir);
  }

  /** Returns the same entry under another name. */
  public Entry renamed(String newName) {
    return new Entry(newName, newName.getBytes(StandardCharsets.UTF_8), kind, hash, size, dir);
  }

  public String name() {
    return name;
  }

  public EntryKind kind() {
    return kind;
  }

  public long size() {
    return size;
  }

  /** The content hash or padded gitlink id; null for a directory. */
  public @Nullable Hash hash() {
    return hash;
  }

  /** The subdirectory, or null when this is not a directory. */
  public @Nullable DirRef dir() {
    return dir;
  }

  /** The public view; for a directory its address is computed (encoding what is unsaved). */
  public DirEntry toDirEntry() {
    if (dir != null) {
      return new DirEntry(name, kind, dir.address(), 0);
    }
    return new DirEntry(name, kind, Objects.requireNonNull(hash), size);
  }

  /** Whether the two entries are the same kind with the same content or the same tree. */
  public boolean sameAs(Entry other) {
    if (kind != other.kind) {
      return false;
    }
    if (dir != null) {
      return dir == other.dir || dir.address().equals(Objects.requireNonNull(other.dir).address());
    }
    return size == other.size && Objects.equals(hash, other.hash);
  }

  // 64 bits of BLAKE3 of the name: routes the entry in a sharded directory. Part of the format.
  long nameHash() {
    if (!nameHashed) {
      nameHash = nameHashOf(nameUtf8);
      nameHashed = true;
    }
    return nameHash;
  }

  static long nameHashOf(byte[] utf8) {
    byte[] h = Blake3.hash(utf8).toBytes();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }

  @Override
  public String toString() {
    return name + " (" + kind + ")";
  }
}
