package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.vst.MachineInfo;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code helios compare-git}: every chosen workload on both sides, in a fresh work
 * directory, then the cost lines. Not thread-safe.
 */
public final class CompareGit {
  private CompareGit() {}

  /**
   * Runs the comparison {@code options} describe, reporting steps to {@code progress}.
   *
   * @throws IOException with one line saying which workload failed and why
   */
  public static Comparison run(CompareOptions options, Progress progress)
      throws IOException, InterruptedException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    // Bad pricing or fleet files fail before any work is done.
    Pricing pricing = options.pricing() == null ? Pricing.defaults() : Pricing.load(options.pricing());
    Fleet fleet = options.fleet() == null ? Fleet.defaults() : Fleet.load(options.fleet());

    Path base = options.workDir() != null
        ? Files.createDirectories(options.workDir())
        : Path.of(System.getProperty("java.io.tmpdir"));
    Path work = Files.createTempDirectory(base, "helios-compare-");
    progress.workDirectory(work);
    try {
      Tools tools = Tools.detect(work.resolve("native"));
      SourceRepository source = options.repository() != null
          ? SourceRepository.given(options.repository())
          : SourceRepository.generated(work.resolve("source"), options.scale());
      Map<String, Object> environment = environment(work, tools);
      List<WorkloadResult> results = new ArrayList<>();
      for (String name : options.workloads()) {
        Workload workload = Workloads.named(name);
        Path dir = Files.createDirectories(work.resolve(name));
        WorkloadContext context =
            new WorkloadContext(options.scale(), options.repeat(), dir, tools, source, progress);
        progress.step(name, "starting");
        try {
          results.add(workload.run(context));
        } catch (IOException | RuntimeException e) {
          String where = options.keep() ? " (logs under " + dir + ")" : " (run with --keep to keep its logs)";
          throw new IOException("workload " + name + " failed: " + e.getMessage() + where, e);
        } finally {
          if (!options.keep()) {
            delete(dir);
          }
        }
        progress.step(name, "done");
      }
      List<CostLine> costs = CostModel.compute(results, pricing, fleet);
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Comparison(
          started, seconds, options.scale(), options.repeat(), source.description(),
          environment, results, pricing, fleet, costs);
    } finally {
      if (!options.keep()) {
        delete(work);
      }
    }
  }

  /** Machine, kernel, Java, git, disk and file system of the work directory. */
  static Map<String, Object> environment(Path work, Tools tools) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("git", tools.gitVersion());
    env.put("java", tools.javaVersion());
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    Map<String, Object> machine = MachineInfo.describe(work);
    env.put("cpu", machine.get("cpu"));
    env.put("cores", machine.get("cores"));
    env.put("ram", machine.get("ram"));
    env.put("file_system", machine.get("file_system"));
    env.put("disk", disk(String.valueOf(machine.get("file_system"))));
    env.put("load_average_at_start", machine.get("load_average"));
    return env;
  }

  // "ext4 (/dev/vdb on /work)" -> the block device's rotational flag and model, if /sys says.
  private static String disk(String fileSystem) {
    int open = fileSystem.indexOf("(/dev/");
    if (open < 0) {
      return "unknown";
    }
    String device = fileSystem.substring(open + 6, fileSystem.indexOf(' ', open));
    String name = device.replaceFirst("p?\\d+$", "");
    for (String candidate : List.of(device, name)) {
      Path block = Path.of("/sys/block", candidate);
      if (Files.isDirectory(block)) {
        String rotational = read(block.resolve("queue/rotational"));
        String model = read(block.resolve("device/model"));
        return "/dev/" + candidate
            + ("1".equals(rotational) ? ", rotational" : "0".equals(rotational) ? ", non-rotational" : "")
            + (model.isEmpty() ? "" : ", " + model);
      }
    }
    return "/dev/" + device;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Deletes a directory tree, ignoring what is already gone. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
