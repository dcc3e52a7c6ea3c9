package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a running server's storage occupies: {@link DiskUsage}, except that a file's allocated bytes
 * count only up to its end, and what is allocated beyond the end is reported as a reserve. A
 * running RocksDB reserves space past the end of its write-ahead log ({@code fallocate} with {@code
 * KEEP_SIZE}, about 1.1 times its write buffer) that holds no data and is given back when it
 * closes; git's files have no such reserve, so for them both measures agree.
 *
 * @param usage apparent bytes and files as {@code du} gives them; allocated bytes without the
 *     reserve
 * @param reservedBytes bytes allocated beyond the ends of files
 */
record ServerDisk(DiskUsage usage, long reservedBytes) {

  /**
   * Measures {@code dir}.
   *
   * @throws IOException if {@code du} or {@code find} fails
   */
  static ServerDisk of(Path dir) throws IOException, InterruptedException {
    DiskUsage du = DiskUsage.of(dir);
    if (!Files.exists(dir)) {
      return new ServerDisk(du, 0);
    }
    long block = Files.getFileStore(dir).getBlockSize();
    // %b: 512-byte blocks allocated; %s: the file's length.
    Process p =
        new ProcessBuilder("find", dir.toString(), "-type", "f", "-printf", "%s %b\\n")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("find failed on " + dir + ": " + out.strip());
    }
    long reserved = 0;
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      long size = Long.parseLong(f[0]);
      long allocated = Long.parseLong(f[1]) * 512;
      long upToEnd = (size + block - 1) / block * block;
      reserved += Math.max(0, allocated - upToEnd);
    }
    return new ServerDisk(
        new DiskUsage(du.apparentBytes(), du.allocatedBytes() - reserved, du.files()), reserved);
  }

  /**
   * Records one repetition of a server side: {@code run}, the storage before and after it, and the
   * reserve afterwards as figure {@code disk_reserved_bytes}.
   */
  static void add(SideRecorder recorder, Meter.Run run, ServerDisk before, ServerDisk after) {
    recorder.add(run, before.usage(), after.usage());
    recorder.put("disk_reserved_bytes", "bytes", after.reservedBytes());
  }
}
