package dev.helios.git.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code git fetch --deepen=N} over protocol v2, which JGit's upload-pack does not
 * implement: rewrites a fetch request's {@code deepen-relative} into the equivalent absolute
 * {@code deepen}. Stateless and thread-safe; installed as an upload-pack filter of GitServlet.
 */
final class DeepenRelativeFilter implements Filter {
  /*
   * In protocol v2 the "shallow" fetch capability promises deepen-relative (gitprotocol-v2), so
   * git sends "deepen N" plus "deepen-relative" for --deepen=N, and JGit fails the request
   * (UnsupportedOperationException in computeShallowsAndUnshallows). git's upload-pack roots the
   * depth walk at the client's shallow commits with depth N + 1; rooted at the wants instead, as
   * JGit's walk is, the same boundary is "deepen (k + N + 1)" where k is the distance from the
   * wants to the client's shallow commit. With several shallow commits we take the largest k,
   * which deepens every one of them by at least N (exact on linear history and in the common
   * single-branch case). A shallow commit the wants do not reach is ignored; if none is reached
   * the request becomes "deepen N".
   *
   * Only POSTs with "version=2" in Git-Protocol are read; the body (possibly gzip-encoded, as
   * git sends large requests) is buffered, at most MAX_BODY bytes, and replayed unchanged when it
   * has no deepen-relative line. The breadth-first walk over parents stops once every client
   * shallow commit has been reached.
   */

  static final int MAX_BODY = 64 << 20;

  private static final String DEEPEN = "deepen ";
  private static final String DEEPEN_RELATIVE = "deepen-relative";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String protocol = req.getHeader("Git-Protocol");
    if (!"POST".equals(req.getMethod()) || protocol == null || !protocol.contains("version=2")
        || !(req.getAttribute(GitAccessFilter.REPOSITORY) instanceof Repository repository)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = readBody(req);
    if (body == null) {
      HttpResponses.text(
          (HttpServletResponse) response, 413, "fetch request larger than " + MAX_BODY + " bytes");
      return;
    }
    byte[] rewritten = rewrite(repository, body).orElse(body);
    chain.doFilter(new BufferedRequest(req, rewritten), response);
  }

  /** The decoded body, or null if it exceeds {@link #MAX_BODY}. */
  private static byte @Nullable [] readBody(HttpServletRequest req) throws IOException {
    InputStream in = req.getInputStream();
    String encoding = req.getHeader("Content-Encoding");
    if ("gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding)) {
      in = new GZIPInputStream(in);
    }
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? null : body;
  }

  /**
   * Returns {@code body} with a relative deepen made absolute, or empty when it has none (or is
   * not a well-formed fetch request, which upload-pack then reports itself).
   */
  static Optional<byte[]> rewrite(Repository repository, byte[] body) throws IOException {
    List<Packet> packets = parse(body);
    if (packets == null
        || !packets.contains(Packet.of(DEEPEN_RELATIVE))
        || !packets.contains(Packet.of("command=fetch"))) {
      return Optional.empty();
    }
    int deepen = -1;
    Set<ObjectId> wants = new HashSet<>();
    Set<ObjectId> shallows = new HashSet<>();
    for (Packet packet : packets) {
      String p = packet.text();
      if (p.startsWith(DEEPEN)) {
        try {
          deepen = Integer.parseInt(p.substring(DEEPEN.length()).strip());
        } catch (NumberFormatException e) {
          return Optional.empty(); // malformed: let upload-pack report it
        }
      } else if (p.startsWith("want ") && ObjectId.isId(p.substring(5).strip())) {
        wants.add(ObjectId.fromString(p.substring(5).strip()));
      } else if (p.startsWith("want-ref ")) {
        Ref ref = repository.exactRef(p.substring(9).strip());
        if (ref != null && ref.getObjectId() != null) {
          wants.add(ref.getObjectId());
        }
      } else if (p.startsWith("shallow ") && ObjectId.isId(p.substring(8).strip())) {
        shallows.add(ObjectId.fromString(p.substring(8).strip()));
      }
    }
    if (deepen < 1) {
      return Optional.empty();
    }
    int farthest = farthestShallow(repository, wants, shallows);
    long absolute = farthest < 0 ? deepen : (long) farthest + deepen + 1;
    int depth = (int) Math.min(Integer.MAX_VALUE, absolute);
    List<Packet> out = new ArrayList<>(packets.size());
    for (Packet p : packets) {
      if (p.text().equals(DEEPEN_RELATIVE)) {
        continue;
      }
      out.add(p.text().startsWith(DEEPEN) ? Packet.of(DEEPEN + depth) : p);
    }
    return Optional.of(encode(out));
  }

  /** The largest distance from a want to a client shallow commit, or -1 if none is reached. */
  static int farthestShallow(Repository repository, Set<ObjectId> wants, Set<ObjectId> shallows)
      throws IOException {
    if (shallows.isEmpty() || wants.isEmpty()) {
      return -1;
    }
    Set<ObjectId> remaining = new HashSet<>(shallows);
    Map<ObjectId, Integer> distance = new HashMap<>();
    ArrayDeque<ObjectId> queue = new ArrayDeque<>();
    for (ObjectId want : wants) {
      if (distance.putIfAbsent(want, 0) == null) {
        queue.add(want);
      }
    }
    int farthest = -1;
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setRetainBody(false);
      while (!queue.isEmpty() && !remaining.isEmpty()) {
        ObjectId id = queue.poll();
        int d = distance.get(id);
        if (remaining.remove(id)) {
          farthest = Math.max(farthest, d);
        }
        RevCommit commit;
        try {
          commit = walk.parseCommit(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
          continue; // not a commit we have: reaches nothing
        }
        for (RevCommit parent : commit.getParents()) {
          if (distance.putIfAbsent(parent.copy(), d + 1) == null) {
            queue.add(parent.copy());
          }
        }
      }
    }
    return farthest;
  }

  /** One pkt-line: a text payload (without its newline), or a special packet 0000..0003. */
  record Packet(String text, int special) {
    static Packet of(String text) {
      return new Packet(text, -1);
    }
  }

  /** Splits {@code body} into pkt-lines; returns null if it is malformed. */
  static @Nullable List<Packet> parse(byte[] body) {
    List<Packet> packets = new ArrayList<>();
    int pos = 0;
    while (pos < body.length) {
      if (pos + 4 > body.length) {
        return null;
      }
      int len;
      try {
        len = Integer.parseInt(new String(body, pos, 4, StandardCharsets.US_ASCII), 16);
      } catch (NumberFormatException e) {
        return null;
      }
      if (len < 4) {
        packets.add(new Packet("", len));
        pos += 4;
        continue;
      }
      if (pos + len > body.length) {
        return null;
      }
      String text = new String(body, pos + 4, len - 4, StandardCharsets.UTF_8);
      packets.add(Packet.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
      pos += len;
    }
    return packets;
  }

  static byte[] encode(List<Packet> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Packet p : packets) {
      if (p.special() >= 0) {
        out.writeBytes(String.format("%04x", p.special()).getBytes(StandardCharsets.US_ASCII));
        continue;
      }
      byte[] payload = (p.text() + "\n").getBytes(StandardCharsets.UTF_8);
      out.writeBytes(String.format("%04x", payload.length + 4).getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }

  /** The request with its body replaced by already-decoded bytes. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest req, byte[] body) {
      super(req);
      this.body = body;
    }

    @Override
    public String getHeader(String name) {
      return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("asynchronous reads are not supported here");
        }
      };
    }
  }
}
