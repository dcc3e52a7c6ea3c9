package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a set of directories occupies, as {@code du} reports it: apparent bytes (the sum of
 * file sizes), allocated bytes (blocks on disk) and the number of regular files.
 *
 * @param apparentBytes {@code du -s -b}
 * @param allocatedBytes {@code du -s -B1}
 * @param files regular files under the directories
 */
public record DiskUsage(long apparentBytes, long allocatedBytes, long files) {

  /**
   * Measures {@code dirs} (those that exist) with {@code du} and a walk.
   *
   * @throws IOException if {@code du} fails
   */
  public static DiskUsage of(List<Path> dirs) throws IOException, InterruptedException {
    List<String> present = new ArrayList<>();
    long files = 0;
    for (Path dir : dirs) {
      if (Files.exists(dir)) {
        present.add(dir.toAbsolutePath().toString());
        try (Stream<Path> walk = Files.walk(dir)) {
          files += walk.filter(Files::isRegularFile).count();
        }
      }
    }
    if (present.isEmpty()) {
      return new DiskUsage(0, 0, 0);
    }
    return new DiskUsage(du(present, "-b"), du(present, "-B1"), files);
  }

  /** Measures one directory. */
  public static DiskUsage of(Path dir) throws IOException, InterruptedException {
    return of(List.of(dir));
  }

  // `du -s -c FLAG DIR...`: the total line. -b is --apparent-size --block-size=1.
  private static long du(List<String> dirs, String flag) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("du", "-s", "-c", flag));
    command.addAll(dirs);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("du failed: " + out.strip());
    }
    String[] lines = out.strip().split("\n");
    return Long.parseLong(lines[lines.length - 1].split("\\s+")[0]);
  }
}
