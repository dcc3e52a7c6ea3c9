package dev.helios.benchmarks.cas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real source code cut into chunks, for compression and cache figures: the {@code .java} files
 * of a JDK's {@code lib/src.zip} (this JDK's, else any under {@code /usr/lib/jvm}), else the
 * {@code .java} files under the working directory. Immutable.
 */
public final class SourceCorpus {
  /*
   * Files are cut at fixed 64 KiB boundaries (a stand-in for the CAS's content-defined chunks,
   * whose target is 64 KiB): most source files are smaller and stay whole, so chunks are a
   * realistic mix of sizes, ~14 KiB on average for the JDK. Files are taken in archive order
   * until the byte budget is reached, so a run is deterministic for a given JDK.
   */

  /** Largest chunk. */
  public static final int MAX_CHUNK = 64 * 1024;

  private final String origin;
  private final List<byte[]> chunks;
  private final long bytes;

  private SourceCorpus(String origin, List<byte[]> chunks) {
    this.origin = origin;
    this.chunks = List.copyOf(chunks);
    this.bytes = chunks.stream().mapToLong(c -> c.length).sum();
  }

  /** Loads up to {@code maxBytes} of source code. */
  public static SourceCorpus load(long maxBytes) {
    try {
      Path zip = findSrcZip();
      List<byte[]> chunks = new ArrayList<>();
      if (zip != null) {
        readZip(zip, maxBytes, chunks);
        return new SourceCorpus(zip.toString(), chunks);
      }
      Path root = Path.of("").toAbsolutePath();
      readTree(root, maxBytes, chunks);
      return new SourceCorpus(root + " (*.java)", chunks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read source code for the corpus", e);
    }
  }

  /** Where the source came from. */
  public String origin() {
    return origin;
  }

  /** The chunks, in corpus order; unmodifiable. Do not modify the arrays. */
  public List<byte[]> chunks() {
    return chunks;
  }

  /** Total bytes of all chunks. */
  public long bytes() {
    return bytes;
  }

  /**
   * Returns {@code count} chunks of exactly {@code size} bytes: the corpus chunks at least that
   * long, truncated, cycling through them if there are fewer than {@code count}. Cycled copies
   * are equal, so callers that need distinct chunks should ask for no more than there are.
   *
   * @throws IllegalStateException if no chunk is {@code size} bytes or longer
   */
  public List<byte[]> fixedSize(int size, int count) {
    List<byte[]> longEnough = chunks.stream().filter(c -> c.length >= size).toList();
    if (longEnough.isEmpty()) {
      throw new IllegalStateException("no source chunk of " + size + " bytes in " + origin);
    }
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(Arrays.copyOf(longEnough.get(i % longEnough.size()), size));
    }
    return out;
  }

  private static Path findSrcZip() throws IOException {
    Path own = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    if (Files.isReadable(own)) {
      return own;
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
        for (Path jdk : dirs) {
          Path zip = jdk.resolve("lib").resolve("src.zip");
          if (Files.isReadable(zip)) {
            return zip;
          }
        }
      }
    }
    return null;
  }

  private static void readZip(Path zip, long maxBytes, List<byte[]> chunks) throws IOException {
    long total = 0;
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements() && total < maxBytes) {
        ZipEntry entry = entries.nextElement();
        if (!entry.getName().endsWith(".java")) {
          continue;
        }
        try (InputStream in = file.getInputStream(entry)) {
          total += cut(in.readAllBytes(), chunks);
        }
      }
    }
  }

  private static void readTree(Path root, long maxBytes, List<byte[]> chunks) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
        if (total >= maxBytes) {
          break;
        }
        total += cut(Files.readAllBytes(p), chunks);
      }
    }
  }

  private static int cut(byte[] file, List<byte[]> chunks) {
    for (int off = 0; off < file.length; off += MAX_CHUNK) {
      chunks.add(Arrays.copyOfRange(file, off, Math.min(file.length, off + MAX_CHUNK)));
    }
    return file.length;
  }
}
