package dev.helios.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A repository on local disk that tests build commits in and push from, driven only through the
 * stock {@code git} binary. Not thread-safe; confined to the test that made it.
 */
final class LocalRepo {
  private final GitCli git;
  private final Path dir;

  private LocalRepo(GitCli git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  /** {@code git init} in {@code dir} with branch main. */
  static LocalRepo init(GitCli git, Path dir) {
    git.ok(dir, "init", "-q", "-b", "main", ".");
    return new LocalRepo(git, dir);
  }

  /** Wraps an existing repository. */
  static LocalRepo at(GitCli git, Path dir) {
    return new LocalRepo(git, dir);
  }

  /**
   * {@code git clone extraArgs… url dir}, asserting success. Unless {@code extraArgs} names a
   * branch or {@code --mirror}/{@code --bare}, {@code --branch main} is added so the result does
   * not depend on the server's HEAD.
   */
  static LocalRepo cloneFrom(GitCli git, String url, Path dir, String... extraArgs) {
    List<String> args = new java.util.ArrayList<>(List.of("clone", "-q"));
    List<String> extra = List.of(extraArgs);
    boolean chooses =
        extra.stream()
            .anyMatch(
                a ->
                    a.equals("--branch")
                        || a.equals("-b")
                        || a.equals("--mirror")
                        || a.equals("--bare")
                        || a.equals("--no-checkout"));
    if (!chooses) {
      args.add("--branch");
      args.add("main");
    }
    args.addAll(extra);
    args.add(url);
    args.add(dir.toString());
    git.ok(dir.getParent(), args.toArray(String[]::new));
    return new LocalRepo(git, dir);
  }

  Path dir() {
    return dir;
  }

  GitCli cli() {
    return git;
  }

  /** Runs git in this repository, whatever the exit code. */
  GitResult git(String... args) {
    return git.run(dir, args);
  }

  /** Runs git in this repository with {@code env} overrides, whatever the exit code. */
  GitResult gitWithEnv(String name, String value, String... args) {
    return git.withEnv(name, value).run(dir, args);
  }

  /** Runs git in this repository, asserting it succeeds. */
  GitResult ok(String... args) {
    return git.ok(dir, args);
  }

  /** Runs git in this repository with {@code stdin}, asserting it succeeds. */
  GitResult okWithInput(byte[] stdin, String... args) {
    return git.okWithInput(dir, stdin, args);
  }

  /** The object id {@code rev} resolves to. */
  String rev(String rev) {
    return ok("rev-parse", "--verify", "--end-of-options", rev).stdout().strip();
  }

  /** Writes {@code path} (relative, with parent directories) with UTF-8 {@code content}. */
  LocalRepo write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code path} (relative, with parent directories) with {@code content}. */
  LocalRepo write(String path, byte[] content) {
    Path file = dir.resolve(path);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return this;
  }

  /** Writes {@code path}, stages everything and commits; returns the new commit id. */
  String commit(String path, String content) {
    write(path, content);
    return commitAll("change " + path);
  }

  /** Stages everything and commits with {@code message}; returns the new commit id. */
  String commitAll(String message) {
    ok("add", "-A");
    ok("commit", "-q", "--allow-empty", "-m", message);
    return rev("HEAD");
  }

  /**
   * Writes {@code path}, stages everything and commits with author and committer date {@code when};
   * returns the new commit id.
   */
  String commitAt(String path, String content, Instant when) {
    write(path, content);
    ok("add", "-A");
    String date = "@" + when.getEpochSecond() + " +0000";
    git.withEnv("GIT_AUTHOR_DATE", date)
        .withEnv("GIT_COMMITTER_DATE", date)
        .okWithInput(dir, null, "commit", "-q", "-m", "change " + path + " at " + when);
    return rev("HEAD");
  }

  /** {@code git for-each-ref} lines ({@code objectname type refname}), sorted by ref name. */
  List<String> refs() {
    return ok("for-each-ref", "--format=%(objectname) %(objecttype) %(refname)").lines();
  }

  @Override
  public String toString() {
    return "LocalRepo[" + dir + "]";
  }
}
