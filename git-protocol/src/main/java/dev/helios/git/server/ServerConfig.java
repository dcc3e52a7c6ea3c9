package dev.helios.git.server;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.security.AnonymousAccess;
import java.nio.file.Path;
import java.util.Objects;
import dev.helios.git.storage.RepositoryStore;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * How a {@link HeliosServer} runs: where its data lives, where it listens, who may do what
 * without credentials, and the limits it enforces. Immutable and thread-safe; build one with
 * {@link #builder()}.
 */
public final class ServerConfig {
  /** Default data directory: {@code ./helios-data}, resolved against the working directory. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("helios-data");

  /** Default bind address: loopback only, so a fresh server is not reachable from outside. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Default largest pack a push may send: 2 GiB. */
  public static final long DEFAULT_MAX_PACK_BYTES = 2L << 30;

  /** Default number of packs a repository may collect from pushes before it is compacted. */
  public static final int DEFAULT_AUTO_GC_PUSH_THRESHOLD = 50;

  private final Path dataDirectory;
  private final String host;
  private final int port;
  private final AnonymousAccess anonymous;
  private final boolean autoCreate;
  private final long maxPackBytes;
  private final int autoGcPushThreshold;
  private final SyncPolicy syncPolicy;
  private final String defaultBranch;

  private ServerConfig(Builder b) {
    this.dataDirectory = b.dataDirectory;
    this.host = b.host;
    this.port = b.port;
    this.anonymous = b.anonymous;
    this.autoCreate = b.autoCreate;
    this.maxPackBytes = b.maxPackBytes;
    this.autoGcPushThreshold = b.autoGcPushThreshold;
    this.syncPolicy = b.syncPolicy;
    this.defaultBranch = b.defaultBranch;
  }

  /** Returns a builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The data directory; everything the server keeps lives there. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The address the server binds to, such as {@code 127.0.0.1} or {@code 0.0.0.0}. */
  public String host() {
    return host;
  }

  /** The port the server binds to, 0..65535; 0 picks a free one (see {@link HeliosServer#port()}). */
  public int port() {
    return port;
  }

  /** What requests without credentials may do. */
  public AnonymousAccess anonymous() {
    return anonymous;
  }

  /**
   * Whether a push to a repository that does not exist creates it, when the pushing user may
   * create repositories.
   */
  public boolean autoCreate() {
    return autoCreate;
  }

  /**
   * The largest pack a push may send, in bytes; a repository's {@code receive.maxPackBytes}
   * overrides it.
   */
  public long maxPackBytes() {
    return maxPackBytes;
  }

  /**
   * How many packs a repository may collect from pushes before it is compacted automatically; 0
   * turns automatic compaction off.
   */
  public int autoGcPushThreshold() {
    return autoGcPushThreshold;
  }

  /** How hard acknowledged writes are pushed to disk. */
  public SyncPolicy syncPolicy() {
    return syncPolicy;
  }

  /** The branch {@code HEAD} of a new repository points at, without {@code refs/heads/}. */
  public String defaultBranch() {
    return defaultBranch;
  }

  @Override
  public String toString() {
    return "ServerConfig{data="
        + dataDirectory
        + ", host="
        + host
        + ", port="
        + port
        + ", anonymous="
        + anonymous
        + ", autoCreate="
        + autoCreate
        + ", maxPackBytes="
        + maxPackBytes
        + ", autoGcPushThreshold="
        + autoGcPushThreshold
        + ", sync="
        + syncPolicy
        + ", defaultBranch="
        + defaultBranch
        + "}";
  }

  /** Builds a {@link ServerConfig}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private Path dataDirectory = DEFAULT_DATA_DIRECTORY;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private AnonymousAccess anonymous = AnonymousAccess.NONE;
    private boolean autoCreate;
    private long maxPackBytes = DEFAULT_MAX_PACK_BYTES;
    private int autoGcPushThreshold = DEFAULT_AUTO_GC_PUSH_THRESHOLD;
    private SyncPolicy syncPolicy = SyncPolicy.FSYNC;
    private String defaultBranch = RepositoryStore.Options.DEFAULT_BRANCH;

    private Builder() {}

    /**
     * Sets the data directory (default {@code ./helios-data}).
     *
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory must not be null");
      return this;
    }

    /**
     * Sets the bind address (default {@code 127.0.0.1}).
     *
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host must not be null");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank: '" + host + "'");
      }
      this.host = host.strip();
      return this;
    }

    /**
     * Sets the port (default 8080); 0 picks a free port.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets what requests without credentials may do (default {@link AnonymousAccess#NONE}).
     *
     * @throws NullPointerException if {@code access} is null
     */
    public Builder anonymous(AnonymousAccess access) {
      this.anonymous = Objects.requireNonNull(access, "anonymous must not be null");
      return this;
    }

    /** Sets whether a push may create a missing repository (default false). */
    public Builder autoCreate(boolean enabled) {
      this.autoCreate = enabled;
      return this;
    }

    /**
     * Sets the largest pack a push may send, in bytes (default 2 GiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxPackBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxPackBytes must be > 0: " + bytes);
      }
      this.maxPackBytes = bytes;
      return this;
    }

    /**
     * Sets how many pushed packs trigger automatic compaction (default 50); 0 turns it off.
     *
     * @throws IllegalArgumentException if {@code packs} is negative
     */
    public Builder autoGcPushThreshold(int packs) {
      if (packs < 0) {
        throw new IllegalArgumentException("autoGcPushThreshold must be >= 0: " + packs);
      }
      this.autoGcPushThreshold = packs;
      return this;
    }

    /**
     * Sets the sync policy (default {@link SyncPolicy#FSYNC}).
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder syncPolicy(SyncPolicy policy) {
      this.syncPolicy = Objects.requireNonNull(policy, "syncPolicy must not be null");
      return this;
    }

    /**
     * Sets the branch {@code HEAD} of new repositories points at (default {@code main}).
     *
     * @throws IllegalArgumentException if {@code branch} is not a valid branch name
     */
    public Builder defaultBranch(String branch) {
      Objects.requireNonNull(branch, "defaultBranch must not be null");
      if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
        throw new IllegalArgumentException("defaultBranch is not a valid branch name: '" + branch + "'");
      }
      this.defaultBranch = branch;
      return this;
    }

    /** Returns the configuration. */
    public ServerConfig build() {
      return new ServerConfig(this);
    }
  }
}
