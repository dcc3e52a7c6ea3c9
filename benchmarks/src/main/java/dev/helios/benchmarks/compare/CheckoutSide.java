package dev.helios.benchmarks.compare;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import dev.helios.git.twin.GitTwins;
import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationOptions;
import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.MigrationTarget;
import dev.helios.migrate.Migrator;
import dev.helios.migrate.RepositoryResult;
import dev.helios.migrate.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Helios side of the ci-checkout workload, run in a child JVM by {@link HeliosSide}:
 *
 * <ul>
 *   <li>{@code checkout-setup DATA SOURCE NAME REV DIR...}: migrates the git repository SOURCE
 *       into data directory DATA as NAME (with its BLAKE3 twins), then materializes REV into
 *       each DIR;
 *   <li>{@code materialize DATA NAME REV DIR}: materializes revision REV of NAME into DIR,
 *       incrementally, as {@code helios materialize NAME REV DIR} does.
 * </ul>
 */
final class CheckoutSide {
  /*
   * The data directory is opened as the command line opens it (SyncPolicy.FSYNC). Materialize
   * writes files without fsync (each to a temporary name, renamed into place) and records the
   * directory's stat cache in the metadata store in one fsynced batch.
   */

  private CheckoutSide() {}

  /** Runs operation {@code op} with {@code args}. */
  static void run(String op, List<String> args) throws Exception {
    switch (op) {
      case "checkout-setup" ->
          setup(Path.of(args.get(0)), args.get(1), RepositoryName.parse(args.get(2)), args.get(3),
              args.subList(4, args.size()));
      case "materialize" ->
          materialize(Path.of(args.get(0)), RepositoryName.parse(args.get(1)), args.get(2),
              Path.of(args.get(3)));
      default -> throw new IllegalArgumentException("unknown checkout operation " + op);
    }
  }

  private static void setup(
      Path data, String source, RepositoryName name, String rev, List<String> dirs)
      throws IOException {
    try (DataDirectory d = open(data)) {
      MigrationOptions options = new MigrationOptions(1, List.of(), List.of(), false, false, null);
      MigrationTarget target = Sources.parse(source, name.value());
      MigrationReport report =
          Migrator.into(d.repositories(), options).run(List.of(target), new MigrationListener() {});
      RepositoryResult result = report.repositories().get(0);
      if (result.status() == RepositoryResult.Status.FAILED) {
        throw new IOException("migrating " + source + " failed: " + result.failure());
      }
      GitTwins twins = d.repositories().twins();
      twins.build(name);
      Hash snapshot = twins.snapshot(name, rev);
      for (String dir : dirs) {
        d.storage().workspaces().materialize(snapshot, Path.of(dir));
      }
    }
  }

  private static void materialize(Path data, RepositoryName name, String rev, Path dir)
      throws IOException {
    try (DataDirectory d = open(data)) {
      Hash snapshot = d.repositories().twins().snapshot(name, rev);
      d.storage().workspaces().materialize(snapshot, dir);
    }
  }

  private static DataDirectory open(Path data) throws IOException {
    return DataDirectory.open(data, SyncPolicy.FSYNC, ServerConfig.DEFAULT_AUTO_GC_PUSH_THRESHOLD);
  }
}
