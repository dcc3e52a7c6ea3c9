package dev.helios.benchmarks.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How long does stock {@code git} take to clone, fetch and push against Helios, compared with
 * the same repository served by C git's {@code git http-backend} (CGI behind lighttpd) and by
 * JGit's {@code GitServlet} over plain files, and how much memory does each server hold?
 *
 * <p>Run from the repository root after {@code ./mvnw -q -DskipTests package -pl cli -am}:
 * {@code java -cp benchmarks/target/benchmarks.jar
 * dev.helios.benchmarks.git.GitServingBenchmark [--generate-mb 45] [--json runs.json]}; see
 * {@link BenchmarkOptions#USAGE}. Prints Markdown tables to stdout and progress to stderr.
 * Needs {@code git}, and {@code lighttpd} for the C git side. Exits 1 with one line on stderr
 * when something is missing or a server fails.
 */
public final class GitServingBenchmark {
  /*
   * Method. The source repository (a mirror of the jq bundle, of --repo, or a generated one)
   * is first maintained as a git host would keep it: `git gc` writes one pack with a bitmap,
   * a commit-graph and packed refs. The C git and JGit servers each get a byte-for-byte copy
   * of that directory; Helios gets it by `git push --mirror`, so it stores the objects its own
   * way, and then collects it through its admin API (its own gc: one pack with bitmaps). All three run on 127.0.0.1, anonymous read and write, and stay up for the whole run.
   *
   * Each repetition runs the operations in a fixed order (Operation), and each operation on
   * every server before the next operation; the order of the servers rotates by one each
   * repetition, so no server is always first after another's disk-heavy clone. Per server and
   * repetition: a clone with protocol v2 (kept), a clone with v0 (kept as "another clone"), a
   * no-op fetch in the first, a push of 10 commits from the second (made untimed with
   * fast-import, identical bytes for every server, on a new branch), an incremental fetch of
   * them in the first, then N clones started at once. Clones are --no-checkout, so the time
   * is the transfer and git's index-pack, not writing a work tree. Each clone and fetch is
   * checked (default branch and pushed branch resolve to the expected ids), untimed.
   *
   * Times are wall clock from starting the git process to its exit, measured by this JVM
   * (which is idle meanwhile apart from a 100 ms memory sampler). Warm-up repetitions run
   * first, without the concurrent clones, and are reported in the JSON only: a JVM server that
   * just started has not compiled its hot paths, and a long-running server has. Nothing here
   * is asserted; CI never runs it.
   */

  private static final int PUSH_COMMITS = 10;

  private final BenchmarkOptions options;
  private final Path work;
  private final GitClient git;
  private final List<ServerUnderTest> running = new CopyOnWriteArrayList<>();
  private final Map<String, Object> repositoryInfo = new LinkedHashMap<>();
  private final Map<String, Double> loadSeconds = new LinkedHashMap<>();
  private String defaultBranch;
  private String baseCommit;

  private GitServingBenchmark(BenchmarkOptions options, Path work) throws IOException {
    this.options = options;
    this.work = work;
    this.git = new GitClient(work);
  }

  /**
   * Runs the benchmark. Failures end the process with exit status 1 and one line on stderr
   * (the uncaught-exception handler prints it; the stack trace too if {@code -Ddebug=true}).
   *
   * @param args see {@link BenchmarkOptions#USAGE}
   * @throws Exception when the benchmark cannot run
   */
  public static void main(String[] args) throws Exception {
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
      System.err.println("git-serving-benchmark: " + e.getMessage());
      if (Boolean.getBoolean("debug")) {
        e.printStackTrace();
      }
    });
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(BenchmarkOptions.USAGE);
      return;
    }
    BenchmarkOptions options = BenchmarkOptions.parse(args, root());
    checkPrerequisites(options);
    Path work = options.work() != null
        ? Files.createDirectories(options.work())
        : Files.createTempDirectory("git-serving-");
    try {
      new GitServingBenchmark(options, work).run();
    } finally {
      if (!options.keep()) {
        Dirs.delete(work);
      } else {
        System.err.println("kept " + work);
      }
    }
  }

  /** The repository root: the working directory or the nearest parent holding mvnw. */
  private static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("benchmarks"))) {
        return p;
      }
    }
    return cwd;
  }

  private static void checkPrerequisites(BenchmarkOptions options) throws IOException {
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IOException("git --version failed");
      }
    } catch (IOException | InterruptedException e) {
      throw new IOException("git is not installed or not on the PATH", e);
    }
    if (options.servers().contains("git-http-backend")) {
      HttpBackendServer.lighttpd();
    }
    if (options.servers().contains("helios")) {
      HeliosServer.checkLib(options.heliosLib());
    }
  }

  private void run() throws IOException, InterruptedException {
    String loadBefore = loadAverage();
    Path source = prepareSource();
    List<ServerUnderTest> servers = new ArrayList<>();
    for (String key : options.servers()) {
      servers.add(switch (key) {
        case "git-http-backend" -> new HttpBackendServer();
        case "jgit-file" -> new JGitFileServerUnderTest(options.jvmOptions());
        case "helios" -> new HeliosServer(options.heliosLib(), options.jvmOptions(),
            options.heliosSync(), options.heliosGc());
        default -> throw new IllegalStateException("unknown server " + key);
      });
    }
    Report report = new Report(servers);
    Map<String, Boolean> v2 = new LinkedHashMap<>();
    try (MemoryProbe memory = new MemoryProbe(() -> running)) {
      for (ServerUnderTest s : servers) {
        Path dir = Files.createDirectories(work.resolve("servers").resolve(s.key()));
        progress("starting " + s.label());
        long t0 = System.nanoTime();
        s.start(dir, source, git);
        loadSeconds.put(s.key(), (System.nanoTime() - t0) / 1e9);
        running.add(s);
        v2.put(s.key(), speaksV2(s));
        progress(String.format(Locale.ROOT, "  %s (pid %d, protocol v2: %s, started and loaded"
            + " in %.1f s)", s.repositoryUrl(), s.pid(), v2.get(s.key()), loadSeconds.get(s.key())));
      }
      int total = options.warmups() + options.repetitions();
      for (int rep = 0; rep < total; rep++) {
        List<ServerUnderTest> order = new ArrayList<>(servers);
        java.util.Collections.rotate(order, -rep);
        repetition(rep, rep < options.warmups(), order, report);
      }
      for (ServerUnderTest s : servers) {
        report.memory(s, memoryOf(s, memory));
      }
    } finally {
      for (ServerUnderTest s : servers) {
        s.close();
      }
      running.clear();
    }

    Map<String, Object> header = header(v2);
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) header.get("machine");
    machine.put("loadAverageAtStart", loadBefore);
    machine.put("loadAverageAtEnd", loadAverage());
    System.out.println(describe(header));
    System.out.println(report.markdown(options.clones()));
    if (options.json() != null) {
      report.writeJson(options.json(), header);
      progress("wrote " + options.json());
    }
  }

  private Path prepareSource() throws IOException, InterruptedException {
    Path source = work.resolve("source.git");
    long t0 = System.nanoTime();
    if (options.generateMib() > 0) {
      progress("generating a repository of about " + options.generateMib() + " MiB (seed "
          + options.seed() + ")");
      RepositoryGenerator.Summary s =
          RepositoryGenerator.generate(source, options.generateMib(), options.seed(), git);
      repositoryInfo.put("source", "generated");
      repositoryInfo.put("generatedTargetMib", s.targetMib());
      repositoryInfo.put("seed", s.seed());
    } else {
      Path from = options.repo() != null ? options.repo() : options.bundle();
      progress("mirroring " + from);
      git.run(null, "clone", "-q", "--mirror", "--no-hardlinks",
          from.toAbsolutePath().toString(), source.toString());
      repositoryInfo.put("source", from.toAbsolutePath().normalize().toString());
    }
    git.run(source, "gc", "-q");
    defaultBranch = chooseHead(source);
    baseCommit = git.run(source, "rev-parse", "--verify", "-q", "HEAD^{commit}").trim();
    repositoryInfo.put("defaultBranch", defaultBranch);
    repositoryInfo.put("commits",
        Long.parseLong(git.run(source, "rev-list", "--all", "--count").trim()));
    repositoryInfo.put("refs", git.run(source, "for-each-ref").lines().count());
    repositoryInfo.put("objects", countObjects(source));
    repositoryInfo.put("bytesOnDisk", Dirs.size(source));
    progress(String.format(Locale.ROOT, "repository ready in %.1f s: %s",
        (System.nanoTime() - t0) / 1e9, repositoryInfo));
    return source;
  }

  /**
   * Returns the branch HEAD names, first pointing HEAD at main, master or the first branch if
   * it names no branch (a bundle carries no HEAD).
   */
  private String chooseHead(Path repo) throws IOException, InterruptedException {
    String head = git.run(repo, "symbolic-ref", "HEAD").trim();
    List<String> branches =
        git.run(repo, "for-each-ref", "--format=%(refname)", "refs/heads/").lines().toList();
    if (branches.isEmpty()) {
      throw new IOException("the repository has no branches: " + repo);
    }
    if (!branches.contains(head)) {
      head = branches.contains("refs/heads/main") ? "refs/heads/main"
          : branches.contains("refs/heads/master") ? "refs/heads/master" : branches.get(0);
      git.run(repo, "symbolic-ref", "HEAD", head);
    }
    return head;
  }

  private Map<String, String> countObjects(Path repo) throws IOException, InterruptedException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : git.run(repo, "count-objects", "-v").split("\n")) {
      int c = line.indexOf(':');
      if (c > 0) {
        out.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
      }
    }
    return out;
  }

  /** True if the server answers a protocol v2 ls-remote with a v2 capability advertisement. */
  private boolean speaksV2(ServerUnderTest s) throws IOException, InterruptedException {
    Path trace = work.resolve("trace-" + s.key() + ".txt");
    GitClient.Run r = git.start(null, Map.of("GIT_TRACE_PACKET", trace.toString()),
        "-c", "protocol.version=2", "ls-remote", s.repositoryUrl());
    r.process().getOutputStream().close();
    r.await();
    String t = Files.readString(trace, StandardCharsets.UTF_8);
    return t.contains("< version 2");
  }

  private void repetition(int rep, boolean warmup, List<ServerUnderTest> order, Report report)
      throws IOException, InterruptedException {
    Path clients = work.resolve("clients-" + rep);
    String branch = "bench/push-" + rep;
    byte[] commits = pushCommits(rep, branch);
    Map<String, String> pushed = new LinkedHashMap<>();
    String tag = (warmup ? "warm-up " : "rep ") + (rep + 1 - (warmup ? 0 : options.warmups()));
    for (Operation op : Operation.values()) {
      if (warmup && op == Operation.CLONE_CONCURRENT) {
        continue;
      }
      for (int pos = 0; pos < order.size(); pos++) {
        ServerUnderTest s = order.get(pos);
        Path dir = Files.createDirectories(clients.resolve(s.key()));
        double seconds = switch (op) {
          case CLONE_V2 -> clone(s, dir.resolve("v2"), "2");
          case CLONE_V0 -> clone(s, dir.resolve("v0"), "0");
          case FETCH_NOOP -> git.time(dir.resolve("v2"), "fetch", "-q", "origin");
          case PUSH -> {
            git.run(dir.resolve("v0"), commits, "fast-import", "--quiet");
            pushed.put(s.key(), git.run(dir.resolve("v0"), "rev-parse", branch).trim());
            yield git.time(dir.resolve("v0"), "push", "-q", "origin", branch);
          }
          case FETCH_INCREMENTAL -> {
            double t = git.time(dir.resolve("v2"), "fetch", "-q", "origin");
            expect(s, dir.resolve("v2"), "refs/remotes/origin/" + branch, pushed.get(s.key()));
            yield t;
          }
          case CLONE_CONCURRENT -> concurrentClones(s, dir.resolve("many"));
        };
        report.add(new Report.RunRecord(rep, warmup, op.key(), s.key(), pos, seconds));
        progress(String.format(Locale.ROOT, "%-9s %-18s %-17s %8.3f s", tag, op.key(), s.key(),
            seconds));
      }
    }
    Dirs.delete(clients);
    git.clearLogs();
  }

  private double clone(ServerUnderTest s, Path dir, String protocol)
      throws IOException, InterruptedException {
    double t = git.time(null, "-c", "protocol.version=" + protocol, "clone", "--no-checkout",
        "-q", s.repositoryUrl(), dir.toString());
    expect(s, dir, "refs/remotes/origin/" + defaultBranch.substring("refs/heads/".length()),
        baseCommit);
    return t;
  }

  private double concurrentClones(ServerUnderTest s, Path dir)
      throws IOException, InterruptedException {
    List<String[]> commands = new ArrayList<>();
    for (int i = 0; i < options.clones(); i++) {
      commands.add(new String[] {"clone", "--no-checkout", "-q", s.repositoryUrl(),
          dir.resolve("c" + i).toString()});
    }
    double t = git.timeConcurrently(null, commands);
    for (int i = 0; i < options.clones(); i++) {
      expect(s, dir.resolve("c" + i),
          "refs/remotes/origin/" + defaultBranch.substring("refs/heads/".length()), baseCommit);
    }
    Dirs.delete(dir);
    return t;
  }

  private void expect(ServerUnderTest s, Path repo, String ref, String id)
      throws IOException, InterruptedException {
    String actual = git.run(repo, "rev-parse", "--verify", "-q", ref).trim();
    if (!actual.equals(id)) {
      throw new IOException(s.label() + ": " + ref + " is " + actual + " after the operation,"
          + " expected " + id + " (in " + repo + ")");
    }
  }

  /**
   * A fast-import stream of {@link #PUSH_COMMITS} commits on {@code branch} from the default
   * branch, each adding a 4 KiB text file; the same bytes for every server.
   */
  private byte[] pushCommits(int rep, String branch) {
    SplittableRandom r = new SplittableRandom(options.seed() * 1_000_003L + rep);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < PUSH_COMMITS; i++) {
      long time = 1_700_000_000L + rep * 1000L + i;
      String msg = "Benchmark commit " + (i + 1) + " of repetition " + rep + "\n";
      StringBuilder text = new StringBuilder(4200);
      while (text.length() < 4096) {
        for (int w = 0; w < 10; w++) {
          int len = 2 + r.nextInt(8);
          for (int c = 0; c < len; c++) {
            text.append((char) ('a' + r.nextInt(26)));
          }
          text.append(w == 9 ? '\n' : ' ');
        }
      }
      b.append("commit refs/heads/").append(branch).append('\n');
      b.append("committer Bench <bench@example.com> ").append(time).append(" +0000\n");
      b.append("data ").append(msg.length()).append('\n').append(msg);
      if (i == 0) {
        b.append("from ").append(baseCommit).append('\n');
      }
      b.append("M 100644 inline bench/").append(rep).append("/file-").append(i).append(".txt\n");
      b.append("data ").append(text.length()).append('\n').append(text).append('\n');
    }
    b.append("done\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private Map<String, Object> memoryOf(ServerUnderTest s, MemoryProbe probe) {
    Map<String, Object> m = new LinkedHashMap<>();
    MemoryProbe.statusKb(s.pid(), "VmRSS").ifPresent(v -> m.put("rssKb", v));
    MemoryProbe.statusKb(s.pid(), "VmHWM").ifPresent(v -> m.put("hwmKb", v));
    m.put("peakTreeRssKb", probe.peakTreeRssKb(s));
    if (s.isJvm()) {
      m.putAll(MemoryProbe.jvmHeapKb(s.pid()));
    }
    return m;
  }

  private Map<String, Object> header(Map<String, Boolean> v2)
      throws IOException, InterruptedException {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("benchmark", "git-serving");
    h.put("date", Instant.now().toString());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpu", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("git", git.run(null, "--version").trim());
    machine.put("java", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    h.put("machine", machine);
    h.put("repository", repositoryInfo);
    Map<String, Object> method = new LinkedHashMap<>();
    method.put("repetitions", options.repetitions());
    method.put("warmups", options.warmups());
    method.put("concurrentClones", options.clones());
    method.put("pushCommits", PUSH_COMMITS);
    method.put("serverSpeaksProtocolV2", v2);
    // Start-up plus loading the repository: a directory copy for C git and JGit, a push
    // --mirror for Helios. Not comparable as a migration figure; recorded to spot trouble.
    method.put("serverStartAndLoadSeconds", loadSeconds);
    h.put("method", method);
    return h;
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine makes the runs noisy. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      // Not Linux: no load figure.
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: the model stays unknown.
      return "unknown";
    }
    return "unknown";
  }

  @SuppressWarnings("unchecked")
  private static String describe(Map<String, Object> h) {
    Map<String, Object> m = (Map<String, Object>) h.get("machine");
    Map<String, Object> r = (Map<String, Object>) h.get("repository");
    Map<String, Object> method = (Map<String, Object>) h.get("method");
    Map<String, String> objects = (Map<String, String>) r.get("objects");
    return String.format(Locale.ROOT,
        "Repository: %s — %s commits, %s refs, %s objects, pack %s KiB.%n"
            + "Machine: %s, %s cores, %s; %s; %s; load average %s at the start, %s at the end.%n"
            + "Median of %s runs after %s warm-up; server order rotated each repetition.%n",
        r.get("source"), r.get("commits"), r.get("refs"), objects.get("in-pack"),
        objects.get("size-pack"), m.get("cpu"), m.get("cores"), m.get("os"), m.get("git"),
        m.get("java"), m.get("loadAverageAtStart"), m.get("loadAverageAtEnd"),
        method.get("repetitions"), method.get("warmups"));
  }

  private static void progress(String line) {
    System.err.println(line);
  }
}
