package dev.helios.migrate;

import dev.helios.git.storage.RepositoryStore;
import dev.helios.migrate.MigrationListener.Phase;
import dev.helios.migrate.internal.FastImporter;
import dev.helios.migrate.internal.ForkNetworks;
import dev.helios.migrate.internal.Importer;
import dev.helios.migrate.internal.MigrationFailure;
import dev.helios.migrate.internal.MigrationState;
import dev.helios.migrate.internal.RefFilter;
import dev.helios.migrate.internal.ServerImporter;
import dev.helios.migrate.internal.SourceRepository;
import dev.helios.migrate.internal.StateStore;
import dev.helios.migrate.report.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates repositories into Helios: into a data directory directly ({@link #into}) or into a
 * running server ({@link #intoServer}), {@link MigrationOptions#jobs()} at a time, each one
 * verified, resumable across runs. Thread-safe; {@link #run} may be called more than once.
 */
public final class Migrator {
  /*
   * State machine per repository, kept in a StateStore (the data directory's metadata store, or
   * files in a local directory for a server):
   *
   *   (none) | failed  --run-->  importing  --verified-->  done
   *                                  |
   *                                  +--any failure-->  failed (reason)
   *
   * "importing" is written before the target repository is created and "done" only after
   * every verification passed, so a repository killed half-way is never reported done: the next
   * run sees "importing" (or "failed") and deletes what exists under that name before starting
   * again. A repository that exists without any state was not made by a migration and is never
   * touched: that target fails instead. A "done" target whose source is the same is skipped.
   */

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  private final Importer importer;
  private final StateStore state;
  private final MigrationOptions options;
  private final Credentials credentials;
  private final RefFilter filter;

  private Migrator(Importer importer, StateStore state, MigrationOptions options) throws IOException {
    this.importer = importer;
    this.state = state;
    this.options = options;
    this.credentials = Credentials.load(options.credentials(), System.getenv());
    this.filter = new RefFilter(options.include(), options.exclude());
  }

  /**
   * A migrator into the repositories of a data directory (the fast path; the server must be
   * stopped). State is kept in the same storage's metadata store. Does not close {@code
   * repositories}.
   *
   * @throws IOException if the credentials file of {@code options} cannot be read
   * @throws IllegalArgumentException if the credentials file is malformed
   */
  public static Migrator into(RepositoryStore repositories, MigrationOptions options) throws IOException {
    Objects.requireNonNull(repositories, "repositories");
    Objects.requireNonNull(options, "options");
    return new Migrator(
        new FastImporter(repositories, options.fullVerify(), options.allowIncomplete()),
        StateStore.meta(repositories.twins().storage().meta()),
        options);
  }

  /**
   * A migrator into the running server at {@code server}, authenticating as {@code user} with
   * {@code secret} (a password or token of a server administrator). State is kept as files
   * under {@code stateDirectory}, which also holds scratch copies of remote sources while they
   * are pushed. {@link MigrationOptions#fullVerify()} is not available through the server: refs
   * are compared, and the server builds the twins itself.
   *
   * @throws IOException if the credentials file of {@code options} cannot be read
   */
  public static Migrator intoServer(
      URI server, String user, String secret, MigrationOptions options, Path stateDirectory)
      throws IOException {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    return new Migrator(
        new ServerImporter(server, user, secret, stateDirectory.resolve("scratch")),
        StateStore.directory(stateDirectory.resolve("state")),
        options);
  }

  /**
   * Migrates {@code targets} on {@link MigrationOptions#jobs()} threads and returns one result
   * per target in the given order. A failure fails only its repository; the others go on.
   * Targets already done by an earlier run with the same source are skipped. Blocks until all
   * are finished; if interrupted, stops starting new ones, marks those not started as failed
   * and returns.
   *
   * @throws IllegalArgumentException if two targets have the same name
   */
  public MigrationReport run(List<MigrationTarget> targets, MigrationListener listener) {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(listener, "listener");
    var names = new java.util.HashSet<>();
    for (MigrationTarget t : targets) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two sources migrate into " + t.name());
      }
    }
    Instant started = Instant.now();
    long start = System.nanoTime();
    targets.forEach(t -> listener.phase(t, Phase.QUEUED));
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread thread = new Thread(r, "helios-migrate-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.jobs(), Math.max(1, targets.size())), factory);
    List<RepositoryResult> results = new ArrayList<>();
    try {
      // With several jobs, the forks of a network wait for its first repository, so that they
      // can share its packs instead of all being stored whole at the same time.
      List<List<Integer>> groups =
          options.jobs() > 1
              ? ForkNetworks.group(targets, credentials)
              : java.util.stream.IntStream.range(0, targets.size()).mapToObj(List::of).toList();
      List<Future<RepositoryResult>> futures = new ArrayList<>(targets.size());
      targets.forEach(t -> futures.add(null));
      for (List<Integer> group : groups) {
        MigrationTarget first = targets.get(group.get(0));
        CompletableFuture<RepositoryResult> head =
            CompletableFuture.supplyAsync(() -> migrate(first, listener), pool);
        futures.set(group.get(0), head);
        for (int i : group.subList(1, group.size())) {
          MigrationTarget target = targets.get(i);
          futures.set(
              i,
              head.handle((r, e) -> null)
                  .thenComposeAsync(
                      x -> CompletableFuture.supplyAsync(() -> migrate(target, listener), pool),
                      pool));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        results.add(await(futures.get(i), targets.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    return new MigrationReport(results, started, (System.nanoTime() - start) / 1_000_000);
  }

  private static RepositoryResult await(Future<RepositoryResult> future, MigrationTarget target) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return failed(target, 0, "interrupted");
    } catch (ExecutionException e) {
      return failed(target, 0, String.valueOf(e.getCause()));
    }
  }

  private RepositoryResult migrate(MigrationTarget target, MigrationListener listener) {
    long start = System.nanoTime();
    RepositoryResult result;
    try {
      result = attempt(target, listener, start);
    } catch (Exception e) {
      // A task boundary: every failure becomes this repository's result.
      String reason = reason(e);
      LOG.debug("migration of {} from {} failed", target.name(), target.source(), e);
      try {
        state.put(target.name(), new MigrationState(stateSource(target), MigrationState.FAILED, Units.redact(reason), Instant.now().toString()));
      } catch (IOException | RuntimeException stateError) {
        reason += " (and the state could not be recorded: " + stateError.getMessage() + ")";
      }
      result = failed(target, millis(start), reason);
    }
    listener.finished(result);
    return result;
  }

  private RepositoryResult attempt(MigrationTarget target, MigrationListener listener, long start)
      throws IOException {
    Optional<MigrationState> previous = state.get(target.name());
    if (previous.isPresent()
        && previous.get().status().equals(MigrationState.DONE)
        && previous.get().source().equals(stateSource(target))) {
      return new RepositoryResult(target, RepositoryResult.Status.SKIPPED, 0, 0, 0, 0, 0, millis(start), "earlier", null);
    }
    if (previous.isEmpty() && importer.exists(target.name())) {
      throw new MigrationFailure(
          "repository " + target.name() + " already exists and was not created by a migration; delete it or choose another name");
    }
    if (previous.isPresent() && previous.get().status().equals(MigrationState.DONE)) {
      throw new MigrationFailure(
          "repository " + target.name() + " was already migrated from " + previous.get().source() + "; choose another name");
    }
    listener.phase(target, Phase.CONNECTING);
    try (SourceRepository source = SourceRepository.open(target, credentials)) {
      if (source.incomplete() != null && !options.allowIncomplete()) {
        throw new MigrationFailure(source.incomplete() + "; use --allow-incomplete");
      }
      state.put(target.name(), new MigrationState(stateSource(target), MigrationState.IMPORTING, null, null));
      if (previous.isPresent()) {
        importer.discard(target.name()); // half-imported or failed before: start clean
      }
      Importer.Outcome outcome = importer.run(target.name(), source, filter, listener);
      state.put(target.name(), new MigrationState(stateSource(target), MigrationState.DONE, null, Instant.now().toString()));
      return new RepositoryResult(
          target, RepositoryResult.Status.DONE, outcome.refs(), outcome.objects(), outcome.sourceBytes(),
          outcome.storedBytes(), outcome.newBytes(), millis(start), outcome.verify(), null);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof MigrationFailure) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException u) {
      return reason(u.getCause());
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  private static RepositoryResult failed(MigrationTarget target, long millis, String reason) {
    return new RepositoryResult(target, RepositoryResult.Status.FAILED, 0, 0, 0, 0, -1, millis, "", reason);
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  // The source as the state keeps it: without user information, so no secret is written to disk.
  private static String stateSource(MigrationTarget target) {
    return Units.redact(target.source());
  }
}
