package dev.helios.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * User names and secrets for HTTP sources: from a file of {@code URL-PREFIX USER SECRET} lines
 * ({@code #} comments and blank lines ignored; the longest matching prefix wins), else from the
 * environment variables {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}. Secrets never
 * appear in {@link #toString()} or in any message. Immutable and thread-safe.
 */
public final class Credentials {
  /** The environment variable holding the user name for every HTTP source. */
  public static final String USER_VARIABLE = "HELIOS_MIGRATE_USER";

  /** The environment variable holding the password or token for every HTTP source. */
  public static final String PASSWORD_VARIABLE = "HELIOS_MIGRATE_PASSWORD";

  /** One user and secret. The secret is not part of {@link #toString()}. */
  public record Login(String user, String secret) {
    public Login {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Login[user=" + user + ", secret=***]";
    }
  }

  private record Entry(String prefix, Login login) {}

  private static final Credentials NONE = new Credentials(List.of(), null);

  private final List<Entry> entries;
  private final @Nullable Login fallback;

  private Credentials(List<Entry> entries, @Nullable Login fallback) {
    this.entries = List.copyOf(entries);
    this.fallback = fallback;
  }

  /** No credentials at all. */
  public static Credentials none() {
    return NONE;
  }

  /**
   * Loads credentials from {@code file} when given, else from {@code environment} (usually
   * {@link System#getenv()}).
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line (never its
   *     secret)
   * @throws IOException if the file cannot be read
   */
  public static Credentials load(@Nullable Path file, Map<String, String> environment)
      throws IOException {
    if (file == null) {
      String user = environment.get(USER_VARIABLE);
      String secret = environment.get(PASSWORD_VARIABLE);
      return user != null && secret != null
          ? new Credentials(List.of(), new Login(user, secret))
          : NONE;
    }
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+", 3);
      if (fields.length != 3) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected URL-PREFIX USER SECRET");
      }
      entries.add(new Entry(fields[0], new Login(fields[1], fields[2].strip())));
    }
    entries.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
    return new Credentials(entries, null);
  }

  /** The login for {@code url}: the longest matching prefix, else the environment's, if any. */
  public Optional<Login> forUrl(String url) {
    for (Entry e : entries) {
      if (url.startsWith(e.prefix())) {
        return Optional.of(e.login());
      }
    }
    return Optional.ofNullable(fallback);
  }

  /** A JGit credentials provider for {@code url}, or null when there is no login for it. */
  public @Nullable CredentialsProvider provider(String url) {
    return forUrl(url).map(l -> new UsernamePasswordCredentialsProvider(l.user(), l.secret())).orElse(null);
  }

  @Override
  public String toString() {
    return "Credentials[" + entries.size() + " prefixes" + (fallback != null ? ", environment" : "") + "]";
  }
}
