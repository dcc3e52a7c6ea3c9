package dev.helios.cli;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where an administrative command acts: directly on a data directory ({@code --data}, the
 * default) or through a running server's JSON API ({@code --server}), with the credentials for
 * the latter. A picocli mixin.
 */
final class DataDirOptions {
  /*
   * Credentials come from --user/--password, else HELIOS_USER with HELIOS_PASSWORD or
   * HELIOS_TOKEN (a token is sent as the password of its user). They are never printed. Direct
   * mode needs none: whoever can open the data directory owns it, and the audit log records the
   * operating-system user as "local:NAME".
   */

  static final String IN_USE =
      "data directory %s is in use by a running Helios server; use --server URL";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Work on this data directory directly (default: ./helios-data).")
  Path data;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Work through the server at URL (such as http://127.0.0.1:8080).")
  String server;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "User for --server (default: $HELIOS_USER).")
  String user;

  @Option(
      names = "--password",
      paramLabel = "SECRET",
      description = "Password or token for --server (default: $HELIOS_PASSWORD or $HELIOS_TOKEN).")
  String password;

  @Option(names = "--debug", description = "Print stack traces of failures.")
  boolean debug;

  /** What a command does with an open {@link Administration}; returns the exit code. */
  interface Action {
    int run(Administration admin) throws Exception;
  }

  /**
   * Opens the administration, runs {@code action} and closes it; under {@code --debug} prints the
   * stack trace of a failure before {@link Main} prints its one line.
   */
  int execute(CommandSpec spec, Action action) throws Exception {
    try (Administration admin = open()) {
      return action.run(admin);
    } catch (Exception e) {
      if (debug && !(e instanceof CliException)) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      throw e;
    }
  }

  /** Opens the administration the options name; the caller closes it. */
  Administration open() {
    if (server != null && data != null) {
      throw new CliException("use either --data or --server, not both", 2);
    }
    if (server != null) {
      return new ApiClient(serverUri(server), credentials(System.getenv()));
    }
    return new LocalAdministration(openDirectory(dataDirectory(), SyncPolicy.FSYNC));
  }

  Path dataDirectory() {
    return data != null ? data : ServerConfig.DEFAULT_DATA_DIRECTORY;
  }

  /** Opens {@code dir}, turning "held by another process" into the one line users need. */
  static DataDirectory openDirectory(Path dir, SyncPolicy sync) {
    try {
      return DataDirectory.open(dir, sync, ServerConfig.DEFAULT_AUTO_GC_PUSH_THRESHOLD);
    } catch (DataDirectoryInUseException e) {
      throw new CliException(String.format(IN_USE, dir));
    } catch (IOException e) {
      throw new CliException("cannot open data directory " + dir + ": " + Main.describe(e));
    }
  }

  ApiClient.Credentials credentials(Map<String, String> env) {
    String name = user != null ? user : env.get("HELIOS_USER");
    String secret = password;
    if (secret == null) {
      secret = env.get("HELIOS_PASSWORD");
    }
    if (secret == null) {
      secret = env.get("HELIOS_TOKEN");
    }
    if (name == null && secret == null) {
      return null;
    }
    if (name == null || secret == null) {
      throw new CliException(
          "incomplete credentials for --server: give both a user (--user or HELIOS_USER) and a"
              + " password or token (--password, HELIOS_PASSWORD or HELIOS_TOKEN)",
          2);
    }
    return new ApiClient.Credentials(name, secret);
  }

  static URI serverUri(String raw) {
    String trimmed = raw.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new CliException("--server must be a URL such as http://127.0.0.1:8080: " + raw, 2);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new CliException("--server must be an http(s) URL such as http://127.0.0.1:8080: "
          + raw, 2);
    }
    return uri;
  }
}
