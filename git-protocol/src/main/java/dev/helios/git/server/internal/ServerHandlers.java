package dev.helios.git.server.internal;

import dev.helios.git.security.LoginThrottle;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;

/**
 * Builds the servlet context of a Helios server: {@code /git/*} (smart HTTP), {@code /api/v1/*}
 * (JSON admin API), {@code /healthz} and {@code /}. Not part of the API; used by {@link
 * dev.helios.git.server.HeliosServer}.
 */
public final class ServerHandlers {
  private ServerHandlers() {}

  /** Returns the context for {@code data} configured by {@code config}. */
  public static ServletContextHandler create(
      DataDirectory data, LoginThrottle throttle, ServerConfig config) {
    Authenticator authenticator = new Authenticator(data.security(), throttle);

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new RequestRepositoryResolver());
    git.setAsIsFileService(AsIsFileService.DISABLED);
    git.setUploadPackFactory(new UploadPackConfigurer());
    git.addUploadPackFilter(new DeepenRelativeFilter());
    git.setReceivePackFactory(
        new ReceivePackConfigurer(data.repositories(), data.audit(), config.maxPackBytes()));

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("git", git), "/git/*");
    context.addFilter(
        new FilterHolder(
            new GitAccessFilter(
                authenticator,
                data.security(),
                data.repositories(),
                data.audit(),
                config.anonymous(),
                config.autoCreate())),
        "/git/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder("api", new ApiServlet(authenticator, data, config.anonymous())),
        "/api/v1/*");
    context.addFilter(new FilterHolder(new ArchiveFilter(authenticator, data, config.anonymous())),
        "/api/v1/repos/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder("workspaces", new WorkspaceServlet(authenticator, data)),
        "/api/v1/workspaces/*");
    ServletHolder home =
        new ServletHolder("home", new HomeServlet(authenticator, data, config.anonymous()));
    context.addServlet(home, "/healthz");
    context.addServlet(home, "/");
    return context;
  }
}
