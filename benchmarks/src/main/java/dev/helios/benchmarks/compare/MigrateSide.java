package dev.helios.benchmarks.compare;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationOptions;
import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.MigrationTarget;
import dev.helios.migrate.Migrator;
import dev.helios.migrate.RepositoryResult;
import dev.helios.migrate.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Helios side of the fork-network workload, run in a child JVM by {@link HeliosSide}: {@code
 * migrate --data DIR --jobs N NAME=PATH...} migrates each local repository PATH into data directory
 * DIR as NAME, as {@code helios migrate --data DIR --jobs N} does (the group sync policy, basic
 * verification, BLAKE3 twins), printing one line per repository.
 */
final class MigrateSide {
  private MigrateSide() {}

  /** Runs operation {@code op} ({@code migrate}) with {@code args}. */
  static void run(String op, List<String> args) throws Exception {
    if (!op.equals("migrate")
        || args.size() < 5
        || !args.get(0).equals("--data")
        || !args.get(2).equals("--jobs")) {
      throw new IllegalArgumentException("usage: migrate --data DIR --jobs N NAME=PATH...");
    }
    Path data = Path.of(args.get(1));
    int jobs = Integer.parseInt(args.get(3));
    List<MigrationTarget> targets = new ArrayList<>();
    for (String target : args.subList(4, args.size())) {
      int eq = target.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not NAME=PATH: " + target);
      }
      targets.add(Sources.parse(target.substring(eq + 1), target.substring(0, eq)));
    }
    migrate(data, jobs, targets);
  }

  private static void migrate(Path dir, int jobs, List<MigrationTarget> targets)
      throws IOException {
    MigrationOptions options = new MigrationOptions(jobs, List.of(), List.of(), false, false, null);
    MigrationListener progress =
        new MigrationListener() {
          @Override
          public void finished(RepositoryResult r) {
            System.out.println(
                r.target().name().value()
                    + ": "
                    + r.status()
                    + ", "
                    + r.objects()
                    + " objects, "
                    + r.newBytes()
                    + " new bytes, "
                    + r.millis()
                    + " ms");
          }
        };
    // As `helios migrate --data`: the group policy, durable with shared fsyncs.
    try (DataDirectory data =
        DataDirectory.open(dir, SyncPolicy.GROUP, ServerConfig.DEFAULT_AUTO_GC_PUSH_THRESHOLD)) {
      MigrationReport report = Migrator.into(data.repositories(), options).run(targets, progress);
      if (!report.succeeded()) {
        throw new IOException(
            "migration failed: "
                + report.repositories().stream()
                    .filter(r -> r.status() == RepositoryResult.Status.FAILED)
                    .map(r -> r.target().name().value() + " (" + r.failure() + ")")
                    .collect(Collectors.joining(", ")));
      }
      System.out.println(
          "migrated "
              + targets.size()
              + " repositories in "
              + report.millis()
              + " ms; "
              + report.storedBytes()
              + " bytes of packs");
    }
  }
}
