package dev.helios.migrate;

import dev.helios.git.RepositoryName;
import dev.helios.migrate.MigrationTarget.SourceKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a user names on the command line, in a manifest or below a directory into {@link
 * MigrationTarget}s. Stateless and thread-safe.
 */
public final class Sources {
  /*
   * Kind detection looks at the text only (a missing path is still a LOCAL target, so that it
   * fails per repository with "no repository at …" instead of failing the whole run): a scheme
   * decides for URLs, a ".bundle" suffix for bundles, anything else is a path.
   *
   * Default names come from the last path segment without ".git"/".bundle"; characters
   * RepositoryName does not allow become '-', and a leading '.' is dropped, so "My Repo.git"
   * becomes "My-Repo". A name the user gives explicitly is never rewritten: a bad one is an
   * IllegalArgumentException quoting the rule it breaks.
   */

  private Sources() {}

  /**
   * Returns the target for {@code source}, named {@code name} or, when null, after the source's
   * last path segment.
   *
   * @throws IllegalArgumentException if {@code source} is blank or an unsupported URL, if
   *     {@code name} is not a valid repository name, or if no valid name can be derived
   */
  public static MigrationTarget parse(String source, @Nullable String name) {
    String text = source.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty source");
    }
    SourceKind kind = kindOf(text);
    RepositoryName target;
    if (name != null) {
      var problem = RepositoryName.problem(name);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(
            "bad repository name '" + name + "': " + problem.get());
      }
      target = RepositoryName.parse(name);
    } else {
      target = defaultName(text, kind);
    }
    return new MigrationTarget(text, kind, target);
  }

  /**
   * Reads a manifest: one source a line, optionally followed by whitespace and the target name;
   * {@code #} starts a comment; blank lines are ignored. Returns the targets in file order,
   * unmodifiable.
   *
   * @throws IllegalArgumentException naming the file and line number of the first bad line
   * @throws IOException if the file cannot be read
   */
  public static List<MigrationTarget> manifest(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<MigrationTarget> targets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length > 2) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected SOURCE [NAME], got " + fields.length + " fields");
      }
      try {
        targets.add(parse(fields[0], fields.length == 2 ? fields[1] : null));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return Collections.unmodifiableList(targets);
  }

  /**
   * Finds every repository below {@code dir}: bare repositories and work trees with a {@code
   * .git} directory, without descending into a repository once found. Names come from the path
   * relative to {@code dir} ({@code team/app.git} becomes {@code team/app}); {@code dir} itself,
   * when it is a repository, is named after its last segment. Sorted by path; unmodifiable.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   * @throws IOException if a directory cannot be listed
   */
  public static List<MigrationTarget> scan(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    Path root = dir.toAbsolutePath().normalize();
    List<MigrationTarget> targets = new ArrayList<>();
    walk(root, root, targets);
    return Collections.unmodifiableList(targets);
  }

  private static void walk(Path root, Path dir, List<MigrationTarget> targets) throws IOException {
    if (isRepository(dir)) {
      String relative = root.relativize(dir).toString().replace('\\', '/');
      String name =
          relative.isEmpty() ? sanitize(stripSuffix(lastSegment(dir.toString()))) : sanitizePath(relative);
      targets.add(parse(dir.toString(), name));
      return;
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).sorted().toList();
    }
    for (Path child : children) {
      walk(root, child, targets);
    }
  }

  /** Whether {@code dir} is a bare repository or a work tree with a {@code .git} directory. */
  static boolean isRepository(Path dir) {
    return Files.isDirectory(dir.resolve(".git")) || isBare(dir);
  }

  static boolean isBare(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))
        && Files.isDirectory(dir.resolve("refs"));
  }

  private static SourceKind kindOf(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return SourceKind.HTTP;
    }
    if (lower.startsWith("file:")) {
      return SourceKind.FILE_URL;
    }
    if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "unsupported source '" + text + "': use a path, a file:// URL, an http(s):// URL or a .bundle file");
    }
    if (lower.endsWith(".bundle")) {
      return SourceKind.BUNDLE;
    }
    return SourceKind.LOCAL;
  }

  private static RepositoryName defaultName(String text, SourceKind kind) {
    String path = text;
    if (kind == SourceKind.HTTP || kind == SourceKind.FILE_URL) {
      try {
        String p = new URI(text).getPath();
        path = p == null ? "" : p;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("bad URL '" + text + "': " + e.getReason(), e);
      }
    }
    String segment = sanitize(stripSuffix(lastSegment(path)));
    if (segment.isEmpty() || RepositoryName.problem(segment).isPresent()) {
      throw new IllegalArgumentException(
          "cannot derive a repository name from '" + text + "'; give one explicitly");
    }
    return RepositoryName.parse(segment);
  }

  private static String lastSegment(String path) {
    String p = path.replace('\\', '/');
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith("/.git")) {
      p = p.substring(0, p.length() - "/.git".length());
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  private static String stripSuffix(String segment) {
    for (String suffix : new String[] {".git", ".bundle"}) {
      if (segment.endsWith(suffix) && segment.length() > suffix.length()) {
        return segment.substring(0, segment.length() - suffix.length());
      }
    }
    return segment;
  }

  private static String sanitizePath(String relative) {
    List<String> parts = new ArrayList<>();
    for (String part : relative.split("/")) {
      String clean = sanitize(stripSuffix(part));
      if (!clean.isEmpty()) {
        parts.add(clean);
      }
    }
    return String.join("/", parts);
  }

  /** Replaces characters a name segment may not hold with '-' and drops leading dots. */
  static String sanitize(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      out.append(RepositoryName.isNameCharacter(c) ? c : '-');
    }
    int start = 0;
    while (start < out.length() && out.charAt(start) == '.') {
      start++;
    }
    return out.substring(start);
  }
}
