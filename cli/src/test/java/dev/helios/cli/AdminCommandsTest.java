package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.SyncPolicy;
import dev.helios.git.server.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrative commands on a data directory (no server). */
@Tag("integration")
class AdminCommandsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data");
    all.add(dir.resolve("data").toString());
    return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int runWithStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void repo_createListDelete_roundTrips() {
    int created = run("repo", "create", "team/app");
    String createdOut = out.toString();
    int listed = run("repo", "list", "--json");
    String listedOut = out.toString();
    int deleted = run("repo", "delete", "team/app");
    int listedAgain = run("repo", "list");

    assertThat(created).isZero();
    assertThat(createdOut).contains("Created repository team/app");
    assertThat(listed).isZero();
    assertThat(listedOut).contains("\"name\" : \"team/app\"");
    assertThat(deleted).isZero();
    assertThat(listedAgain).isZero();
    assertThat(out.toString()).contains("No repositories.");
  }

  @Test
  void repo_createInvalidName_printsRuleAndFails() {
    int code = run("repo", "create", "bad name");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("helios: invalid repository name 'bad name'")
        .doesNotContain("\n");
  }

  @Test
  void repo_deleteMissing_failsWithOneLine() {
    int code = run("repo", "delete", "nope");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip()).contains("nope").doesNotContain("\n");
  }

  @Test
  void user_addWithPasswordStdin_isListed() {
    int added = runWithStdin("s3cret-password\n", "user", "add", "bob", "--password-stdin");
    int listed = run("user", "list", "--json");

    assertThat(added).as(err.toString()).isZero();
    assertThat(listed).isZero();
    assertThat(out.toString()).contains("\"name\" : \"bob\"");
  }

  @Test
  void grant_andRevoke_areAuditedAndChainVerifies() {
    run("repo", "create", "demo");
    runWithStdin("s3cret-password\n", "user", "add", "bob", "--password-stdin");

    int granted = run("grant", "bob", "demo", "write");
    int revoked = run("grant", "--revoke", "bob", "demo");
    int tail = run("audit", "tail", "-n", "10");
    String tailOut = out.toString();
    int verified = run("audit", "verify");

    assertThat(granted).as(err.toString()).isZero();
    assertThat(revoked).as(err.toString()).isZero();
    assertThat(tail).isZero();
    assertThat(tailOut).contains("repo.create").contains("demo");
    assertThat(verified).isZero();
    assertThat(out.toString()).startsWith("Audit log intact");
  }

  @Test
  void grant_unknownRole_isUsageError() {
    int code = run("grant", "bob", "demo", "owner");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("role must be read, write or admin");
  }

  @Test
  void token_create_printsSecretOnce() {
    runWithStdin("s3cret-password\n", "user", "add", "bob", "--password-stdin");

    int code = run("token", "create", "bob", "--label", "laptop", "--json");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"secret\" : \"hel_");
  }

  @Test
  void gc_all_runsAndSweeps() {
    run("repo", "create", "demo");

    int code = run("gc", "--all", "--json");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"repo\" : \"demo\"").contains("\"sweep\"");
  }

  @Test
  void repo_list_dataDirectoryInUse_printsOneLineAndFails() throws Exception {
    try (DataDirectory held = DataDirectory.open(dir.resolve("data"), SyncPolicy.WAL, 0)) {
      int code = run("repo", "list");

      assertThat(code).isEqualTo(1);
      assertThat(err.toString().strip())
          .isEqualTo("helios: data directory " + dir.resolve("data")
              + " is in use by a running Helios server; use --server URL");
    }
  }
}
