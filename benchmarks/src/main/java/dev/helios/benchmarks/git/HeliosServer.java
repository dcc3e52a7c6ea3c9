package dev.helios.benchmarks.git;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code helios serve} as a child JVM from the distribution's {@code cli/target/lib}, started as
 * the {@code ./helios} launcher starts it (with the incubating Vector API), with a fresh data
 * directory, anonymous write (like the other two servers) and the chosen sync
 * policy. The source repository is created through the admin API, pushed with {@code git push
 * --mirror} and, unless told otherwise, collected with {@code POST /api/v1/gc} (one pack with
 * bitmaps), as the other servers get a {@code git gc}-ed copy. Not thread-safe.
 */
final class HeliosServer implements ServerUnderTest {
  private static final Pattern READY = Pattern.compile("Helios listening on (http://\\S+)");
  private static final String ADMIN = "admin";

  private final Path lib;
  private final List<String> jvmOptions;
  private final String sync;
  private final boolean gcAfterLoad;
  private ServerProcess process;
  private String baseUrl;

  HeliosServer(Path lib, List<String> jvmOptions, String sync, boolean gcAfterLoad) {
    this.lib = lib;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.sync = sync;
    this.gcAfterLoad = gcAfterLoad;
  }

  @Override
  public String key() {
    return "helios";
  }

  @Override
  public String label() {
    return "Helios";
  }

  @Override
  public boolean isJvm() {
    return true;
  }

  /**
   * Checks that {@code lib} holds a built distribution.
   *
   * @throws IOException with one line saying how to build it
   */
  static void checkLib(Path lib) throws IOException {
    boolean built;
    try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
      built = jars.anyMatch(p -> p.getFileName().toString().startsWith("helios-cli"));
    }
    if (!built) {
      throw new IOException(
          "no Helios distribution in " + lib
              + "; build it with: ./mvnw -q -DskipTests package -pl cli -am"
              + " (or pass --helios-lib DIR, or leave helios out of --servers)");
    }
  }

  @Override
  public void start(Path dir, Path source, GitClient git) throws IOException, InterruptedException {
    checkLib(lib);
    Path data = dir.resolve("data");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // As the ./helios launcher starts `serve`: BLAKE3 uses its Vector API kernels.
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-cp");
    command.add(ServerUnderTest.abs(lib) + "/*");
    command.add("dev.helios.cli.Main");
    command.addAll(
        List.of("serve", "--data", ServerUnderTest.abs(data), "--port", "0",
            "--anonymous", "write", "--sync", sync));
    process = ServerProcess.start(command, dir, dir.resolve("helios"), READY);
    Matcher m = process.awaitReady("helios serve");
    baseUrl = m.group(1);
    if (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }

    String password = Files.readString(data.resolve("initial-admin-password"), StandardCharsets.UTF_8)
        .trim();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String basic = Base64.getEncoder()
        .encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8));
    post(http, basic, "/api/v1/repos", "{\"name\":\"" + REPOSITORY + "\"}");
    String authed = baseUrl.replaceFirst(
        "^http://",
        "http://" + ADMIN + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@");
    git.run(source, "push", "-q", "--mirror", authed + "/git/" + REPOSITORY + ".git");
    if (gcAfterLoad) {
      // The other servers serve a `git gc`-ed copy (one pack, bitmap); this is Helios's own.
      post(http, basic, "/api/v1/gc", "{\"repo\":\"" + REPOSITORY + "\"}");
    }
  }

  private void post(HttpClient http, String basic, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofMinutes(10))
        .build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " answered " + resp.statusCode() + ": " + resp.body());
    }
  }

  @Override
  public String repositoryUrl() {
    return baseUrl + "/git/" + REPOSITORY + ".git";
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("lib", ServerUnderTest.abs(lib));
    List<String> jvm = new ArrayList<>(jvmOptions);
    jvm.add("--add-modules jdk.incubator.vector");
    s.put("jvmOptions", jvm);
    s.put("sync", sync);
    s.put("anonymous", "write");
    s.put("gcAfterLoad", gcAfterLoad);
    return s;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
