package dev.helios.git.inspect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The archive formats {@link ArchiveWriter} writes, each with the file suffixes that choose it. */
public enum ArchiveFormat {
  /** An uncompressed POSIX tar. */
  TAR("application/x-tar", ".tar"),
  /** A gzip-compressed POSIX tar. */
  TAR_GZ("application/gzip", ".tar.gz", ".tgz"),
  /** A Zstandard-compressed POSIX tar. */
  TAR_ZST("application/zstd", ".tar.zst"),
  /** A zip file, deflated. */
  ZIP("application/zip", ".zip");

  private final String contentType;
  private final List<String> suffixes;

  ArchiveFormat(String contentType, String... suffixes) {
    this.contentType = contentType;
    this.suffixes = List.of(suffixes);
  }

  /** The MIME type of archives of this format. */
  public String contentType() {
    return contentType;
  }

  /** The usual file suffix, such as {@code .tar.gz}. */
  public String suffix() {
    return suffixes.get(0);
  }

  /** Every suffix that chooses this format, the usual one first; unmodifiable. */
  public List<String> suffixes() {
    return suffixes;
  }

  /**
   * Returns the format whose suffix ends {@code fileName} (ignoring case), or empty when none
   * does.
   *
   * @throws NullPointerException if {@code fileName} is null
   */
  public static Optional<ArchiveFormat> forFileName(String fileName) {
    String lower = Objects.requireNonNull(fileName, "fileName").toLowerCase(Locale.ROOT);
    for (ArchiveFormat format : values()) {
      for (String suffix : format.suffixes) {
        if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns {@code fileName} without the suffix that chose its format, or {@code fileName} itself
   * when no format's suffix ends it.
   */
  public static String stripSuffix(String fileName) {
    String lower = Objects.requireNonNull(fileName, "fileName").toLowerCase(Locale.ROOT);
    for (ArchiveFormat format : values()) {
      for (String suffix : format.suffixes) {
        if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
          return fileName.substring(0, fileName.length() - suffix.length());
        }
      }
    }
    return fileName;
  }

  /** The suffixes of every format, for messages: {@code .tar, .tar.gz, .tgz, …}. */
  public static String allSuffixes() {
    StringBuilder all = new StringBuilder();
    for (ArchiveFormat format : values()) {
      for (String suffix : format.suffixes) {
        all.append(all.length() == 0 ? "" : ", ").append(suffix);
      }
    }
    return all.toString();
  }
}
