package dev.helios.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios token create}. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Creates access tokens (use one as the password in git URLs and helpers).",
    subcommands = {TokenCommand.Create.class})
final class TokenCommand extends CommandGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a token for USER and prints its secret, which is shown only once.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOptions target;

    @Parameters(paramLabel = "USER", description = "The user the token signs in as.")
    String user;

    @Option(names = "--label", paramLabel = "LABEL", description = "What the token is for (default: cli).")
    String label = "cli";

    @Option(names = "--json", description = "Print {id, secret} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return target.execute(spec, a -> {
        Map<String, Object> token = a.createToken(user, label);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(token));
        } else {
          out.println("Created token " + token.get("id") + " for " + user + ": " + token.get("secret"));
          out.println("Store it now: it cannot be shown again. Use it as the password of " + user + ".");
        }
        out.flush();
        return 0;
      });
    }
  }
}
