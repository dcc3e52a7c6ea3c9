package dev.helios.cli;

import dev.helios.migrate.report.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@code helios compare-git} shows while it runs. Live on a terminal: one line on standard
 * error, rewritten in place about once a second, with the workload's number, its step and the
 * elapsed time. Piped: one line per finished workload. Thread-safe: a workload may report steps
 * from any thread.
 */
final class CompareProgress implements dev.helios.benchmarks.compare.Progress, AutoCloseable {
  /*
   * The comparison reports "starting" and "done" around each workload and the workload's own
   * steps in between. All writing happens under `lock`, from `step` or from the redraw thread
   * that keeps the elapsed time moving while one step takes long (a clone of a large
   * repository, say).
   */

  private static final long REDRAW_MILLIS = 1000;
  /** A longer line would wrap on a narrow terminal, and a wrapped line is not rewritten in place. */
  private static final int LIVE_WIDTH = 79;

  private final boolean live;
  private final PrintWriter err;
  private final LongSupplier clock;
  private final int total;
  private final long startMillis;
  private final Object lock = new Object();
  private final @Nullable Progress line;
  private final @Nullable ScheduledExecutorService redraw;
  private int workloadNumber; // guarded by lock
  private String workload = ""; // guarded by lock
  private String what = "starting"; // guarded by lock
  private long workloadStarted; // guarded by lock
  private boolean closed; // guarded by lock
  private volatile @Nullable Path workDirectory;

  CompareProgress(boolean live, PrintWriter err, int total, LongSupplier clock) {
    this.live = live;
    this.err = err;
    this.total = total;
    this.clock = clock;
    this.startMillis = clock.getAsLong();
    this.workloadStarted = startMillis;
    this.line = live ? Progress.forTerminal(err) : null;
    if (live) {
      redraw = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "helios-compare-progress");
        t.setDaemon(true);
        return t;
      });
      redraw.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      redraw = null;
    }
  }

  /** Live when the process has a terminal, one line per workload otherwise. */
  static CompareProgress forTerminal(PrintWriter err, int total) {
    return new CompareProgress(System.console() != null, err, total, System::currentTimeMillis);
  }

  @Override
  public void workDirectory(Path dir) {
    workDirectory = dir;
  }

  /** The run's work directory, once the run has said it. */
  @Nullable Path workDirectory() {
    return workDirectory;
  }

  @Override
  public void step(String workload, String what) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      long now = clock.getAsLong();
      if (!workload.equals(this.workload)) {
        this.workload = workload;
        workloadNumber++;
        workloadStarted = now;
      }
      this.what = what;
      if (!live && what.equals("done")) {
        err.println(doneLine(workload, now - workloadStarted, now - startMillis));
        err.flush();
      }
    }
    draw();
  }

  /** The line a finished workload gets when piped: {@code compare-git: push done in 12.3 s (2/5, 31.0 s)}. */
  String doneLine(String workload, long workloadMillis, long elapsedMillis) {
    return String.format(Locale.ROOT, "compare-git: %s done in %s (%d/%d, %s elapsed)",
        workload, Units.duration(workloadMillis), workloadNumber, total, Units.duration(elapsedMillis));
  }

  /** The live line: {@code [2/5 0:31] push: git: push 3/10 (repetition 2/3)}. */
  String liveLine(long now) {
    long seconds = (now - startMillis) / 1000;
    String text = String.format(Locale.ROOT, "[%d/%d %d:%02d] %s: %s",
        Math.max(1, workloadNumber), total, seconds / 60, seconds % 60, workload, what);
    return text.length() <= LIVE_WIDTH ? text : text.substring(0, LIVE_WIDTH - 1) + "…";
  }

  private void draw() {
    if (!live) {
      return;
    }
    synchronized (lock) {
      if (!closed && line != null && !workload.isEmpty()) {
        line.update(liveLine(clock.getAsLong()));
      }
    }
  }

  /** Stops redrawing and clears the live line. */
  @Override
  public void close() {
    if (redraw != null) {
      redraw.shutdownNow();
    }
    synchronized (lock) {
      closed = true;
      if (line != null) {
        line.close();
      }
    }
  }
}
