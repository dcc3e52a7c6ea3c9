package dev.helios.benchmarks.vst;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a published figure needs to say about where it was measured, and the process's I/O
 * counters. Linux ({@code /proc}); elsewhere the values are "unknown" or -1. Stateless.
 */
public final class MachineInfo {
  private MachineInfo() {}

  /** CPU model, cores, RAM, JDK, JVM flags and maximum heap, load average, and the file system. */
  public static Map<String, Object> describe(Path dataDirectory) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", procField("/proc/cpuinfo", "model name"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    String memTotal = procField("/proc/meminfo", "MemTotal");
    m.put("ram", memTotal);
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    m.put("load_average", loadAverage());
    m.put("file_system", fileSystem(dataDirectory));
    return m;
  }

  /** The 1-, 5- and 15-minute load averages, as /proc/loadavg prints them. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** {@code wchar} and {@code write_bytes} of /proc/self/io (all threads), or -1 each. */
  static long[] ioCounters() {
    long[] counters = {-1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("wchar:")) {
          counters[0] = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("write_bytes:")) {
          counters[1] = Long.parseLong(line.substring(12).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc/self/io is not readable: the caller reports -1.
    }
    return counters;
  }

  // The mount with the longest mount point that contains `dir`: "type device on mount".
  private static String fileSystem(Path dir) {
    try {
      String real = dir.toRealPath().toString();
      String best = "unknown";
      int bestLength = -1;
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        String[] f = line.split(" ");
        if (f.length < 3) {
          continue;
        }
        String mount = f[1];
        boolean contains = real.equals(mount) || real.startsWith(mount.endsWith("/") ? mount : mount + "/");
        if (contains && mount.length() > bestLength) {
          bestLength = mount.length();
          best = f[2] + " (" + f[0] + " on " + mount + ")";
        }
      }
      return best;
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String procField(String file, String field) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: unknown.
    }
    return "unknown";
  }
}
