package dev.helios.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/** The method section every report prints: how the figures were measured. Stateless. */
final class ReportMethod {
  private ReportMethod() {}

  /** The method, topic by topic, for a run of {@code repeat} repetitions. */
  static Map<String, String> describe(int repeat) {
    Map<String, String> method = new LinkedHashMap<>();
    method.put(
        "instrument",
        "Each side's measured phase runs as one child process tree under a waiting shell"
            + " (sh -c 'COMMAND; cat /proc/$$/io /proc/$$/stat'). On Linux a process's /proc/PID/io"
            + " includes the counters of the children it has reaped, so the shell's own counters cover"
            + " the whole tree: rchar, wchar, syscr, syscw, read_bytes, write_bytes, and user + system"
            + " CPU time. The git side is a shell loop of stock git commands; the Helios side is one"
            + " child JVM doing the same operations through the Helios library, so its figures include"
            + " the JVM's start.");
    method.put(
        "servers",
        "For the server workloads (push, clone) each side's server runs as its own process; its"
            + " /proc/PID/io and CPU time are read before and after the clients' work, after waiting"
            + " until the server has no child processes left. Stock git clients do the work on both"
            + " sides and are not counted.");
    method.put(
        "storage",
        "Bytes stored afterwards are du-style sums over the side's directories: apparent size (du"
            + " -b) and allocated blocks (du -B1); growth is allocated bytes after minus before; files"
            + " created is the change in the number of files.");
    method.put(
        "statistics",
        "Every figure is the median of " + repeat + " repetition" + (repeat == 1 ? "" : "s")
            + ", with the minimum and maximum; per-operation figures divide the median by the"
            + " operations of one repetition. A reduction is 1 - Helios median / git median.");
    method.put(
        "setup",
        "Setup (generating the input repository and trees, initial imports and clones) runs before"
            + " the measured phase, in separate processes, and is not measured.");
    method.put(
        "durability",
        "Each side states its fsync setting. Stock git 2.39 (core.fsync defaults) fsyncs packs,"
            + " pack metadata and the commit graph, not loose objects or refs; Helios follows its"
            + " SyncPolicy. Where they differ the workload's notes say so.");
    method.put(
        "costs",
        "Each cost line multiplies a per-operation median by a fleet rate and a list price; the"
            + " formula and every input are printed with it. Lines marked 'what if' price an"
            + " alternative (object storage) and are left out of the totals.");
    return method;
  }
}
