package dev.helios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code helios} command: prints usage when no subcommand is given. */
@Command(
    name = "helios",
    mixinStandardHelpOptions = true,
    versionProvider = HeliosCommand.Version.class,
    description = "A Git server and migration toolkit on a BLAKE3 content-addressed store.",
    subcommands = {
      ServeCommand.class,
      RepoCommand.class,
      UserCommand.class,
      TokenCommand.class,
      GrantCommand.class,
      AuditCommand.class,
      GcCommand.class,
      WsCommand.class,
      LogCommand.class,
      DiffCommand.class,
      MaterializeCommand.class,
      VerifyCommand.class,
      MigrateCommand.class,
      CompareGitCommand.class,
      BenchmarkCommand.class
    })
final class HeliosCommand extends CommandGroup {

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"helios " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }

    static String version() {
      Properties properties = new Properties();
      try (InputStream in = HeliosCommand.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "unknown";
        }
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the version resource", e);
      }
      return properties.getProperty("version", "unknown");
    }
  }
}
