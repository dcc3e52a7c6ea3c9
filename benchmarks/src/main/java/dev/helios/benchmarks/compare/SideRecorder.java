package dev.helios.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one side's figures over its repetitions: the measured run's counters, wall and CPU
 * time, and the disk usage before and after. Not thread-safe.
 */
public final class SideRecorder {
  /** Figure keys every side records, in display order. */
  public static final List<String> STANDARD =
      List.of(
          "wall_ms",
          "cpu_ms",
          "rchar",
          "wchar",
          "syscr",
          "syscw",
          "read_bytes",
          "write_bytes",
          "disk_apparent_bytes",
          "disk_allocated_bytes",
          "disk_growth_bytes",
          "files_created");

  private final String key;
  private final String label;
  private final boolean helios;
  private final String method;
  private final String fsync;
  private final Map<String, List<Double>> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  public SideRecorder(String key, String label, boolean helios, String method, String fsync) {
    this.key = key;
    this.label = label;
    this.helios = helios;
    this.method = method;
    this.fsync = fsync;
  }

  /** The side's key. */
  public String key() {
    return key;
  }

  /**
   * Records one repetition: what {@code run} measured, and the side's storage before and
   * after it ({@code disk_*} are the state afterwards; growth and files created the change).
   */
  public void add(Meter.Run run, DiskUsage before, DiskUsage after) {
    ProcessCounters c = run.counters();
    put("wall_ms", "ms", run.wallMillis());
    put("cpu_ms", "ms", c.cpuMillis());
    put("rchar", "bytes", c.rchar());
    put("wchar", "bytes", c.wchar());
    put("syscr", "calls", c.syscr());
    put("syscw", "calls", c.syscw());
    put("read_bytes", "bytes", c.readBytes());
    put("write_bytes", "bytes", c.writeBytes());
    put("disk_apparent_bytes", "bytes", after.apparentBytes());
    put("disk_allocated_bytes", "bytes", after.allocatedBytes());
    put("disk_growth_bytes", "bytes", after.allocatedBytes() - before.allocatedBytes());
    put("files_created", "files", after.files() - before.files());
  }

  /** Records a value of a figure of the workload's own (a latency percentile, say). */
  public void put(String figure, String unit, double value) {
    values.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
    units.put(figure, unit);
  }

  /** The side with every figure recorded so far. */
  public Side side() {
    Map<String, Figure> figures = new LinkedHashMap<>();
    values.forEach((k, v) -> figures.put(k, new Figure(k, units.get(k), v)));
    return new Side(key, label, helios, method, fsync, figures);
  }
}
