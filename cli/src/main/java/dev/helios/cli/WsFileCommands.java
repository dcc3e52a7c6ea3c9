package dev.helios.cli;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.VstPaths;
import dev.helios.git.workspace.WorkspaceDocuments;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helios ws write|cat|ls|rm|mkdir|mv}: the files of a workspace's working tree. */
final class WsFileCommands {
  private WsFileCommands() {}

  @Command(
      name = "write",
      mixinStandardHelpOptions = true,
      header =
          "Writes a file of workspace NAME from FILE or standard input (- or no FILE), "
          + "creating missing directories; or a symlink with --symlink.",
      description = {
        "Examples:",
        "  helios ws write demo src/main.c main.c --data DIR",
        "  echo 'echo hi' | helios ws write demo run.sh - --executable --data DIR",
        "  helios ws write demo latest --symlink releases/1.0 --data DIR"
      })
  static final class Write implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The path in the workspace.")
    String path;

    @Parameters(
        index = "2",
        arity = "0..1",
        paramLabel = "FILE",
        description = "Where the content comes from; - or nothing for standard input.")
    String file;

    @Option(names = "--executable", description = "Mark the file executable.")
    boolean executable;

    @Option(names = "--symlink", paramLabel = "TARGET", description = "Write a symlink to TARGET.")
    String symlink;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      WsTarget.checkPath(path);
      if (symlink != null && (executable || file != null)) {
        throw new CliException("--symlink takes no FILE and no --executable", 2);
      }
      byte[] content = symlink != null ? symlink.getBytes(StandardCharsets.UTF_8) : content();
      EntryKind kind =
          symlink != null ? EntryKind.SYMLINK : executable ? EntryKind.EXECUTABLE : EntryKind.FILE;
      return target.withWorkspace(spec, name, true, (d, w) -> {
        w.write(path, content, kind);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + VstPaths.normalize(path) + " (" + content.length + " bytes)");
        out.flush();
        return 0;
      });
    }

    private byte[] content() {
      try {
        return file == null || file.equals("-")
            ? System.in.readAllBytes()
            : Files.readAllBytes(Path.of(file));
      } catch (IOException e) {
        throw new CliException("cannot read " + (file == null ? "standard input" : file) + ": "
            + Main.describe(e));
      }
    }
  }

  @Command(
      name = "cat",
      mixinStandardHelpOptions = true,
      header =
          "Prints a file (or a symlink's target) of workspace NAME: from the working "
          + "tree, or from a snapshot with --rev.",
      description = {
        "Example:",
        "  helios ws cat demo README --rev main --data DIR"
      })
  static final class Cat implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file.")
    String path;

    @Option(names = "--rev", paramLabel = "REV", description = "A branch, HEAD or snapshot id.")
    String rev;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, false, (d, w) -> {
        byte[] content =
            rev == null
                ? w.read(path)
                : d.storage().workspaces().read(WsTarget.resolve(d, name, rev), path);
        print(spec, content);
        return 0;
      });
    }

    // Text goes through the command's writer (which tests capture); anything that is not UTF-8
    // goes to the process's standard output as bytes, which a writer would mangle.
    private static void print(CommandSpec spec, byte[] content) {
      PrintWriter out = spec.commandLine().getOut();
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content))
                .toString();
        out.print(text);
        out.flush();
      } catch (CharacterCodingException e) {
        out.flush();
        PrintStream raw = System.out;
        raw.write(content, 0, content.length);
        raw.flush();
      }
    }
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      header =
          "Lists a directory (default: the root) of workspace NAME: the working tree, or "
          + "a snapshot with --rev.",
      description = {
        "Example:",
        "  helios ws ls demo src --json --data DIR"
      })
  static final class Ls implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "The directory.")
    String path = "";

    @Option(names = "--rev", paramLabel = "REV", description = "A branch, HEAD or snapshot id.")
    String rev;

    @Option(names = "--json", description = "Print {path, entries} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, false, (d, w) -> {
        Hash snapshot = rev == null ? null : WsTarget.resolve(d, name, rev);
        List<DirEntry> entries =
            snapshot == null ? w.list(path) : d.storage().workspaces().list(snapshot, path);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          List<Map<String, Object>> docs = new ArrayList<>();
          entries.forEach(e -> docs.add(WorkspaceDocuments.entry(e)));
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("path", VstPaths.normalize(path));
          doc.put("entries", docs);
          out.println(Json.write(doc));
        } else {
          for (DirEntry e : entries) {
            out.printf("%-10s %12s  %s%n", WorkspaceDocuments.kind(e.kind()),
                e.kind().hasContent() ? Long.toString(e.size()) : "-",
                e.kind() == EntryKind.DIRECTORY ? e.name() + "/" : e.name());
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = {
        "Deletes a file, symlink, gitlink or directory (with its contents) of workspace NAME.",
        "",
        "Example:",
        "  helios ws rm demo build --data DIR"
      })
  static final class Rm implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "What to delete.")
    String path;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        if (!w.delete(path)) {
          throw new CliException(
              "no file or directory '" + VstPaths.normalize(path) + "' in workspace '" + name
                  + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Deleted " + VstPaths.normalize(path));
        out.flush();
        return 0;
      });
    }
  }

  @Command(
      name = "mkdir",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a directory (and missing parents) in workspace NAME.",
        "",
        "Example:",
        "  helios ws mkdir demo docs/img --data DIR"
      })
  static final class Mkdir implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The directory.")
    String path;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        w.mkdir(path);
        return 0;
      });
    }
  }

  @Command(
      name = "mv",
      mixinStandardHelpOptions = true,
      description = {
        "Moves a file or directory of workspace NAME (replacing a file at TO).",
        "",
        "Example:",
        "  helios ws mv demo README README.md --data DIR"
      })
  static final class Mv implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WsTarget target;

    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace.")
    String name;

    @Parameters(index = "1", paramLabel = "FROM", description = "What to move.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "Where to.")
    String to;

    @Override
    public Integer call() throws Exception {
      WsTarget.checkName(name);
      return target.withWorkspace(spec, name, true, (d, w) -> {
        w.rename(from, to);
        return 0;
      });
    }
  }
}
