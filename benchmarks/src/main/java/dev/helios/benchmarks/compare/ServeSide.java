package dev.helios.benchmarks.compare;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.server.HeliosServer;
import dev.helios.git.server.ServerConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Helios server of the push and clone workloads. In a child JVM run by {@link HeliosSide},
 * {@code serve --data DIR --sync wal|fsync|group [--repo NAME]...} starts {@link HeliosServer} as
 * {@code helios serve} does (127.0.0.1, a free port, anonymous write so git clients need no
 * credentials), creates each NAME, prints {@code Helios listening on URL} and runs until it is
 * stopped; {@link Server} starts that child from the workload.
 */
final class ServeSide {
  /*
   * The repositories are created through the data directory's API before the ready line, as an
   * administrator would create them: --auto-create needs an authenticated administrator's push,
   * and the clients here are anonymous. The shutdown hook closes the server (requests in flight
   * finish, then the stores close), which makes join() return.
   */

  private static final Pattern READY = Pattern.compile("Helios listening on (http://\\S+)");
  private static final String ACTOR = "compare-git";
  private static final String ADMIN = "admin";
  private static final long START_TIMEOUT_SECONDS = 120;

  private ServeSide() {}

  /** Runs operation {@code op} ({@code serve}) with {@code args}. */
  static void run(String op, List<String> args) throws Exception {
    if (!op.equals("serve")) {
      throw new IllegalArgumentException("unknown serve operation " + op);
    }
    Path data = null;
    SyncPolicy sync = SyncPolicy.FSYNC;
    List<RepositoryName> repositories = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "--data" -> data = Path.of(value);
        case "--sync" -> sync = SyncPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        case "--repo" -> repositories.add(RepositoryName.parse(value));
        default -> throw new IllegalArgumentException("unknown serve option " + args.get(i));
      }
    }
    if (data == null || args.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "usage: serve --data DIR [--sync POLICY] [--repo NAME]...");
    }
    serve(data, sync, repositories);
  }

  private static void serve(Path data, SyncPolicy sync, List<RepositoryName> repositories)
      throws IOException, InterruptedException {
    // As `helios serve`: Jetty's start-up banner stays off the output.
    System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    ServerConfig config =
        ServerConfig.builder()
            .dataDirectory(data)
            .host("127.0.0.1")
            .port(0)
            .anonymous(AnonymousAccess.WRITE)
            .syncPolicy(sync)
            .build();
    HeliosServer server =
        HeliosServer.start(
            config,
            line -> {
              System.out.println(line);
              System.out.flush();
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException e) {
                    System.err.println("stopping the server failed: " + e);
                  }
                },
                "serve-shutdown"));
    for (RepositoryName name : repositories) {
      if (server.data().info(name).isEmpty()) {
        server.data().createRepository(ACTOR, name);
      }
    }
    System.out.println("Helios listening on " + server.uri());
    System.out.flush();
    server.join();
  }

  /**
   * {@code HeliosSide serve} as a child process with one repository, {@link ServerSide#REPOSITORY}:
   * stdout copied to the log by a daemon thread that also waits for the ready line, stderr appended
   * to the log. Not thread-safe.
   */
  static final class Server implements ServerSide {
    private final Path data;
    private final SyncPolicy sync;
    private final Process process;
    private final String baseUrl;

    private Server(Path data, SyncPolicy sync, Process process, String baseUrl) {
      this.data = data;
      this.sync = sync;
      this.process = process;
      this.baseUrl = baseUrl;
    }

    /**
     * Starts a server on the fresh data directory {@code data} and waits until it is ready.
     *
     * @throws IOException if it exits first or is not ready in two minutes (naming the log)
     */
    static Server start(Tools tools, Path data, SyncPolicy sync, Path log)
        throws IOException, InterruptedException {
      List<String> argv =
          tools.heliosSide(
              "serve",
              "--data",
              data.toString(),
              "--sync",
              sync.name().toLowerCase(Locale.ROOT),
              "--repo",
              REPOSITORY);
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process process = pb.start();
      CompletableFuture<String> ready = new CompletableFuture<>();
      Thread pump = new Thread(() -> pump(process, log, ready), "serve-stdout");
      pump.setDaemon(true);
      pump.start();
      try {
        String url = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new Server(data, sync, process, url.replaceFirst("/$", ""));
      } catch (ExecutionException | TimeoutException e) {
        ServerSide.stop(process);
        throw new IOException(
            "the Helios server did not start (" + e.getMessage() + "); see " + log, e);
      }
    }

    // Copies the child's stdout to the log and completes `ready` with the URL of the ready line.
    private static void pump(Process process, Path log, CompletableFuture<String> ready) {
      try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer out =
              Files.newBufferedWriter(
                  log,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          out.write(line);
          out.write('\n');
          out.flush();
          Matcher m = READY.matcher(line);
          if (m.find()) {
            ready.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
        return;
      }
      ready.completeExceptionally(new IOException("it exited before it was ready"));
    }

    @Override
    public String key() {
      return "helios";
    }

    @Override
    public String label() {
      return "Helios server";
    }

    @Override
    public String method() {
      return "helios serve (one JVM, Jetty, smart HTTP at /git/NAME.git) on a fresh data"
          + " directory, anonymous write; the JVM was started and warmed by the setup before"
          + " measuring.";
    }

    @Override
    public String fsync() {
      return switch (sync) {
        case WAL ->
            "SyncPolicy.WAL: every write reaches the write-ahead log, which is not"
                + " fsynced (survives a killed process, not a power loss)";
        case FSYNC ->
            "SyncPolicy.FSYNC (the server's default): every acknowledged write is"
                + " fsynced (survives a power loss)";
        case GROUP ->
            "SyncPolicy.GROUP: every acknowledged write is fsynced, concurrent writes"
                + " sharing one fsync";
      };
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public String url() {
      return baseUrl + "/git/" + REPOSITORY + ".git";
    }

    @Override
    public Path storage() {
      return data;
    }

    /** {@code POST /api/v1/gc} for the repository, as the initial administrator. */
    @Override
    public void pack() throws IOException, InterruptedException {
      String password =
          Files.readString(data.resolve("initial-admin-password"), StandardCharsets.UTF_8).strip();
      String basic =
          Base64.getEncoder()
              .encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/gc"))
              .header("Authorization", "Basic " + basic)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"repo\":\"" + REPOSITORY + "\"}"))
              .timeout(Duration.ofMinutes(10))
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException(
            "POST /api/v1/gc answered " + response.statusCode() + ": " + response.body());
      }
    }

    @Override
    public void close() {
      ServerSide.stop(process);
    }
  }
}
