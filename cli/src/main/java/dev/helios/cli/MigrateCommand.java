package dev.helios.cli;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.server.DataDirectory;
import dev.helios.migrate.MigrationOptions;
import dev.helios.migrate.MigrationReport;
import dev.helios.migrate.MigrationTarget;
import dev.helios.migrate.Migrator;
import dev.helios.migrate.RepositoryResult;
import dev.helios.migrate.Sources;
import dev.helios.migrate.report.ReportWriter;
import dev.helios.migrate.report.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code helios migrate [--data DIR | --server URL] SOURCE... [--manifest FILE] [--scan DIR]}.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    header = "Imports existing Git repositories, verified and resumable.",
    description = {
      "Imports existing Git repositories into Helios, several at once, and verifies each:",
      "local paths (bare or with a work tree), file:// and http(s):// URLs, and .bundle files.",
      "A repository done by an earlier run is skipped, so a run can be repeated after a",
      "failure. Exits 0 when every repository is done or skipped, 1 when any failed (the",
      "summary names them), 2 on a usage error.",
      "",
      "Examples:",
      "  helios migrate ../jq.bundle --name tools/jq --data DIR",
      "  helios migrate --manifest repos.txt --jobs 4 --report migration.html --data DIR",
      "  helios migrate --scan /srv/git --exclude 'refs/pull/*' --server http://127.0.0.1:8080",
      "",
      "A manifest has one SOURCE [NAME] a line; # starts a comment."
    })
final class MigrateCommand implements Callable<Integer> {
  /*
   * Everything the user typed is checked before anything is migrated (sources, names, the
   * report's suffix, files that must exist), so a typo costs nothing. Sources, failure reasons
   * and errors pass through Units.redact on their way out: a URL's user information never
   * reaches the screen or a report. On a data directory, writes use the group sync policy:
   * as durable as fsync, with the parallel imports sharing their fsyncs.
   */

  /** The verification after each import. */
  enum VerifyLevel {
    BASIC,
    FULL
  }

  @Spec CommandSpec spec;
  @Mixin DataDirOptions target;

  @Parameters(
      paramLabel = "SOURCE",
      arity = "0..*",
      description = "A path, file:// or http(s):// URL, or .bundle file to import.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The repository's name in Helios (only with a single SOURCE; default: the"
          + " source's last path segment without .git or .bundle).")
  String name;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "Also import the sources listed in FILE (SOURCE [NAME] a line).")
  Path manifest;

  @Option(
      names = "--scan",
      paramLabel = "DIR",
      description = "Also import every repository found below DIR.")
  Path scan;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Repositories imported at once (default: the number of processors).")
  Integer jobs;

  @Option(
      names = "--include",
      paramLabel = "PATTERN",
      description = "Copy only refs matching PATTERN, such as refs/heads/* (repeatable).")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "PATTERN",
      description = "Do not copy refs matching PATTERN, such as refs/pull/* (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--allow-incomplete",
      description = "Import shallow or partial sources too (refused by default).")
  boolean allowIncomplete;

  @Option(
      names = "--verify",
      paramLabel = "LEVEL",
      description = "basic (refs and object counts, default) or full (also every object and"
          + " twin, as helios verify --full).")
  VerifyLevel verify = VerifyLevel.BASIC;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description = "Credentials for http(s) sources: URL-PREFIX USER SECRET a line (default:"
          + " $HELIOS_MIGRATE_USER and $HELIOS_MIGRATE_PASSWORD).")
  Path credentials;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write a report to FILE: .json, .md or .html (with a chart), by suffix"
          + " (repeatable).")
  List<Path> reports = new ArrayList<>();

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "With --server: where to remember finished repositories between runs"
          + " (default: ./helios-migrate-state).")
  Path state;

  @Option(names = "--json", description = "Print the report as JSON instead of progress lines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<MigrationTarget> targets = targets();
    MigrationOptions options = options();
    for (Path file : reports) {
      checkReportFile(file);
    }
    if (target.server != null && target.data != null) {
      throw new CliException("use either --data or --server, not both", 2);
    }
    try {
      if (target.server != null) {
        return migrateThroughServer(targets, options);
      }
      try (DataDirectory data = DataDirOptions.openDirectory(target.dataDirectory(), SyncPolicy.GROUP)) {
        return migrate(Migrator.into(data.repositories(), options), targets);
      }
    } catch (Exception e) {
      if (target.debug && !(e instanceof CliException)) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      if (e instanceof CliException) {
        throw e;
      }
      // A malformed credentials file, for one: something the user fixes in an argument.
      int code = e instanceof IllegalArgumentException ? 2 : 1;
      throw new CliException(Units.redact(Main.describe(e)), code);
    }
  }

  private int migrateThroughServer(List<MigrationTarget> targets, MigrationOptions options)
      throws IOException {
    URI server = DataDirOptions.serverUri(target.server);
    ApiClient.Credentials login = target.credentials(System.getenv());
    if (login == null) {
      throw new CliException("--server needs credentials: HELIOS_USER with HELIOS_PASSWORD or"
          + " HELIOS_TOKEN (or --user and --password)", 2);
    }
    Path stateDirectory = state != null ? state : Path.of("helios-migrate-state");
    return migrate(
        Migrator.intoServer(server, login.user(), login.secret(), options, stateDirectory),
        targets);
  }

  private int migrate(Migrator migrator, List<MigrationTarget> targets) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MigrationReport result;
    try (MigrateProgress progress = new MigrateProgress(MigrateProgress.mode(json), out, err,
        targets.size(), System::currentTimeMillis)) {
      result = migrator.run(targets, progress);
    }
    for (Path file : reports) {
      ReportWriter.write(result, file);
    }
    if (json) {
      out.print(ReportWriter.render(result, ReportWriter.Format.JSON));
      out.flush();
      summary(err, result, false);
    } else {
      summary(out, result, true);
    }
    return result.succeeded() ? 0 : 1;
  }

  /**
   * Prints the summary: counts, sizes and time, then the failed repositories with their
   * reasons. Under {@code --json} only the failures are printed, on standard error.
   */
  private void summary(PrintWriter to, MigrationReport result, boolean counts) {
    if (counts) {
      to.println("Migrated " + result.repositories().size()
          + (result.repositories().size() == 1 ? " repository" : " repositories") + " in "
          + Units.duration(result.millis()) + ": " + result.done() + " done, " + result.skipped()
          + " skipped, " + result.failed() + " failed; " + Units.bytes(result.sourceBytes())
          + " received, " + Units.bytes(result.storedBytes()) + " stored.");
    }
    List<RepositoryResult> failures = result.repositories().stream()
        .filter(r -> r.status() == RepositoryResult.Status.FAILED)
        .toList();
    if (!failures.isEmpty()) {
      to.println("Failed: " + failures.stream().map(r -> r.target().name().value())
          .collect(Collectors.joining(", ")));
      for (RepositoryResult r : failures) {
        to.println("  " + r.target().name().value() + " (" + Units.redact(r.target().source())
            + "): " + Units.redact(r.failure() == null ? "unknown reason" : r.failure()));
      }
    }
    for (Path file : reports) {
      to.println("Report written to " + file);
    }
    to.flush();
  }

  /** Every target the arguments name, in order: positional, then manifest, then scan. */
  private List<MigrationTarget> targets() {
    if (sources.isEmpty() && manifest == null && scan == null) {
      throw new CliException("name at least one SOURCE, or --manifest FILE or --scan DIR", 2);
    }
    if (name != null && sources.size() != 1) {
      throw new CliException("--name needs exactly one SOURCE argument (use a manifest to name"
          + " several)", 2);
    }
    List<MigrationTarget> targets = new ArrayList<>();
    try {
      for (String source : sources) {
        targets.add(Sources.parse(source, name));
      }
      if (manifest != null) {
        requireFile(manifest, "--manifest");
        targets.addAll(Sources.manifest(manifest));
      }
      if (scan != null) {
        if (!Files.isDirectory(scan)) {
          throw new CliException("--scan: no such directory: " + scan, 2);
        }
        targets.addAll(Sources.scan(scan));
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(Units.redact(Main.describe(e)), 2);
    } catch (IOException e) {
      throw new CliException(Units.redact(Main.describe(e)), 2);
    }
    if (targets.isEmpty()) {
      throw new CliException("no repositories to migrate (the manifest is empty or the scan"
          + " found none)", 2);
    }
    checkDistinctNames(targets);
    return targets;
  }

  private static void checkDistinctNames(List<MigrationTarget> targets) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (MigrationTarget t : targets) {
      String previous = seen.putIfAbsent(t.name().value(), t.source());
      if (previous != null) {
        throw new CliException("two sources would both become repository " + t.name().value()
            + ": " + Units.redact(previous) + " and " + Units.redact(t.source())
            + " (name them in a manifest)", 2);
      }
    }
  }

  private MigrationOptions options() {
    int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new CliException("--jobs must be at least 1: " + n, 2);
    }
    if (credentials != null) {
      requireFile(credentials, "--credentials");
    }
    return new MigrationOptions(n, include, exclude, allowIncomplete, verify == VerifyLevel.FULL,
        credentials);
  }

  private static void checkReportFile(Path file) {
    try {
      ReportWriter.Format.of(file);
    } catch (IllegalArgumentException e) {
      throw new CliException("--report: " + Main.describe(e), 2);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CliException("--report: no such directory: " + parent, 2);
    }
  }

  private static void requireFile(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new CliException(option + ": no such file: " + file, 2);
    }
  }
}
