package dev.helios.benchmarks.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * {@link JGitFileServer} in a child JVM started with this JVM's classpath, serving a byte-for-byte
 * copy of the source repository. Not thread-safe.
 */
final class JGitFileServerUnderTest implements ServerUnderTest {
  private static final Pattern READY = Pattern.compile("JGit-file listening on (http://\\S+)");

  private final List<String> jvmOptions;
  private ServerProcess process;
  private String baseUrl;

  JGitFileServerUnderTest(List<String> jvmOptions) {
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  @Override
  public String key() {
    return "jgit-file";
  }

  @Override
  public String label() {
    return "JGit GitServlet, files";
  }

  @Override
  public boolean isJvm() {
    return true;
  }

  @Override
  public void start(Path dir, Path source, GitClient git) throws IOException, InterruptedException {
    Path repos = dir.resolve("repos");
    Dirs.copy(source, repos.resolve(REPOSITORY + ".git"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(JGitFileServer.class.getName());
    command.add("--base");
    command.add(ServerUnderTest.abs(repos));
    process = ServerProcess.start(command, dir, dir.resolve("jgit-file"), READY);
    Matcher m = process.awaitReady("JGit-file server");
    baseUrl = m.group(1);
  }

  /** JGit's version from its Maven metadata (the shaded jar keeps it), or "unknown". */
  private static String jgitVersion() {
    try (InputStream in = RawParseUtils.class.getResourceAsStream(
        "/META-INF/maven/org.eclipse.jgit/org.eclipse.jgit/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** This JVM's classpath with every entry absolute, since the child runs in another directory. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(e.endsWith("*")
            ? Path.of(e.substring(0, e.length() - 1)).toAbsolutePath() + File.separator + "*"
            : Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
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
    s.put("jgit", jgitVersion());
    s.put("jvmOptions", jvmOptions);
    s.put("storage", "FileRepository (bare), JGit default WindowCache");
    s.put("durability", "JGit default (no fsync of objects or refs)");
    return s;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
