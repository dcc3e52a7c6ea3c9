package dev.helios.cli;

import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationTarget;
import dev.helios.migrate.RepositoryResult;
import dev.helios.migrate.report.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@code helios migrate} shows while it runs. Live on a terminal: finished repositories
 * scroll above a block of one line per repository in flight (name, phase, objects, bytes, rate)
 * and an overall line (done, failed, skipped, remaining, ETA), redrawn at most five times a
 * second. Piped: one line per finished repository and nothing else. Quiet (under {@code --json}):
 * nothing. Thread-safe: the listener methods are called from the migration's workers.
 */
final class MigrateProgress implements MigrationListener, AutoCloseable {
  /*
   * Workers only update the per-repository state (a concurrent map of small mutable records)
   * and counters; all writing to the streams happens under `lock`, either from `finished` (a
   * line above the block) or from the redraw thread. The block is erased by moving the cursor
   * up over the lines last drawn and clearing to the end of the screen (ANSI), then drawn
   * again below whatever was printed meanwhile. Sources are shown redacted: a URL's user
   * information never reaches the screen.
   */

  /** How output is shown. */
  enum Mode {
    /** A live display on a terminal. */
    LIVE,
    /** One line per finished repository. */
    LINES,
    /** Nothing (the caller prints a document instead). */
    QUIET
  }

  static final long REDRAW_MILLIS = 200;
  private static final String CLEAR_TO_END = "\033[J";

  private final Mode mode;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LongSupplier clock;
  private final int total;
  private final long startMillis;
  private final Map<MigrationTarget, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final Object lock = new Object();
  private final @Nullable ScheduledExecutorService redraw;
  private int drawnLines; // guarded by lock
  private boolean closed; // guarded by lock

  /** What a repository in flight is doing; written by its worker, read by the redraw thread. */
  private static final class InFlight {
    final long started;
    volatile Phase phase = Phase.QUEUED;
    volatile long phaseStarted;
    volatile long objects;
    volatile long totalObjects = -1;
    volatile long bytes;

    InFlight(long started) {
      this.started = started;
      this.phaseStarted = started;
    }
  }

  MigrateProgress(Mode mode, PrintWriter out, PrintWriter err, int total, LongSupplier clock) {
    this.mode = mode;
    this.out = out;
    this.err = err;
    this.total = total;
    this.clock = clock;
    this.startMillis = clock.getAsLong();
    if (mode == Mode.LIVE) {
      redraw = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "helios-migrate-progress");
        t.setDaemon(true);
        return t;
      });
      redraw.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      redraw = null;
    }
  }

  /** Live on a terminal, one line per repository when piped, nothing under {@code --json}. */
  static Mode mode(boolean json) {
    if (json) {
      return Mode.QUIET;
    }
    return System.console() != null ? Mode.LIVE : Mode.LINES;
  }

  @Override
  public void phase(MigrationTarget target, Phase phase) {
    InFlight state = inFlight.computeIfAbsent(target, t -> new InFlight(clock.getAsLong()));
    state.phase = phase;
    state.phaseStarted = clock.getAsLong();
    state.objects = 0;
    state.totalObjects = -1;
    state.bytes = 0;
  }

  @Override
  public void progress(MigrationTarget target, long objects, long totalObjects, long bytes) {
    InFlight state = inFlight.computeIfAbsent(target, t -> new InFlight(clock.getAsLong()));
    state.objects = objects;
    state.totalObjects = totalObjects;
    state.bytes = bytes;
  }

  @Override
  public void finished(RepositoryResult result) {
    inFlight.remove(result.target());
    switch (result.status()) {
      case DONE -> done.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
      case SKIPPED -> skipped.incrementAndGet();
    }
    if (mode == Mode.QUIET) {
      return;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      erase();
      out.println(finishedLine(result));
      out.flush();
      draw();
    }
  }

  /** The line a finished repository gets: {@code done  jq  11689 objects  7.9 MB  2.3 s}. */
  static String finishedLine(RepositoryResult r) {
    String name = r.target().name().value();
    return switch (r.status()) {
      case DONE -> "done  " + name + "  " + r.objects() + " objects  " + Units.bytes(r.sourceBytes())
          + "  " + Units.duration(r.millis());
      case SKIPPED -> "skipped  " + name + "  (done by an earlier run)";
      case FAILED -> "FAILED  " + name + "  "
          + Units.redact(r.failure() == null ? "unknown reason" : r.failure());
    };
  }

  /** The lines of the live block: one per repository in flight, then the overall line. */
  List<String> block() {
    long now = clock.getAsLong();
    List<String> lines = new ArrayList<>();
    inFlight.entrySet().stream()
        .filter(e -> e.getValue().phase != Phase.QUEUED)
        .sorted((a, b) -> Long.compare(a.getValue().started, b.getValue().started))
        .forEach(e -> lines.add(repositoryLine(e.getKey(), e.getValue(), now)));
    lines.add(overallLine(now));
    return lines;
  }

  private static String repositoryLine(MigrationTarget target, InFlight s, long now) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "  %-28s %-14s", shorten(target.name().value()),
        s.phase.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    long objects = s.objects;
    long totalObjects = s.totalObjects;
    long bytes = s.bytes;
    if (objects > 0 || totalObjects > 0) {
      line.append(' ').append(objects);
      if (totalObjects > 0) {
        line.append('/').append(totalObjects);
      }
      line.append(" objects");
    }
    if (bytes > 0) {
      line.append("  ").append(Units.bytes(bytes));
      long elapsed = now - s.phaseStarted;
      if (elapsed >= 500) {
        line.append("  ").append(Units.bytes(bytes * 1000 / elapsed)).append("/s");
      }
    }
    return line.toString();
  }

  private String overallLine(long now) {
    int finished = done.get() + failed.get() + skipped.get();
    int remaining = Math.max(0, total - finished);
    long elapsed = now - startMillis;
    String eta;
    if (remaining == 0) {
      eta = "";
    } else if (finished == 0) {
      eta = "  ETA –";
    } else {
      // Finished repositories took this long on average with the parallelism used, so the
      // rest should too; crude for mixed sizes, but honest about what it knows.
      eta = "  ETA " + Units.duration(elapsed * remaining / finished);
    }
    return String.format(Locale.ROOT, "%d done, %d failed, %d skipped, %d remaining  %s%s",
        done.get(), failed.get(), skipped.get(), remaining, Units.duration(elapsed), eta);
  }

  private void redraw() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      erase();
      draw();
    }
  }

  private void erase() {
    if (mode != Mode.LIVE || drawnLines == 0) {
      return;
    }
    err.print("\r");
    if (drawnLines > 1) {
      err.print("\033[" + (drawnLines - 1) + "A");
    }
    err.print(CLEAR_TO_END);
    err.flush();
    drawnLines = 0;
  }

  private void draw() {
    if (mode != Mode.LIVE) {
      return;
    }
    List<String> lines = block();
    err.print(String.join("\n", lines));
    err.flush();
    drawnLines = lines.size();
  }

  private static String shorten(String name) {
    return name.length() <= 28 ? name : "…" + name.substring(name.length() - 27);
  }

  /** Stops redrawing and erases the live block. */
  @Override
  public void close() {
    if (redraw != null) {
      redraw.shutdownNow();
    }
    synchronized (lock) {
      erase();
      closed = true;
    }
  }
}
