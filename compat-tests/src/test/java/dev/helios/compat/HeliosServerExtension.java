package dev.helios.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One Helios server per test class, with a private git environment and scratch directories.
 * Register it as a static field with {@code @RegisterExtension}. Test methods of one class run one
 * at a time (the JUnit default), so the accessors need no locking; {@link #newDir} and {@link
 * #newRepoName} are safe from any thread.
 *
 * <p>Before the server starts it checks that {@code git} exists (failing with one clear line
 * otherwise) and logs its version. When a test fails, the tail of the server log is printed. The
 * scratch directory is deleted after the class unless {@code -Dhelios.compat.keep=true}.
 */
final class HeliosServerExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final List<String> serveArgs;
  private Path root;
  private HeliosServerProcess server;
  private GitCli git;
  private HeliosApi api;

  private HeliosServerExtension(List<String> serveArgs) {
    this.serveArgs = List.copyOf(serveArgs);
  }

  /** A server started as {@code helios serve … serveArgs}. */
  static HeliosServerExtension withArgs(String... serveArgs) {
    return new HeliosServerExtension(List.of(serveArgs));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    GitPrerequisite.check();
    root =
        Files.createTempDirectory(
            "helios-compat-" + context.getRequiredTestClass().getSimpleName() + "-");
    git = GitCli.inHome(root.resolve("home"));
    server = HeliosServerProcess.start(root.resolve("data"), root.resolve("server.log"), serveArgs);
    api = new HeliosApi(() -> server.baseUri());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (root != null && !Boolean.getBoolean("helios.compat.keep")) {
        deleteRecursively(root);
      }
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (server != null) {
      System.err.println(
          "compat-tests: " + context.getDisplayName() + " failed; " + server.logTail());
    }
  }

  HeliosServerProcess server() {
    return server;
  }

  GitCli git() {
    return git;
  }

  HeliosApi api() {
    return api;
  }

  /** The built-in administrator. */
  Credentials admin() {
    return new Credentials("admin", server.adminPassword());
  }

  /** A fresh, empty directory under this class's scratch directory. */
  Path newDir(String hint) {
    Path dir = root.resolve("work").resolve(SEQUENCE.incrementAndGet() + "-" + hint);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** A repository name not used before in this JVM, such as {@code clone-v2-7}. */
  String newRepoName(String hint) {
    return hint + "-" + SEQUENCE.incrementAndGet();
  }

  /** Creates a new, empty repository through the admin API and returns its name. */
  String createRepo(String hint) {
    String name = newRepoName(hint);
    api.createRepo(admin(), name);
    return name;
  }

  /** The smart HTTP URL of {@code repo} without credentials. */
  String url(String repo) {
    return server.baseUri() + "/git/" + repo + ".git";
  }

  /** The smart HTTP URL of {@code repo} with {@code who}'s credentials in it. */
  String url(String repo, Credentials who) {
    String base = server.baseUri().toString();
    int scheme = base.indexOf("://") + 3;
    return base.substring(0, scheme)
        + who.userInfo()
        + "@"
        + base.substring(scheme)
        + "/git/"
        + repo
        + ".git";
  }

  /** The smart HTTP URL of {@code repo} with the administrator's credentials in it. */
  String adminUrl(String repo) {
    return url(repo, admin());
  }

  /** Clones {@code repo} as the administrator into a new directory, checking out main. */
  LocalRepo cloneAsAdmin(String repo, String... extraArgs) {
    return LocalRepo.cloneFrom(git, adminUrl(repo), newDir("clone-" + repo), extraArgs);
  }

  /** A new local repository (branch main) whose origin is {@code repo} on the server, as admin. */
  LocalRepo newLocalRepoFor(String repo) {
    LocalRepo local = LocalRepo.init(git, newDir("local-" + repo));
    local.git("remote", "add", "origin", adminUrl(repo));
    return local;
  }

  /** The output of {@code git ls-remote URL} as admin: ref name → object id. */
  Map<String, String> lsRemote(String repo) {
    GitResult result = git.ok(root, "ls-remote", adminUrl(repo));
    Map<String, String> refs = new TreeMap<>();
    for (String line : result.lines()) {
      int tab = line.indexOf('\t');
      refs.put(line.substring(tab + 1), line.substring(0, tab));
    }
    return refs;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
