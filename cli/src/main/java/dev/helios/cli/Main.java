package dev.helios.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code helios} command. The only class that may call {@link System#exit}. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given output streams and returns its exit code: 0 on success,
   * 1 when the command failed, 2 on a usage error. Failures print one line on {@code err}
   * (with the stack trace only under {@code --debug}).
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The configured command tree; exposed for tests. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new HeliosCommand());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean debug = parseResult.hasMatchedOption("--debug")
              || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
          PrintWriter err = commandLine.getErr();
          err.println("helios: " + describe(e));
          if (debug) {
            e.printStackTrace(err);
          }
          err.flush();
          return e instanceof CliException ce ? ce.exitCode() : 1;
        });
    return cli;
  }

  /** One line saying what went wrong: the message, or the type when there is none. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
