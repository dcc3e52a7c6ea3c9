package dev.helios.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios grant USER REPO ROLE} and {@code helios grant --revoke USER REPO}. */
@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    description = {
      "Grants a user a role on a repository, or revokes it.",
      "Roles: read (clone, fetch), write (also push), admin (also grants and deletion)."
    })
final class GrantCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirOptions target;

  @Option(names = "--revoke", description = "Revoke instead of grant (then no ROLE).")
  boolean revoke;

  @Parameters(index = "0", paramLabel = "USER", description = "The user.")
  String user;

  @Parameters(index = "1", paramLabel = "REPO", description = "The repository.")
  String repo;

  @Parameters(index = "2", arity = "0..1", paramLabel = "ROLE", description = "read, write or admin.")
  String role;

  @Option(names = "--json", description = "Print the grant as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (revoke && role != null) {
      throw new CliException("--revoke takes USER and REPO only, no role", 2);
    }
    if (!revoke && role == null) {
      throw new CliException("missing ROLE: read, write or admin", 2);
    }
    String normalized = revoke ? null : LocalAdministration.role(role).name().toLowerCase(Locale.ROOT);
    return target.execute(spec, a -> {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("user", user);
      result.put("repo", repo);
      if (revoke) {
        a.revoke(user, repo);
        result.put("revoked", true);
      } else {
        a.grant(user, repo, normalized);
        result.put("role", normalized);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.write(result));
      } else if (revoke) {
        out.println("Revoked the access of " + user + " to " + repo);
      } else {
        out.println("Granted " + normalized + " on " + repo + " to " + user);
      }
      out.flush();
      return 0;
    });
  }
}
