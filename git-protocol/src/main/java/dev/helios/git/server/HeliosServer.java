package dev.helios.git.server;

import dev.helios.git.security.LoginThrottle;
import dev.helios.git.security.SecurityStore;
import dev.helios.git.server.internal.ServerHandlers;
import java.io.IOException;
import java.net.URI;
import dev.helios.git.storage.RepositoryStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running Helios server: smart HTTP Git at {@code /git/NAME.git}, the JSON admin API at {@code
 * /api/v1}, a health check at {@code /healthz} and a small page at {@code /}, on one data
 * directory. Thread-safe.
 *
 * <pre>{@code
 * try (HeliosServer server = HeliosServer.start(ServerConfig.builder().port(0).build())) {
 *   System.out.println("listening on " + server.uri());
 *   server.join();
 * }
 * }</pre>
 */
public final class HeliosServer implements AutoCloseable {
  /*
   * Start order: data directory (fails fast if another process holds it), Jetty (fails fast if
   * the port is taken), then the bootstrap admin, so that a failed start announces no password.
   * A request that arrives before the admin exists is simply not authenticated. Close order is the reverse, and Jetty's graceful stop lets requests in flight finish
   * (up to STOP_TIMEOUT) before the stores under them close.
   *
   * Jetty's thread pool threads are named "helios-http-N" so that thread dumps say what they are.
   */

  private static final long STOP_TIMEOUT_MILLIS = 10_000;
  private static final long GC_STOP_TIMEOUT_SECONDS = 30;

  private final DataDirectory data;
  private final Server jetty;
  private final ServerConnector connector;
  private final Optional<String> initialAdminPassword;
  private final ExecutorService gc;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HeliosServer(
      DataDirectory data,
      Server jetty,
      ServerConnector connector,
      Optional<String> initialAdminPassword,
      ExecutorService gc) {
    this.gc = gc;
    this.data = data;
    this.jetty = jetty;
    this.connector = connector;
    this.initialAdminPassword = initialAdminPassword;
  }

  /**
   * Opens the data directory of {@code config} and starts serving. When the directory has no
   * users yet, an administrator {@code admin} is created with a random password, which is
   * printed once to {@code System.out} and written to {@code DATA/initial-admin-password}.
   *
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process holds the
   *     data directory
   * @throws IOException if the data directory cannot be opened or the port cannot be bound
   */
  public static HeliosServer start(ServerConfig config) throws IOException {
    return start(
        config,
        line -> {
          System.out.println(line);
          System.out.flush();
        });
  }

  /**
   * As {@link #start(ServerConfig)}, handing the line about the initial administrator (if one was
   * created) to {@code announce} instead of printing it.
   *
   * @throws dev.helios.engine.errors.DataDirectoryInUseException if another process holds the
   *     data directory
   * @throws IOException if the data directory cannot be opened or the port cannot be bound
   */
  public static HeliosServer start(ServerConfig config, Consumer<String> announce)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(announce, "announce");
    // Compaction after pushes runs on one background thread, so a push never waits for it.
    ExecutorService gc =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "helios-gc");
              thread.setDaemon(true);
              return thread;
            });
    DataDirectory data;
    try {
      data =
          DataDirectory.open(
              config.dataDirectory(),
              config.syncPolicy(),
              RepositoryStore.Options.builder()
                  .defaultBranch(config.defaultBranch())
                  .autoGcPushThreshold(config.autoGcPushThreshold())
                  .executor(gc)
                  .build());
    } catch (IOException | RuntimeException e) {
      gc.shutdownNow();
      throw e;
    }
    try {
      // Twin work recorded before a restart (a push whose twins were not built yet).
      data.repositories().twins().resumePending();
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(HeliosServer.class).warn("cannot resume twin work: {}", e.toString());
    }
    try {
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("helios-http");
      Server jetty = new Server(threads);
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(config.host());
      connector.setPort(config.port());
      jetty.addConnector(connector);
      jetty.setHandler(ServerHandlers.create(data, new LoginThrottle(), config));
      jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
      jetty.setStopAtShutdown(false);
      try {
        jetty.start();
      } catch (Exception e) {
        stopQuietly(jetty, e);
        throw new IOException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
      }
      Optional<String> password;
      try {
        password = data.security().bootstrapAdmin(data.path());
      } catch (IOException | RuntimeException e) {
        stopQuietly(jetty, e);
        throw e;
      }
      if (password.isPresent()) {
        announce.accept(
            "Created user admin with password: "
                + password.get()
                + " (also in "
                + data.path().resolve(SecurityStore.INITIAL_PASSWORD_FILE)
                + ")");
      }
      return new HeliosServer(data, jetty, connector, password, gc);
    } catch (IOException | RuntimeException e) {
      gc.shutdownNow();
      try {
        data.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The base URI, such as {@code http://127.0.0.1:8080}; Git URLs are {@code uri()/git/NAME.git}. */
  public URI uri() {
    String host = connector.getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /** The port the server listens on (the chosen one when configured with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The data directory the server runs on. */
  public DataDirectory data() {
    return data;
  }

  /**
   * The password of the administrator created at this start, or empty if users existed before.
   */
  public Optional<String> initialAdminPassword() {
    return initialAdminPassword;
  }

  /**
   * Waits until the server stops (another thread called {@link #close()}).
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops serving (letting requests in flight finish, up to 10 s), then closes the data
   * directory; idempotent.
   *
   * @throws IOException if the data directory fails to close
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      // Stopping failed part-way (a handler threw); the stores must be closed regardless.
      org.slf4j.LoggerFactory.getLogger(HeliosServer.class).warn("stopping Jetty failed", e);
    } finally {
      try {
        // A gc in progress finishes (its pack list commit is atomic either way); queued ones
        // are dropped and run after the next push.
        gc.shutdown();
        if (!gc.awaitTermination(GC_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          gc.shutdownNow();
        }
      } catch (InterruptedException e) {
        gc.shutdownNow();
        Thread.currentThread().interrupt();
      } finally {
        data.close();
      }
    }
  }

  private static void stopQuietly(Server jetty, Exception cause) {
    try {
      jetty.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
