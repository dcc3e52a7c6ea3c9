package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a directory of the Virtual State Tree.
 *
 * <p>{@code hash} depends on the kind: for files and symlinks it is the BLAKE3 of the content
 * (and {@code size} its length in bytes); for a directory it is the address of the directory
 * node (and {@code size} 0); for a gitlink it holds the submodule commit's 20-byte SHA-1 followed
 * by 12 zero bytes (and {@code size} 0) — use {@link #gitlink} and {@link #gitlinkId}.
 *
 * @param name the entry's name: not empty, no {@code /} or NUL, not {@code .} or {@code ..}
 * @param kind what the entry is
 * @param hash the content hash, node address or padded SHA-1, as above
 * @param size the content length for files and symlinks, otherwise 0
 */
public record DirEntry(String name, EntryKind kind, Hash hash, long size) {
  /** Length of a Git SHA-1 object id in bytes. */
  public static final int SHA1_LENGTH = 20;

  public DirEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(hash, "hash");
    String problem = VstPaths.nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (size < 0 || (!kind.hasContent() && size != 0)) {
      throw new IllegalArgumentException("bad size " + size + " for a " + kind + " entry");
    }
  }

  /** Returns a gitlink entry for the submodule commit {@code sha1} (20 bytes). */
  public static DirEntry gitlink(String name, byte[] sha1) {
    if (sha1.length != SHA1_LENGTH) {
      throw new IllegalArgumentException("a gitlink needs a 20-byte SHA-1, got " + sha1.length);
    }
    return new DirEntry(name, EntryKind.GITLINK, Hash.fromBytes(Arrays.copyOf(sha1, Hash.LENGTH)), 0);
  }

  /** The submodule commit's SHA-1 of a gitlink entry. */
  public byte[] gitlinkId() {
    if (kind != EntryKind.GITLINK) {
      throw new IllegalStateException(name + " is a " + kind + ", not a gitlink");
    }
    return Arrays.copyOf(hash.toBytes(), SHA1_LENGTH);
  }
}
