package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.twin.GitTwins;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios log NAME [REV] [-n N] [--json]}. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    header = "Prints the history of a repository.",
    description = {
      "Prints the commits of repository NAME reachable from REV (default: HEAD), newest first,",
      "like git log --oneline: abbreviated SHA-1 and subject. --json adds each commit's",
      "snapshot id, author, date and parents.",
      "",
      "Example:",
      "  helios log team/app main -n 5 --data DIR"
    })
final class LogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WsTarget target;

  @Parameters(index = "0", paramLabel = "NAME", description = "The repository.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "REV",
      description = "A branch, tag, SHA-1 or expression such as HEAD~2 (default: HEAD).")
  String rev = "HEAD";

  @Option(names = "-n", paramLabel = "N", description = "At most N commits (default: 20).")
  int limit = 20;

  @Option(names = "--json",
      description = "Print [{commit, snapshot, author, date, subject, parents}] as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RepositoryName repository = repository(name);
    if (limit < 0) {
      throw new CliException("-n must not be negative: " + limit, 2);
    }
    return target.execute(spec, d -> {
      GitTwins twins = d.repositories().twins();
      snapshot(d, repository, rev); // checks REV and builds missing twins for the snapshot ids
      List<Map<String, Object>> docs = new ArrayList<>();
      PrintWriter out = spec.commandLine().getOut();
      try (Repository git = d.repositories().open(repository)
              .orElseThrow(() -> new RepositoryNotFoundException(repository));
          RevWalk walk = new RevWalk(git);
          ObjectReader reader = git.newObjectReader()) {
        ObjectId start = git.resolve(rev + "^{commit}");
        if (start == null) { // moved since snapshot() resolved it
          throw new CliException("no revision '" + rev + "' in repository '" + repository + "'");
        }
        walk.markStart(walk.parseCommit(start));
        int shown = 0;
        for (RevCommit c : walk) {
          if (shown++ >= limit) {
            break;
          }
          if (json) {
            docs.add(document(twins, c));
          } else {
            out.println(reader.abbreviate(c, 7).name() + " " + c.getShortMessage());
          }
        }
      }
      if (json) {
        out.println(Json.write(docs));
      }
      out.flush();
      return 0;
    });
  }

  private static Map<String, Object> document(GitTwins twins, RevCommit c) throws IOException {
    PersonIdent author = c.getAuthorIdent();
    List<String> parents = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      parents.add(p.name());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("commit", c.name());
    doc.put("snapshot", twins.snapshotOf(c).map(Hash::toHex).orElse(null));
    doc.put("author", author.getName() + " <" + author.getEmailAddress() + ">");
    doc.put("date", OffsetDateTime.ofInstant(author.getWhenAsInstant(), author.getZoneId())
        .toString());
    doc.put("subject", c.getShortMessage());
    doc.put("parents", parents);
    return doc;
  }

  /** Parses a repository name given on the command line; a bad one is a usage error. */
  static RepositoryName repository(String raw) {
    try {
      return RepositoryName.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.describe(e), 2);
    }
  }

  /**
   * The snapshot of revision {@code rev} of {@code repository}, building twins that are missing;
   * a revision that does not resolve is a one-line failure.
   */
  static Hash snapshot(DataDirectory d, RepositoryName repository, String rev)
      throws IOException {
    try {
      return d.repositories().twins().snapshot(repository, rev);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.describe(e));
    }
  }
}
