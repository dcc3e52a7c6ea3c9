package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import dev.helios.engine.SyncPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code push} workload: N small pushes (three commits each, each commit changing one or two
 * files by a few lines) from a stock git client to a server, measuring the server process only:
 * {@code git daemon} with the receive-pack processes it forks, and the Helios server JVM.
 */
final class PushWorkload implements Workload {
  /*
   * One client clone pushes the same commits to both servers (remotes "git" and "helios"), so
   * both receive identical packs. All commits of a repetition are made before either side is
   * measured; the measured window holds only the N pushes of commit k:refs/heads/main, one after
   * another, so the client's commit work never overlaps it. Each repetition pushes N more on top.
   */

  private static final int COMMITS_PER_PUSH = 3;
  private static final int EDITED_FILES = 16;

  @Override
  public String name() {
    return "push";
  }

  @Override
  public String title() {
    return "Small pushes to a server";
  }

  @Override
  public WorkloadResult run(WorkloadContext context) throws IOException, InterruptedException {
    int pushes = context.scale().pick(5, 30, 100);
    Path work = context.workDir();
    GitClient git = context.git(work);
    Path client = work.resolve("client");
    context.step(name(), "setup: cloning the source");
    git.run(
        work,
        "clone",
        "-q",
        "--branch",
        "main",
        context.source().path().toString(),
        client.toString());
    List<String> files = editableFiles(git, client);
    Map<String, SideRecorder> recorders = new LinkedHashMap<>();
    try (ServerPair servers = ServerPair.start(context, name(), git, work, SyncPolicy.WAL)) {
      for (ServerSide server : servers.both()) {
        git.run(client, "remote", "add", server.key(), server.url());
        recorders.put(
            server.key(),
            new SideRecorder(
                server.key(),
                server.label(),
                server == servers.helios(),
                server.method() + " Client: stock git push.",
                server.fsync()));
      }
      for (int r = 1; r <= context.repeat(); r++) {
        String repetition = "repetition " + r + "/" + context.repeat();
        context.step(
            name(), "setup: " + pushes * COMMITS_PER_PUSH + " commits (" + repetition + ")");
        List<String> heads = commits(git, client, files, (r - 1) * pushes, pushes);
        for (ServerSide server : servers.both()) {
          push(context, git, client, server, heads, repetition, recorders.get(server.key()));
        }
      }
      checkPushed(git, client, servers);
      servers.stopAndRecord(recorders);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("pushes", pushes);
    parameters.put("commits_per_push", COMMITS_PER_PUSH);
    parameters.put("source", context.source().description());
    return new WorkloadResult(
        name(),
        title(),
        pushes
            + " pushes of "
            + COMMITS_PER_PUSH
            + " commits each (each commit appends a few"
            + " lines to one or two files) from one stock git client to a server loaded with the"
            + " source; only the server process (and the processes it forks) is measured. Each"
            + " repetition pushes "
            + pushes
            + " more.",
        pushes,
        parameters,
        recorders.values().stream().map(SideRecorder::side).toList(),
        notes());
  }

  // The commits of pushes first..first+count-1, COMMITS_PER_PUSH each; returns each push's head.
  private static List<String> commits(
      GitClient git, Path client, List<String> files, int first, int count)
      throws IOException, InterruptedException {
    List<String> heads = new ArrayList<>();
    for (int p = first; p < first + count; p++) {
      for (int c = 0; c < COMMITS_PER_PUSH; c++) {
        commit(git, client, files, p * COMMITS_PER_PUSH + c);
      }
      heads.add(git.run(client, "rev-parse", "HEAD").strip());
    }
    return heads;
  }

  // One measured repetition of a server: the pushes of `heads` to its main, one after another.
  private void push(
      WorkloadContext context,
      GitClient git,
      Path client,
      ServerSide server,
      List<String> heads,
      String repetition,
      SideRecorder recorder)
      throws IOException, InterruptedException {
    ServerDisk before = ServerDisk.of(server.storage());
    Meter.Run run =
        Meter.server(
            server.pid(),
            () -> {
              for (int p = 0; p < heads.size(); p++) {
                String step = ": push " + (p + 1) + "/" + heads.size() + ", " + repetition;
                context.step(name(), server.key() + step);
                git.run(client, "push", "-q", server.key(), heads.get(p) + ":refs/heads/main");
              }
            });
    ServerDisk.add(recorder, run, before, ServerDisk.of(server.storage()));
  }

  // Up to EDITED_FILES tracked files spread over the tree, in a fixed order.
  private static List<String> editableFiles(GitClient git, Path client)
      throws IOException, InterruptedException {
    List<String> all = git.run(client, "ls-files").lines().filter(f -> !f.isBlank()).toList();
    if (all.isEmpty()) {
      throw new IOException("the source repository's main branch has no files to edit");
    }
    List<String> files = new ArrayList<>();
    int step = Math.max(1, all.size() / EDITED_FILES);
    for (int i = 0; i < all.size() && files.size() < EDITED_FILES; i += step) {
      files.add(all.get(i));
    }
    return files;
  }

  // Commit n appends three lines to one file and, every other commit, two to a second one.
  private static void commit(GitClient git, Path client, List<String> files, int n)
      throws IOException, InterruptedException {
    String first = files.get(n % files.size());
    append(client.resolve(first), n, 3);
    List<String> changed = new ArrayList<>(List.of(first));
    String second = files.get((n + files.size() / 2 + 1) % files.size());
    if (n % 2 == 1 && !second.equals(first)) {
      append(client.resolve(second), n, 2);
      changed.add(second);
    }
    List<String> args =
        new ArrayList<>(List.of("commit", "-q", "-m", "push workload change " + n, "--"));
    args.addAll(changed);
    git.run(client, args.toArray(String[]::new));
  }

  private static void append(Path file, int n, int lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("change ").append(n).append(" line ").append(i).append(": a small edit\n");
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  // Both servers' main must be the client's HEAD, or the figures measured something else.
  private static void checkPushed(GitClient git, Path client, ServerPair servers)
      throws IOException, InterruptedException {
    String head = git.run(client, "rev-parse", "HEAD").strip();
    for (ServerSide server : servers.both()) {
      String line = git.run(client, "ls-remote", server.url(), "refs/heads/main").strip();
      if (!line.startsWith(head)) {
        throw new IOException(
            server.label() + " has main at '" + line + "', the client pushed " + head);
      }
    }
  }

  private static List<String> notes() {
    return List.of(
        "Protocols differ: git daemon speaks git:// (no HTTP framing); Helios speaks smart HTTP"
            + " (HTTP/1.1 requests and chunked bodies) and authorizes each request.",
        "Processes differ: git daemon forks a receive-pack process per push (its start-up is"
            + " counted); the Helios server is one long-running JVM, started and warmed by the"
            + " setup, whose background threads (JIT, garbage collector) are counted too.",
        "Durability, like with like: a push of fewer than 100 objects is stored by git as loose"
            + " objects and a ref file, neither fsynced by default, so it survives a killed"
            + " process but not a power loss; the Helios server runs with --sync wal, which"
            + " gives the same guarantee. Its default, --sync fsync, also survives a power loss"
            + " and costs an fsync per push.",
        "Both servers compact on their own, as by default: Helios after 50 pushed packs (so at"
            + " medium and large scale inside a repetition, in the background, counted when it"
            + " falls in the measured window); git runs gc --auto after each receive-pack (not"
            + " detached here, so it would be measured), which does nothing until 6,700 loose"
            + " objects, more than these pushes make.",
        ServerPair.DISK_NOTE);
  }
}
