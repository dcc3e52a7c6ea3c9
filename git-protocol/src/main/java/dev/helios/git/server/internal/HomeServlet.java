package dev.helios.git.server.internal;

import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.Principal;
import dev.helios.git.security.Role;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.storage.RepositoryInfo;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /}: a small page naming the server and listing the repositories the caller can read;
 * {@code /healthz}: "ok". Thread-safe.
 */
final class HomeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Authenticator authenticator;
  private final transient DataDirectory data;
  private final AnonymousAccess anonymous;

  HomeServlet(Authenticator authenticator, DataDirectory data, AnonymousAccess anonymous) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.data = Objects.requireNonNull(data, "data");
    this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    if (path.equals("/healthz")) {
      HttpResponses.text(res, 200, "ok");
      return;
    }
    if (!path.equals("/") && !path.isEmpty()) {
      HttpResponses.text(res, 404, "not found: " + path);
      return;
    }
    Authenticator.Outcome outcome = authenticator.authenticate(req);
    if (outcome instanceof Authenticator.Outcome.Throttled t) {
      HttpResponses.throttled(res, t.retryAfter());
      return;
    }
    if (outcome instanceof Authenticator.Outcome.Rejected r) {
      HttpResponses.challenge(res, r.message());
      return;
    }
    Optional<Principal> who = Optional.ofNullable(outcome.principal());
    String base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
    StringBuilder html = new StringBuilder(1024);
    html.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Helios</title>")
        .append("</head>\n<body>\n<h1>Helios</h1>\n<p>A Git server on a BLAKE3 ")
        .append("content-addressed store.</p>\n");
    html.append("<p>")
        .append(who.map(p -> "Signed in as " + escape(p.user()) + ".").orElse("Not signed in."))
        .append("</p>\n<ul>\n");
    int shown = 0;
    for (RepositoryInfo info : data.repositories().list()) {
      if (data.security().isAllowed(who, info.name(), Role.READ, anonymous)) {
        String url = base + "/git/" + info.name().value() + ".git";
        html.append("<li><code>git clone ").append(escape(url)).append("</code></li>\n");
        shown++;
      }
    }
    html.append("</ul>\n");
    if (shown == 0) {
      html.append("<p>No repositories you can read.</p>\n");
    }
    html.append("</body></html>\n");
    byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
    res.setStatus(200);
    res.setContentType("text/html; charset=utf-8");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
