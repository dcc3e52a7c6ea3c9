package dev.helios.benchmarks.git;

import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * Stock JGit smart HTTP over plain on-disk repositories: {@link GitServlet} with a {@link
 * FileResolver} in a Jetty 12 ee10 server on 127.0.0.1, anonymous read and write. The baseline
 * "JGit on files" of {@link GitServingBenchmark}, run by it as a child JVM so that its memory
 * is read the same way as Helios's.
 *
 * <p>Usage: {@code JGitFileServer --base DIR [--port N]}. Serves {@code DIR/NAME.git} at
 * {@code /git/NAME.git}; prints {@code JGit-file listening on http://127.0.0.1:PORT} when ready
 * and runs until killed.
 */
public final class JGitFileServer {
  /*
   * Everything is JGit's default (WindowCacheConfig, pack and transfer config, the Jetty
   * thread pool) except that receive-pack is allowed for everyone: JGit's default
   * ReceivePackFactory refuses anonymous pushes, and this is a loopback benchmark.
   */

  private JGitFileServer() {}

  /**
   * Starts the server and blocks until the process is killed.
   *
   * @param args {@code --base DIR [--port N]}
   * @throws Exception if the arguments are wrong or Jetty cannot start
   */
  public static void main(String[] args) throws Exception {
    File base = null;
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--base" -> base = new File(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    if (base == null || !base.isDirectory()) {
      throw new IllegalArgumentException("--base must name a directory: " + base);
    }

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<HttpServletRequest>(base, true));
    git.setReceivePackFactory((HttpServletRequest req, org.eclipse.jgit.lib.Repository db) ->
        new ReceivePack(db));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("git", git), "/git/*");
    server.setHandler(context);
    server.start();

    InetSocketAddress bound = new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    System.out.println(
        "JGit-file listening on http://" + bound.getHostString() + ":" + bound.getPort());
    System.out.flush();
    server.join();
  }
}
