package dev.helios.git.storage;

import dev.helios.engine.Storage;
import dev.helios.git.RepositoryName;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * The Git repositories of one {@link Storage}: JGit DFS repositories whose pack, index, bitmap
 * and reftable files live as content-defined chunks in the chunk store (so equal runs of bytes
 * across repositories are stored once) and whose pack lists and configuration live in the
 * metadata store. Thread-safe.
 *
 * <p>Repositories returned by {@link #create} and {@link #open} are shared: the store keeps one
 * live instance per name and hands it out with its open count incremented. Every caller closes
 * what it got ({@link Repository#close()}); the instance stays usable by others until the store
 * itself closes. Object and ref writes through the JGit API are atomic and durable with the
 * storage's {@link dev.helios.engine.cas.SyncPolicy} once they return (an {@code ObjectInserter}
 * flush, a {@code RefUpdate} or {@code BatchRefUpdate}).
 *
 * <p>The store does not own the {@link Storage}: close the store first, then the storage.
 */
public final class RepositoryStore implements AutoCloseable {

  /**
   * Creates a store over {@code storage}. Opening is cheap: repositories are loaded when first
   * opened.
   *
   * @throws NullPointerException if an argument is null
   */
  public RepositoryStore(Storage storage, Options options) {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(options, "options");
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Creates an empty repository called {@code name}, whose {@code HEAD} is a symbolic ref to
   * {@code refs/heads/<defaultBranch>}, and returns it open: the caller must close it.
   *
   * @throws dev.helios.git.errors.RepositoryExistsException if a repository of that name exists
   * @throws IOException if the storage cannot be read or written
   */
  public Repository create(RepositoryName name) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Returns the repository called {@code name}, open (the caller must close it), or empty if there
   * is none. Repeated calls return the same instance while the store is open.
   *
   * @throws IOException if the storage cannot be read
   */
  public Optional<Repository> open(RepositoryName name) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Returns a summary of every repository, sorted by name; unmodifiable.
   *
   * @throws IOException if the storage cannot be read
   */
  public List<RepositoryInfo> list() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Deletes the repository called {@code name}: it disappears from the registry at once, and its
   * chunks, unless shared with another repository, are freed by the next {@link #sweepChunks()}.
   * Instances already open keep reading what they had but can no longer write. Returns whether
   * there was such a repository.
   *
   * @throws IOException if the storage cannot be read or written
   */
  public boolean delete(RepositoryName name) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Garbage-collects the repository called {@code name}: packs everything reachable into one
   * pack with bitmaps, compacts its reftables and drops unreachable objects from its pack list.
   * Readers and writers are not blocked; objects pushed while it runs are kept. The chunks it
   * frees are deleted by the next {@link #sweepChunks()}.
   *
   * @throws dev.helios.git.errors.RepositoryNotFoundException if there is no such repository
   * @throws IOException if the storage cannot be read or written
   */
  public GcResult gc(RepositoryName name) throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Garbage-collects every repository in turn, as {@link #gc} does, and returns the results in
   * name order.
   *
   * @throws IOException if the storage cannot be read or written; repositories collected before
   *     the failure stay collected
   */
  public List<GcResult> gcAll() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Deletes every chunk of the chunk store that no repository refers to, neither through its
   * pack list nor through a file being written now. Safe to run while repositories are read and
   * written.
   *
   * @throws IOException if the storage cannot be read or written
   */
  public SweepResult sweepChunks() throws IOException {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Records that a pack was received into {@code name} (the server calls it after each successful
   * push). Once {@link Options#autoGcPushThreshold()} packs have accumulated, it schedules {@link
   * #gc} on {@link Options#executor()} (at most one at a time per repository) and returns at once;
   * failures of that gc are logged. Does nothing for an unknown name.
   */
  public void packReceived(RepositoryName name) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Closes every repository instance the store holds; idempotent. Calls afterwards throw {@link
   * IllegalStateException}. Does not close the {@link Storage}.
   */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Settings of a {@link RepositoryStore}. Immutable.
   *
   * @param defaultBranch the branch {@code HEAD} of a new repository points at, without {@code
   *     refs/heads/} (default {@value #DEFAULT_BRANCH})
   * @param autoGcPushThreshold how many packs a repository may accumulate before {@link
   *     RepositoryStore#packReceived} schedules a gc (default {@value
   *     #DEFAULT_AUTO_GC_PUSH_THRESHOLD}); 0 disables automatic gc
   * @param executor runs automatic gc; the default runs it on the thread that calls {@link
   *     RepositoryStore#packReceived}, so the store starts no threads
   */
  public record Options(String defaultBranch, int autoGcPushThreshold, Executor executor) {
    /** The default branch of new repositories. */
    public static final String DEFAULT_BRANCH = "main";

    /** The default pack count that triggers an automatic gc. */
    public static final int DEFAULT_AUTO_GC_PUSH_THRESHOLD = 16;

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException if {@code defaultBranch} is not a valid branch name or
     *     {@code autoGcPushThreshold} is negative
     */
    public Options {
      Objects.requireNonNull(defaultBranch, "defaultBranch");
      Objects.requireNonNull(executor, "executor");
      Builder.checkBranch(defaultBranch);
      Builder.checkThreshold(autoGcPushThreshold);
    }

    /** Returns the default options. */
    public static Options defaults() {
      return builder().build();
    }

    /** Returns a builder with every setting at its default. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds {@link Options}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
      private String defaultBranch = DEFAULT_BRANCH;
      private int autoGcPushThreshold = DEFAULT_AUTO_GC_PUSH_THRESHOLD;
      private Executor executor = Runnable::run;

      private Builder() {}

      /**
       * Sets the default branch, without {@code refs/heads/}.
       *
       * @throws IllegalArgumentException if {@code branch} is not a valid branch name
       */
      public Builder defaultBranch(String branch) {
        checkBranch(Objects.requireNonNull(branch, "defaultBranch must not be null"));
        this.defaultBranch = branch;
        return this;
      }

      /**
       * Sets the pack count that triggers an automatic gc; 0 disables it.
       *
       * @throws IllegalArgumentException if {@code packs} is negative
       */
      public Builder autoGcPushThreshold(int packs) {
        checkThreshold(packs);
        this.autoGcPushThreshold = packs;
        return this;
      }

      /**
       * Sets the executor that runs automatic gc.
       *
       * @throws NullPointerException if {@code executor} is null
       */
      public Builder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
        return this;
      }

      /** Returns the options. */
      public Options build() {
        return new Options(defaultBranch, autoGcPushThreshold, executor);
      }

      static void checkBranch(String branch) {
        if (branch.startsWith(Constants.R_REFS)
            || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
          throw new IllegalArgumentException(
              "defaultBranch must be a valid branch name without refs/heads/: '" + branch + "'");
        }
      }

      static void checkThreshold(int packs) {
        if (packs < 0) {
          throw new IllegalArgumentException("autoGcPushThreshold must be >= 0: " + packs);
        }
      }
    }
  }
}
