package dev.helios.benchmarks.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of server processes, read from {@code /proc} (Linux only) and, for JVMs, from {@code
 * jcmd GC.heap_info}. A daemon thread samples the summed RSS of each server's process tree
 * every 100 ms, which is the only way to see the CGI children of lighttpd (git http-backend,
 * upload-pack, pack-objects) that live for one request. Thread-safe.
 */
final class MemoryProbe implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 100;
  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private final Supplier<List<ServerUnderTest>> running;
  private final Map<String, Long> peakTreeKb = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean closed;

  /** Starts sampling the servers that {@code running} returns at each tick. */
  MemoryProbe(Supplier<List<ServerUnderTest>> running) {
    this.running = running;
    this.sampler = new Thread(this::sampleLoop, "memory-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sampleLoop() {
    while (!closed) {
      for (ServerUnderTest s : running.get()) {
        try {
          peakTreeKb.merge(s.key(), treeRssKb(s.pid()), Math::max);
        } catch (RuntimeException e) {
          // A server stopping while sampled has no memory left to count.
          continue;
        }
      }
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The largest summed RSS of {@code server}'s process tree seen so far, in KiB. */
  long peakTreeRssKb(ServerUnderTest server) {
    return peakTreeKb.getOrDefault(server.key(), 0L);
  }

  /**
   * Reads one line ({@code VmRSS}, {@code VmHWM}) of {@code /proc/PID/status} in KiB, or empty
   * if the process or the line is gone.
   */
  static Optional<Long> statusKb(long pid, String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field + ":")) {
          String v = line.substring(field.length() + 1).trim();
          return Optional.of(Long.parseLong(v.substring(0, v.indexOf(' '))));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process exited between listing and reading: it has no memory to count.
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Summed VmRSS of {@code pid} and all its descendants, in KiB. */
  static long treeRssKb(long pid) {
    long kb = statusKb(pid, "VmRSS").orElse(0L);
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isPresent()) {
      kb += root.get().descendants().mapToLong(p -> statusKb(p.pid(), "VmRSS").orElse(0L)).sum();
    }
    return kb;
  }

  /**
   * The heap of a JVM as {@code jcmd PID GC.heap_info} reports it: capacity and used, before
   * and after a full GC ({@code GC.run}), in KiB. Empty map if jcmd is missing or fails.
   */
  static Map<String, Long> jvmHeapKb(long pid) {
    Map<String, Long> out = new LinkedHashMap<>();
    jcmdHeap(pid).ifPresent(m -> {
      out.put("heapCapacityKb", m[0]);
      out.put("heapUsedKb", m[1]);
    });
    if (!out.isEmpty() && jcmd(pid, "GC.run").isPresent()) {
      jcmdHeap(pid).ifPresent(m -> out.put("heapLiveAfterFullGcKb", m[1]));
    }
    return out;
  }

  private static Optional<long[]> jcmdHeap(long pid) {
    return jcmd(pid, "GC.heap_info").flatMap(text -> {
      Matcher m = HEAP_USED.matcher(text);
      return m.find()
          ? Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))})
          : Optional.empty();
    });
  }

  private static Optional<String> jcmd(long pid, String command) {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (IOException e) {
      // No jcmd on the PATH (a JRE): the heap columns stay empty.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    closed = true;
    sampler.interrupt();
  }
}
