package dev.helios.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the stock {@code git} binary in a controlled environment and captures what it did. Immutable
 * and thread-safe: the {@code with…} methods return configured copies, and concurrent {@link #run}
 * calls are independent processes.
 */
final class GitCli {
  /*
   * Nothing from the developer's machine may leak into a run: HOME, XDG_CONFIG_HOME and
   * GIT_CONFIG_GLOBAL point at a private directory holding the only config git reads
   * (GIT_CONFIG_NOSYSTEM=1 drops /etc/gitconfig), every inherited GIT_* variable is removed,
   * proxies are removed so loopback traffic goes straight to the server, prompts are disabled
   * so a missing credential fails instead of hanging, and LC_ALL=C keeps messages in English
   * so tests can assert on them. fetch.fsckObjects makes every clone and fetch verify what the
   * server sent: "Helios writes, git verifies" happens on every download.
   */

  /** The program run; {@code -Dhelios.compat.git=/path/to/git} overrides it. */
  static final String EXECUTABLE = System.getProperty("helios.compat.git", "git");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> DROPPED_VARIABLES =
      List.of(
          "http_proxy",
          "https_proxy",
          "all_proxy",
          "ftp_proxy",
          "no_proxy",
          "SSH_ASKPASS",
          "GIT_ASKPASS",
          "DISPLAY",
          "EMAIL",
          "LANGUAGE");

  private final Path home;
  private final Map<String, String> extraEnvironment;
  private final Duration timeout;

  private GitCli(Path home, Map<String, String> extraEnvironment, Duration timeout) {
    this.home = home;
    this.extraEnvironment = Map.copyOf(extraEnvironment);
    this.timeout = timeout;
  }

  /**
   * Creates a git environment whose HOME is {@code home} (created if missing) and writes its global
   * config there.
   *
   * @throws UncheckedIOException if the directory or config cannot be written
   */
  static GitCli inHome(Path home) {
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve(".gitconfig"), globalConfig(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the git home " + home, e);
    }
    return new GitCli(home, Map.of(), DEFAULT_TIMEOUT);
  }

  private static String globalConfig() {
    return String.join(
        "\n",
        "[user]",
        "\tname = Compat Tester",
        "\temail = compat@example.invalid",
        "[init]",
        "\tdefaultBranch = main",
        "[protocol]",
        "\tversion = 2",
        "[core]",
        "\tautocrlf = false",
        "\tquotePath = false",
        "\tfsync = none",
        "[advice]",
        "\tdetachedHead = false",
        "[gc]",
        "\tauto = 0",
        "[fetch]",
        "\tfsckObjects = true",
        "[credential]",
        "\thelper =",
        "[http]",
        "\tlowSpeedLimit = 1",
        "\tlowSpeedTime = 120",
        "");
  }

  /** The private HOME of this environment. */
  Path home() {
    return home;
  }

  /** A copy that also sets {@code name=value} in the environment of every run. */
  GitCli withEnv(String name, String value) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put(name, value);
    return new GitCli(home, env, timeout);
  }

  /** A copy whose runs are killed after {@code limit}. */
  GitCli withTimeout(Duration limit) {
    return new GitCli(home, extraEnvironment, limit);
  }

  /** Runs {@code git args…} in {@code dir} and returns what happened, whatever the exit code. */
  GitResult run(Path dir, String... args) {
    return run(dir, null, args);
  }

  /**
   * Runs {@code git args…} in {@code dir} with {@code stdin} (may be null: no input) and returns
   * what happened, whatever the exit code.
   *
   * @throws AssertionError if git cannot be started or runs longer than the timeout
   */
  GitResult run(Path dir, byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    configure(builder.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(GitPrerequisite.missingMessage(e), e);
    }
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    CompletableFuture<Void> in = feed(process.getOutputStream(), stdin);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "git " + String.join(" ", args) + " did not finish within " + timeout + " in " + dir);
      }
      in.get(10, TimeUnit.SECONDS);
      return new GitResult(
          List.of(args),
          process.exitValue(),
          out.get(30, TimeUnit.SECONDS),
          err.get(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while running git " + String.join(" ", args), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("cannot collect the output of git " + String.join(" ", args), e);
    }
  }

  /**
   * Runs {@code git args…} in {@code dir} and returns the result.
   *
   * @throws AssertionError with the full output if git exits non-zero
   */
  GitResult ok(Path dir, String... args) {
    GitResult result = run(dir, null, args);
    if (!result.succeeded()) {
      throw new AssertionError("git failed unexpectedly\n" + result.describe());
    }
    return result;
  }

  /** Like {@link #ok(Path, String...)} with {@code stdin} fed to git. */
  GitResult okWithInput(Path dir, byte[] stdin, String... args) {
    GitResult result = run(dir, stdin, args);
    if (!result.succeeded()) {
      throw new AssertionError("git failed unexpectedly\n" + result.describe());
    }
    return result;
  }

  private void configure(Map<String, String> env) {
    env.keySet().removeIf(name -> name.startsWith("GIT_") || name.startsWith("XDG_"));
    for (String name : DROPPED_VARIABLES) {
      env.remove(name);
      env.remove(name.toUpperCase(Locale.ROOT));
    }
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PROTOCOL_FROM_USER", "1");
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    env.putAll(extraEnvironment);
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                result.complete(stream.readAllBytes());
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            },
            "git-output-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  private static CompletableFuture<Void> feed(OutputStream stream, byte[] input) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try (stream) {
                if (input != null) {
                  stream.write(input);
                }
                result.complete(null);
              } catch (IOException e) {
                // git may exit without reading all of its input; its exit code tells the story.
                result.complete(null);
              }
            },
            "git-input-writer");
    writer.setDaemon(true);
    writer.start();
    return result;
  }
}
