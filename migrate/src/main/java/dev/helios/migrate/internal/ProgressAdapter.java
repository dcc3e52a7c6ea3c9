package dev.helios.migrate.internal;

import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationTarget;
import org.eclipse.jgit.lib.ProgressMonitor;

/** Passes JGit's task progress to a {@link MigrationListener}. Confined to one thread. */
final class ProgressAdapter implements ProgressMonitor {
  private final MigrationTarget target;
  private final MigrationListener listener;
  private long done;
  private long total = -1;

  ProgressAdapter(MigrationTarget target, MigrationListener listener) {
    this.target = target;
    this.listener = listener;
  }

  @Override
  public void start(int totalTasks) {}

  @Override
  public void beginTask(String title, int totalWork) {
    done = 0;
    total = totalWork == UNKNOWN ? -1 : totalWork;
  }

  @Override
  public void update(int completed) {
    done += completed;
    if (done % 1000 < completed || done == total) {
      listener.progress(target, done, total, -1);
    }
  }

  @Override
  public void endTask() {}

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted();
  }

  @Override
  public void showDuration(boolean enabled) {}
}
