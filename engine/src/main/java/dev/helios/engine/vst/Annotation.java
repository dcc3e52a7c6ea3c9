package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.util.Objects;

/**
 * A node that annotates another: the twin of an annotated Git tag. It names its target by
 * address and kind and keeps the annotation's raw bytes (for a tag, the whole tag object, so
 * the Git object can be rebuilt byte for byte). Its {@link #id} is the BLAKE3 of its encoding.
 *
 * @param id the annotation's address
 * @param targetKind what the target is
 * @param target the target's address (for content: its BLAKE3)
 * @param targetSize the content's size when the target is content, otherwise 0
 * @param raw the annotation's bytes; don't modify the array
 */
public record Annotation(Hash id, TargetKind targetKind, Hash target, long targetSize, byte[] raw) {
  /** What an annotation points at; the code is part of the node format. */
  public enum TargetKind {
    /** A snapshot (a Git commit). */
    SNAPSHOT(1),
    /** A directory node (a Git tree). */
    DIRECTORY(2),
    /** File content (a Git blob), by its BLAKE3. */
    CONTENT(3),
    /** Another annotation (a tag of a tag). */
    ANNOTATION(4);

    private final int code;

    TargetKind(int code) {
      this.code = code;
    }

    /** The byte that stands for this kind in the encoding. */
    public int code() {
      return code;
    }

    /** The kind of {@code code}, or null. */
    public static TargetKind fromCode(int code) {
      for (TargetKind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      return null;
    }
  }

  public Annotation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(raw, "raw");
    if (targetSize < 0 || (targetKind != TargetKind.CONTENT && targetSize != 0)) {
      throw new IllegalArgumentException("bad target size " + targetSize + " for " + targetKind);
    }
  }
}
