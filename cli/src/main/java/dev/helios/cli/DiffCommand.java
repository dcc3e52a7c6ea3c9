package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.git.RepositoryName;
import dev.helios.git.inspect.DiffStat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios diff NAME REV1 REV2 [--stat] [--json]}. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    header = "Prints what changed between two revisions of a repository.",
    description = {
      "Prints the files that differ between revisions REV1 and REV2 of repository NAME, like",
      "git diff --name-status: A (added), M (modified), D (deleted) or T (type changed), a tab",
      "and the path. --stat shows lines added and removed per file, as git diff --stat does.",
      "Subtrees that did not change are never read (the trees are compared by their BLAKE3).",
      "",
      "Examples:",
      "  helios diff team/app v1.0 main --data DIR",
      "  helios diff team/app HEAD~1 HEAD --stat --data DIR"
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin WsTarget target;

  @Parameters(index = "0", paramLabel = "NAME", description = "The repository.")
  String name;

  @Parameters(index = "1", paramLabel = "REV1", description = "From: a branch, tag or SHA-1.")
  String from;

  @Parameters(index = "2", paramLabel = "REV2", description = "To: a branch, tag or SHA-1.")
  String to;

  @Option(names = "--stat", description = "Show lines added and removed per file.")
  boolean stat;

  @Option(names = "--json",
      description = "Print {changes, files, insertions, deletions} as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RepositoryName repository = LogCommand.repository(name);
    return target.execute(spec, d -> {
      Hash a = LogCommand.snapshot(d, repository, from);
      Hash b = LogCommand.snapshot(d, repository, to);
      List<Change> changes = DiffStat.fileChanges(d.storage().workspaces().diff(a, b));
      PrintWriter out = spec.commandLine().getOut();
      if (json || stat) {
        DiffStat.Summary summary = new DiffStat(d.storage().workspaces()).stat(changes);
        if (json) {
          out.println(Json.write(document(summary)));
        } else {
          DiffStat.format(summary).forEach(out::println);
        }
      } else {
        for (Change c : changes) {
          out.println(DiffStat.status(c) + "\t" + c.path());
        }
      }
      out.flush();
      return 0;
    });
  }

  private static Map<String, Object> document(DiffStat.Summary summary) {
    List<Map<String, Object>> changes = new ArrayList<>();
    for (DiffStat.FileStat f : summary.files()) {
      Change c = f.change();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("type", c.type().name().toLowerCase(Locale.ROOT));
      doc.put("status", String.valueOf(DiffStat.status(c)));
      doc.put("path", c.path());
      doc.put("before", entry(c.before()));
      doc.put("after", entry(c.after()));
      doc.put("binary", f.binary());
      doc.put("insertions", f.insertions());
      doc.put("deletions", f.deletions());
      changes.add(doc);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("changes", changes);
    doc.put("files", summary.files().size());
    doc.put("insertions", summary.insertions());
    doc.put("deletions", summary.deletions());
    return doc;
  }

  private static @Nullable Map<String, Object> entry(@Nullable DirEntry e) {
    if (e == null) {
      return null;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    doc.put("size", e.size());
    if (e.kind() == EntryKind.GITLINK) {
      doc.put("commit", HexFormat.of().formatHex(e.gitlinkId()));
    } else {
      doc.put("blake3", e.hash().toHex());
    }
    return doc;
  }
}
