package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The counters Linux keeps for a process and the children it has reaped: the six fields of
 * {@code /proc/PID/io} and the CPU time of {@code /proc/PID/stat} (user + system, own and
 * reaped children's). Both sides of every workload are read with these, the same way.
 *
 * @param rchar bytes passed to read-like system calls (page cache hits included)
 * @param wchar bytes passed to write-like system calls (pipes and sockets included)
 * @param syscr read-like system calls
 * @param syscw write-like system calls
 * @param readBytes bytes the process caused to be fetched from the storage layer
 * @param writeBytes bytes the process caused to be sent to the storage layer
 * @param cpuMillis CPU time, user plus system, in milliseconds
 */
public record ProcessCounters(
    long rchar, long wchar, long syscr, long syscw, long readBytes, long writeBytes, long cpuMillis) {

  /** All zero. */
  public static final ProcessCounters ZERO = new ProcessCounters(0, 0, 0, 0, 0, 0, 0);

  /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on every Linux we know). */
  static final long TICKS_PER_SECOND = 100;

  /** This minus {@code earlier}, field by field. */
  public ProcessCounters minus(ProcessCounters earlier) {
    return new ProcessCounters(
        rchar - earlier.rchar,
        wchar - earlier.wchar,
        syscr - earlier.syscr,
        syscw - earlier.syscw,
        readBytes - earlier.readBytes,
        writeBytes - earlier.writeBytes,
        cpuMillis - earlier.cpuMillis);
  }

  /** The sum, field by field. */
  public ProcessCounters plus(ProcessCounters other) {
    return new ProcessCounters(
        rchar + other.rchar,
        wchar + other.wchar,
        syscr + other.syscr,
        syscw + other.syscw,
        readBytes + other.readBytes,
        writeBytes + other.writeBytes,
        cpuMillis + other.cpuMillis);
  }

  /**
   * The counters of a live process: its own and those of the children it has reaped.
   *
   * @throws IOException if the process is gone or its /proc files cannot be read
   */
  public static ProcessCounters of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    return parse(Files.readString(proc.resolve("io")), Files.readString(proc.resolve("stat")));
  }

  /**
   * Parses the text of {@code /proc/PID/io} and of {@code /proc/PID/stat}.
   *
   * @throws IllegalArgumentException if either is not in the kernel's format
   */
  public static ProcessCounters parse(String io, String stat) {
    long[] v = new long[6];
    String[] names = {"rchar", "wchar", "syscr", "syscw", "read_bytes", "write_bytes"};
    boolean[] seen = new boolean[6];
    for (String line : io.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          v[i] = Long.parseLong(line.substring(colon + 1).trim());
          seen[i] = true;
        }
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (!seen[i]) {
        throw new IllegalArgumentException("no " + names[i] + " in /proc/PID/io text");
      }
    }
    return new ProcessCounters(v[0], v[1], v[2], v[3], v[4], v[5], cpuMillis(stat));
  }

  // Fields 14-17 of stat (utime, stime, cutime, cstime), counted after the ")" that ends the
  // command name, which may itself contain spaces and parentheses.
  private static long cpuMillis(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not /proc/PID/stat text");
    }
    String[] f = stat.substring(close + 2).trim().split("\\s+");
    // f[0] is field 3 (state); field N is f[N - 3].
    if (f.length < 15) {
      throw new IllegalArgumentException("short /proc/PID/stat text");
    }
    long ticks = 0;
    for (int field = 14; field <= 17; field++) {
      ticks += Long.parseLong(f[field - 3]);
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }
}
