package dev.helios.git.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.RepositoryName;
import dev.helios.git.security.AnonymousAccess;
import dev.helios.git.security.LoginThrottle;
import dev.helios.git.security.Role;
import dev.helios.git.server.DataDirectory;
import dev.helios.git.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration") // password hashing for the authenticated cases takes a while
class ArchiveFilterTest {
  private static final RepositoryName NAME = RepositoryName.parse("team/demo");

  @TempDir Path dir;
  private DataDirectory data;
  private Server server;
  private LocalConnector connector;

  @BeforeEach
  void setUp() throws Exception {
    data = DataDirectory.open(dir.resolve("data"), SyncPolicy.WAL, 0);
    try (Repository repository = data.repositories().create(NAME);
        ObjectInserter in = repository.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      tree.append("README", FileMode.REGULAR_FILE,
          in.insert(Constants.OBJ_BLOB, "hello\n".getBytes(StandardCharsets.UTF_8)));
      tree.append("run.sh", FileMode.EXECUTABLE_FILE,
          in.insert(Constants.OBJ_BLOB, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
      PersonIdent who =
          new PersonIdent("Ada", "ada@example.com", Instant.ofEpochSecond(1_700_000_000),
              ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(in.insert(tree));
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("first\n");
      ObjectId id = in.insert(commit);
      in.flush();
      RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
      update.setNewObjectId(id);
      update.update();
    }
    data.security().addUser("test", "reader", "reader-pass".toCharArray(), false);
    data.security().addUser("test", "stranger", "stranger-pass".toCharArray(), false);
    data.security().grant("test", "reader", NAME, Role.READ);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.stop();
    }
    data.close();
  }

  @Test
  void get_tarGzWithReadAccess_streamsTheTree() throws Exception {
    start(AnonymousAccess.NONE);

    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/main.tar.gz", "reader:reader-pass");

    assertThat(res.getStatus()).isEqualTo(200);
    assertThat(res.get("Content-Type")).isEqualTo("application/gzip");
    assertThat(res.get("Content-Disposition"))
        .isEqualTo("attachment; filename=\"demo-main.tar.gz\"");
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GzipCompressorInputStream(new ByteArrayInputStream(res.getContentBytes())))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        entries.add(e.getName() + " " + Integer.toOctalString(e.getMode()));
      }
    }
    assertThat(entries).containsExactly("README 100644", "run.sh 100755");
  }

  @Test
  void get_anonymousWhenReadsAreOpen_isAllowed() throws Exception {
    start(AnonymousAccess.READ);

    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/main.zip", null);

    assertThat(res.getStatus()).isEqualTo(200);
    assertThat(res.get("Content-Type")).isEqualTo("application/zip");
  }

  @Test
  void get_noCredentials_is401WithChallenge() throws Exception {
    start(AnonymousAccess.NONE);

    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/main.tar", null);

    assertThat(res.getStatus()).isEqualTo(401);
    assertThat(res.get("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void get_userWithoutGrant_is403() throws Exception {
    start(AnonymousAccess.NONE);

    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/main.tar", "stranger:stranger-pass");

    assertThat(res.getStatus()).isEqualTo(403);
    assertThat(res.getContent()).contains("no read access to team/demo");
  }

  @Test
  void get_unknownRepositoryOrRevision_is404() throws Exception {
    start(AnonymousAccess.READ);

    assertThat(get("/api/v1/repos/team/nope/archive/main.tar", null).getStatus()).isEqualTo(404);
    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/nosuch.tar", null);
    assertThat(res.getStatus()).isEqualTo(404);
    assertThat(res.getContent()).contains("no revision 'nosuch'");
  }

  @Test
  void get_unknownSuffix_is400() throws Exception {
    start(AnonymousAccess.READ);

    HttpTester.Response res = get("/api/v1/repos/team/demo/archive/main.rar", null);

    assertThat(res.getStatus()).isEqualTo(400);
    assertThat(res.getContent()).contains(".tar.zst");
  }

  @Test
  void get_repositoryPathWithoutArchive_reachesTheApi() throws Exception {
    start(AnonymousAccess.NONE);

    HttpTester.Response res = get("/api/v1/repos/team/demo", "reader:reader-pass");

    assertThat(res.getStatus()).isEqualTo(200);
    assertThat(res.getContent()).contains("\"team/demo\"");
  }

  @Test
  void fileName_oddRevision_isSafe() {
    assertThat(ArchiveFilter.fileName(NAME, "feature/x\"y")).isEqualTo("demo-feature-x-y");
  }

  private void start(AnonymousAccess anonymous) throws Exception {
    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    ServerConfig config =
        ServerConfig.builder().dataDirectory(dir.resolve("data")).anonymous(anonymous).build();
    server.setHandler(ServerHandlers.create(data, new LoginThrottle(), config));
    server.start();
  }

  private HttpTester.Response get(String path, String credentials) throws Exception {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: test\r\n");
    if (credentials != null) {
      request.append("Authorization: Basic ")
          .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
          .append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    ByteBuffer response = connector.getResponse(
        ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.ISO_8859_1)));
    return HttpTester.parseResponse(response);
  }
}
