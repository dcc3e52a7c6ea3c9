package dev.helios.git.storage.internal;

import java.util.List;

/** Pack lists as the repository store writes them when it creates a repository. */
public final class PackLists {
  private PackLists() {}

  /** The encoded pack list of a repository without packs. */
  public static byte[] empty() {
    return PackListCodec.encode(List.of());
  }
}
