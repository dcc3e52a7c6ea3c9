package dev.helios.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios user add|list}. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Adds and lists users.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class})
final class UserCommand extends CommandGroup {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      header = "Adds user NAME.",
      description = {
        "The password is asked for on the terminal, or read as one line from standard input "
            + "with --password-stdin.",
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Parameters(paramLabel = "NAME", description = "The user name.")
    String name;

    @Option(names = "--admin", description = "Make the user a server administrator.")
    boolean admin;

    @Option(names = "--password-stdin", description = "Read the new user's password from standard input.")
    boolean passwordStdin;

    @Option(names = "--json", description = "Print {name, admin} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      char[] password = passwordStdin ? readStdin() : ask();
      try {
        return target.execute(spec, a -> {
          Map<String, Object> user = a.addUser(name, password, admin);
          PrintWriter out = spec.commandLine().getOut();
          out.println(json ? Json.write(user)
              : "Added user " + name + (admin ? " (server administrator)" : ""));
          out.flush();
          return 0;
        });
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private static char[] readStdin() throws IOException {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isEmpty()) {
        throw new CliException("--password-stdin: standard input has no password line", 2);
      }
      return line.toCharArray();
    }

    private char[] ask() {
      Console console = System.console();
      if (console == null) {
        throw new CliException(
            "no terminal to ask for the password; pipe it in with --password-stdin", 2);
      }
      char[] first = console.readPassword("Password for %s: ", name);
      char[] second = console.readPassword("Repeat the password: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        throw new CliException("the passwords do not match");
      }
      Arrays.fill(second, '\0');
      return first;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users.")
  static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Option(names = "--json", description = "Print {\"users\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, a -> {
        List<Map<String, Object>> users = a.listUsers();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(Map.of("users", users)));
        } else {
          out.printf("%-32s %-6s %s%n", "NAME", "ADMIN", "CREATED");
          for (Map<String, Object> u : users) {
            out.printf("%-32s %-6s %s%n", u.get("name"), u.get("admin"), u.get("created"));
          }
        }
        out.flush();
        return 0;
      });
    }
  }
}
