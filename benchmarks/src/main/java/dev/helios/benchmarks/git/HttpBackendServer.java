package dev.helios.benchmarks.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * C git's {@code git http-backend} as a CGI program behind lighttpd (mod_alias, mod_cgi,
 * mod_setenv) on 127.0.0.1, serving a byte-for-byte copy of the source repository with
 * receive-pack enabled. The configuration is the one git-http-backend(1) documents for
 * lighttpd. Not thread-safe.
 */
final class HttpBackendServer implements ServerUnderTest {
  /*
   * lighttpd cannot bind port 0 and say which port it got, so the harness picks a free port
   * and retries on the (rare) race with another process. Request and response bodies are
   * streamed (stream-*-body = 1) rather than spooled to temporary files first, which is what
   * a git host would configure. Protocol v2 reaches git through the Git-Protocol request
   * header, which mod_cgi passes as HTTP_GIT_PROTOCOL and http-backend honours itself.
   */

  private static final int ATTEMPTS = 5;

  private ServerProcess process;
  private int port;
  private String lighttpdVersion;

  @Override
  public String key() {
    return "git-http-backend";
  }

  @Override
  public String label() {
    return "C git http-backend";
  }

  @Override
  public boolean isJvm() {
    return false;
  }

  /**
   * Returns the path of lighttpd, or throws with one line saying how to install it.
   *
   * @throws IOException if lighttpd is not installed
   */
  static Path lighttpd() throws IOException {
    for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, "lighttpd");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path p = Path.of(dir, "lighttpd");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new IOException(
        "lighttpd is not installed (needed for the git http-backend side); "
            + "install it with: apt-get install -y lighttpd");
  }

  @Override
  public void start(Path dir, Path source, GitClient git) throws IOException, InterruptedException {
    Path lighttpd = lighttpd();
    Path repos = dir.resolve("repos");
    Path repo = repos.resolve(REPOSITORY + ".git");
    Dirs.copy(source, repo);
    git.run(repo, "config", "http.receivepack", "true");
    Path backend = Path.of(git.run(null, "--exec-path").trim(), "git-http-backend");
    if (!Files.isExecutable(backend)) {
      throw new IOException("git http-backend not found at " + backend);
    }
    Files.createDirectories(dir.resolve("www"));
    Files.createDirectories(dir.resolve("tmp"));
    lighttpdVersion = version(lighttpd);

    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      port = Dirs.freePort();
      Path conf = dir.resolve("lighttpd.conf");
      Files.writeString(conf, config(dir, repos, backend, port), StandardCharsets.UTF_8);
      process =
          ServerProcess.start(
              List.of(lighttpd.toString(), "-D", "-f", conf.toString()),
              dir,
              dir.resolve("lighttpd"),
              null);
      try {
        process.awaitListening("lighttpd", port);
        return;
      } catch (IOException e) {
        process.close();
        last = e;
      }
    }
    throw last;
  }

  private static String config(Path dir, Path repos, Path backend, int port) {
    return String.join(
        "\n",
        "server.modules = ( \"mod_alias\", \"mod_setenv\", \"mod_cgi\" )",
        "server.document-root = \"" + ServerUnderTest.abs(dir.resolve("www")) + "\"",
        "server.bind = \"127.0.0.1\"",
        "server.port = " + port,
        "server.errorlog = \"" + ServerUnderTest.abs(dir.resolve("lighttpd-error.log")) + "\"",
        "server.upload-dirs = ( \"" + ServerUnderTest.abs(dir.resolve("tmp")) + "\" )",
        "server.stream-request-body = 1",
        "server.stream-response-body = 1",
        "alias.url = ( \"/git\" => \"" + backend + "\" )",
        "$HTTP[\"url\"] =~ \"^/git\" {",
        "  cgi.assign = ( \"\" => \"\" )",
        "  setenv.set-environment = (",
        "    \"GIT_PROJECT_ROOT\" => \"" + ServerUnderTest.abs(repos) + "\",",
        "    \"GIT_HTTP_EXPORT_ALL\" => \"1\",",
        "    \"REMOTE_USER\" => \"bench\"",
        "  )",
        "}",
        "");
  }

  private static String version(Path lighttpd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(lighttpd.toString(), "-v").redirectErrorStream(true).start();
    p.getOutputStream().close();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  @Override
  public String repositoryUrl() {
    return "http://127.0.0.1:" + port + "/git/" + REPOSITORY + ".git";
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("lighttpd", lighttpdVersion);
    s.put("storage", "bare repository on disk");
    s.put("durability", "git defaults (core.fsync: packs and their metadata, not loose objects)");
    s.put("memoryNote", "lighttpd's RSS excludes git http-backend, upload-pack and pack-objects,"
        + " which run per request; the sampled tree RSS includes those alive at each sample");
    return s;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
