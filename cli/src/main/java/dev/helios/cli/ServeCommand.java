package dev.helios.cli;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.errors.DataDirectoryInUseException;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.server.HeliosServer;
import dev.helios.git.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helios serve}: runs the Git server until it is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Helios Git server: smart HTTP at /git/NAME.git, the admin API at /api/v1.",
      "Prints 'Helios listening on URL' when ready; stops cleanly on Ctrl-C or SIGTERM.",
      "On the first start it creates the user admin and prints its password once."
    })
final class ServeCommand implements Callable<Integer> {
  /*
   * The shutdown hook closes the server (Jetty lets requests in flight finish, then the stores
   * close), which makes join() return on the main thread.
   */

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./helios-data).")
  Path data = ServerConfig.DEFAULT_DATA_DIRECTORY;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1).")
  String host = ServerConfig.DEFAULT_HOST;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to bind; 0 picks a free one (default: 8080).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--anonymous",
      paramLabel = "ACCESS",
      description = "What requests without credentials may do: none, read or write (default: none).")
  AnonymousAccess anonymous = AnonymousAccess.NONE;

  @Option(names = "--auto-create", description = "Create a missing repository when an administrator pushes to it.")
  boolean autoCreate;

  @Option(
      names = "--max-pack-size",
      paramLabel = "BYTES",
      converter = ByteSize.class,
      description = "Largest pack a push may send, such as 500m or 2g (default: 2g).")
  long maxPackBytes = ServerConfig.DEFAULT_MAX_PACK_BYTES;

  @Option(
      names = "--sync",
      paramLabel = "POLICY",
      description =
          "wal: survive a killed process; fsync: also a power loss; group: as fsync, but"
              + " concurrent writes share one fsync (default: fsync).")
  SyncPolicy sync = SyncPolicy.FSYNC;

  @Option(
      names = "--gc-after-pushes",
      paramLabel = "N",
      description =
          "Compact a repository in the background once N pushed packs have accumulated or"
              + " 10,000 objects lack a reachability bitmap; 0 turns automatic gc off"
              + " (default: ${DEFAULT-VALUE}).")
  int gcAfterPushes = ServerConfig.DEFAULT_AUTO_GC_PUSH_THRESHOLD;

  @Option(
      names = "--default-branch",
      paramLabel = "BRANCH",
      description = "Branch HEAD of new repositories points at (default: main).")
  String defaultBranch = "main";

  @Option(names = "--debug", description = "Print stack traces of failures.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (gcAfterPushes < 0) {
      throw new CliException("--gc-after-pushes must be 0 or more: " + gcAfterPushes, 2);
    }
    ServerConfig config;
    try {
      config =
          ServerConfig.builder()
              .dataDirectory(data)
              .host(host)
              .port(port)
              .anonymous(anonymous)
              .autoCreate(autoCreate)
              .maxPackBytes(maxPackBytes)
              .syncPolicy(sync)
              .defaultBranch(defaultBranch)
              .autoGcPushThreshold(gcAfterPushes)
              .build();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 2);
    }
    quietJettyStartupLogs();
    HeliosServer server;
    try {
      server =
          HeliosServer.start(
              config,
              line -> {
                out.println(line);
                out.flush();
              });
    } catch (DataDirectoryInUseException e) {
      throw new CliException(String.format(DataDirOptions.IN_USE, data));
    } catch (IOException | RuntimeException e) {
      if (debug) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      throw e;
    }
    PrintWriter err = spec.commandLine().getErr();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException | RuntimeException e) {
                    err.println("helios: stopping the server failed: " + Main.describe(e));
                    err.flush();
                  }
                },
                "helios-shutdown"));
    out.println("Helios listening on " + server.uri());
    out.flush();
    server.join();
    return 0;
  }

  /**
   * Keeps Jetty's start-up banner off the terminal: its warnings and errors still show. The
   * simple logger reads per-logger levels as loggers are created, so this works as long as no
   * Jetty logger exists yet; an explicit -D setting wins.
   */
  static void quietJettyStartupLogs() {
    String key = "org.slf4j.simpleLogger.log.org.eclipse.jetty";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }

  /** Parses sizes such as {@code 1048576}, {@code 512k}, {@code 100m} or {@code 2g}. */
  static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.endsWith("b")) {
        v = v.substring(0, v.length() - 1);
      }
      long unit = 1;
      if (!v.isEmpty()) {
        switch (v.charAt(v.length() - 1)) {
          case 'k' -> unit = 1L << 10;
          case 'm' -> unit = 1L << 20;
          case 'g' -> unit = 1L << 30;
          default -> unit = 1;
        }
      }
      String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
      try {
        long n = Long.parseLong(digits);
        if (n <= 0 || n > Long.MAX_VALUE / unit) {
          throw new IllegalArgumentException("size out of range: " + value);
        }
        return n * unit;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "not a size: '" + value + "' (use bytes or a k, m or g suffix)", e);
      }
    }
  }
}
