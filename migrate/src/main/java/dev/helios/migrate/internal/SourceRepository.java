package dev.helios.migrate.internal;

import dev.helios.migrate.Credentials;
import dev.helios.migrate.MigrationTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * An opened migration source: its refs (as advertised, with {@code HEAD}), the commits it is
 * shallow at, and transports that fetch from it. Not thread-safe; confined to one migration.
 */
public final class SourceRepository implements AutoCloseable {
  /*
   * Local paths and file:// URLs are opened as FileRepository: refs, HEAD and the shallow file
   * are read directly, partial clones recognized by their config, and objects counted by a walk.
   * Fetching from them uses JGit's local transport (an in-process upload-pack over pipes).
   * Bundles and HTTP sources are known only through what they advertise; a bundle with
   * prerequisites is as incomplete as a shallow repository.
   */

  private final MigrationTarget target;
  private final Credentials credentials;
  private final @Nullable Repository local;
  private final @Nullable Path bundle;
  private final Map<String, Ref> refs;
  private final Set<ObjectId> shallow;
  private final @Nullable String incomplete;

  private SourceRepository(
      MigrationTarget target,
      Credentials credentials,
      @Nullable Repository local,
      @Nullable Path bundle,
      Map<String, Ref> refs,
      Set<ObjectId> shallow,
      @Nullable String incomplete) {
    this.target = target;
    this.credentials = credentials;
    this.local = local;
    this.bundle = bundle;
    this.refs = refs;
    this.shallow = shallow;
    this.incomplete = incomplete;
  }

  /**
   * Opens {@code target} and reads its refs.
   *
   * @throws MigrationFailure with a one-line reason if it cannot be opened or read
   */
  public static SourceRepository open(MigrationTarget target, Credentials credentials)
      throws IOException {
    switch (target.kind()) {
      case LOCAL:
        return openLocal(target, credentials, Path.of(target.source()));
      case FILE_URL:
        try {
          return openLocal(target, credentials, Path.of(new URI(target.source())));
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new MigrationFailure("bad file URL " + target.source() + ": " + e.getMessage(), e);
        }
      case BUNDLE:
        return openBundle(target, credentials);
      case HTTP:
        return openRemote(target, credentials);
      default:
        throw new IllegalStateException("unknown kind " + target.kind());
    }
  }

  /** The target this source belongs to. */
  public MigrationTarget target() {
    return target;
  }

  /** Every ref, {@code HEAD} included (symbolic when the source says so); unmodifiable. */
  public Map<String, Ref> refs() {
    return refs;
  }

  /** The commits the source is shallow at (their parents are absent); unmodifiable. */
  public Set<ObjectId> shallow() {
    return shallow;
  }

  /** Why the source is incomplete (shallow, partial, a bundle with prerequisites), or null. */
  public @Nullable String incomplete() {
    return incomplete;
  }

  /** The source as a repository on this machine, or null for bundles and HTTP sources. */
  public @Nullable Repository local() {
    return local;
  }

  /** The bundle file, or null. */
  public @Nullable Path bundle() {
    return bundle;
  }

  /**
   * Opens a transport that fetches from this source into {@code into}; the caller closes it.
   *
   * @throws IOException if it cannot be opened
   */
  public Transport transport(Repository into) throws IOException {
    try {
      if (bundle != null) {
        InputStream in = Files.newInputStream(bundle);
        return new TransportBundleStream(into, new URIish(bundle.toUri().toURL()), in);
      }
      if (local != null) {
        return Transport.open(into, new URIish(local.getDirectory().toURI().toURL()));
      }
      Transport transport = Transport.open(into, new URIish(target.source()));
      transport.setCredentialsProvider(credentials.provider(target.source()));
      return transport;
    } catch (URISyntaxException e) {
      throw new MigrationFailure("bad URL " + target.source() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (local != null) {
      local.close();
    }
  }

  private static SourceRepository openLocal(
      MigrationTarget target, Credentials credentials, Path path) throws IOException {
    Path dir = path.toAbsolutePath().normalize();
    Path gitDir;
    if (Files.isDirectory(dir.resolve(".git"))) {
      gitDir = dir.resolve(".git");
    } else if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
      gitDir = dir;
    } else {
      throw new MigrationFailure("no repository at " + path);
    }
    Repository repository = new FileRepository(gitDir.toFile());
    try {
      Map<String, Ref> refs = new LinkedHashMap<>();
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        refs.put(ref.getName(), repository.getRefDatabase().peel(ref));
      }
      Ref head = repository.exactRef(Constants.HEAD);
      if (head != null) {
        refs.put(Constants.HEAD, head);
      }
      Set<ObjectId> shallow = new HashSet<>();
      Path shallowFile = gitDir.resolve("shallow");
      if (Files.isRegularFile(shallowFile)) {
        for (String line : Files.readAllLines(shallowFile, StandardCharsets.US_ASCII)) {
          if (ObjectId.isId(line.strip())) {
            shallow.add(ObjectId.fromString(line.strip()));
          }
        }
      }
      String incomplete = null;
      if (!shallow.isEmpty()) {
        incomplete = "source is shallow (" + shallow.size() + " shallow commits)";
      } else if (isPartial(repository.getConfig())) {
        incomplete = "source is a partial clone (objects may be missing)";
      }
      return new SourceRepository(
          target, credentials, repository, null, Map.copyOf(refs), Set.copyOf(shallow), incomplete);
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  private static boolean isPartial(StoredConfig config) {
    if (config.getString("extensions", null, "partialClone") != null) {
      return true;
    }
    for (String remote : config.getSubsections("remote")) {
      if (config.getBoolean("remote", remote, "promisor", false)
          || config.getString("remote", remote, "partialclonefilter") != null) {
        return true;
      }
    }
    return false;
  }

  private static SourceRepository openBundle(MigrationTarget target, Credentials credentials)
      throws IOException {
    Path file = Path.of(target.source()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new MigrationFailure("no bundle at " + target.source());
    }
    // The advertised refs need a repository to attach the transport to; an empty in-memory one
    // does, and a bundle's prerequisites show up as its "additional haves".
    try (Repository scratch =
            new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
                new org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription("scratch"));
        Transport transport =
            new TransportBundleStream(scratch, new URIish(file.toUri().toURL()), Files.newInputStream(file));
        FetchConnection connection = transport.openFetch()) {
      Map<String, Ref> refs = new LinkedHashMap<>(connection.getRefsMap());
      Set<ObjectId> prerequisites = prerequisites(file);
      String incomplete =
          prerequisites.isEmpty()
              ? null
              : "source is a bundle with " + prerequisites.size() + " prerequisite commits (incomplete)";
      return new SourceRepository(
          target, credentials, null, file, Map.copyOf(refs), Set.copyOf(prerequisites), incomplete);
    } catch (TransportException e) {
      throw new MigrationFailure("cannot read bundle " + target.source() + ": " + e.getMessage(), e);
    }
  }

  /** The prerequisite commits of a bundle: header lines {@code -<id> [comment]}. */
  private static Set<ObjectId> prerequisites(Path file) throws IOException {
    Set<ObjectId> ids = new HashSet<>();
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      StringBuilder line = new StringBuilder();
      int c;
      boolean first = true;
      while ((c = in.read()) >= 0) {
        if (c != '\n') {
          line.append((char) c);
          continue;
        }
        if (line.length() == 0) {
          break; // end of the header: the pack follows
        }
        if (!first && line.charAt(0) == '-' && line.length() >= 41 && ObjectId.isId(line.substring(1, 41))) {
          ids.add(ObjectId.fromString(line.substring(1, 41)));
        }
        first = false;
        line.setLength(0);
      }
    }
    return ids;
  }

  private static SourceRepository openRemote(MigrationTarget target, Credentials credentials)
      throws IOException {
    try (Repository scratch =
            new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
                new org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription("scratch"));
        Transport transport = Transport.open(scratch, new URIish(target.source()))) {
      transport.setCredentialsProvider(credentials.provider(target.source()));
      try (FetchConnection connection = transport.openFetch()) {
        Map<String, Ref> refs = new LinkedHashMap<>(connection.getRefsMap());
        return new SourceRepository(target, credentials, null, null, Map.copyOf(refs), Set.of(), null);
      }
    } catch (URISyntaxException e) {
      throw new MigrationFailure("bad URL " + target.source() + ": " + e.getMessage(), e);
    } catch (NotSupportedException | TransportException e) {
      throw describe(target.source(), e);
    }
  }

  /** Turns a transport failure into one line naming the URL and what went wrong. */
  public static MigrationFailure describe(String url, Exception e) {
    String message = String.valueOf(e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return new MigrationFailure("cannot reach " + url + ": connection refused", e);
      }
      if (t instanceof UnknownHostException) {
        return new MigrationFailure("cannot reach " + url + ": unknown host " + t.getMessage(), e);
      }
      if (t instanceof java.net.SocketTimeoutException) {
        return new MigrationFailure("cannot reach " + url + ": timed out", e);
      }
    }
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("401")) {
      return new MigrationFailure("authentication failed for " + url, e);
    }
    if (e instanceof NoRemoteRepositoryException || lower.contains("not found")) {
      return new MigrationFailure("no repository at " + url, e);
    }
    if (lower.contains("connection refused")) {
      return new MigrationFailure("cannot reach " + url + ": connection refused", e);
    }
    return new MigrationFailure("cannot fetch from " + url + ": " + message, e);
  }

  /** The names of refs in {@code refs} (HEAD excluded) that {@code filter} copies. */
  public static List<String> copied(Collection<Ref> refs, RefFilter filter) {
    return refs.stream().map(Ref::getName).filter(filter::test).sorted().toList();
  }
}
