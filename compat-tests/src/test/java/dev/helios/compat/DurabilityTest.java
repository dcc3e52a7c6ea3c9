package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A push that git reports as successful survives kill -9 of the server, with --sync wal (whose
 * promise is exactly that) and with the default --sync fsync; everything also survives a graceful
 * SIGTERM restart. Each test restarts the one server of this class.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.MethodName.class)
final class DurabilityTest {
  @RegisterExtension
  static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs("--sync", "wal");

  @ParameterizedTest(name = "--sync {0}")
  @ValueSource(strings = {"wal", "fsync"})
  void push_thenKill9AndRestart_everyAcknowledgedPushIsThere(String sync) {
    if (!SERVER.server().serveArgs().equals(List.of("--sync", sync))) {
      SERVER.server().stop();
      SERVER.server().start(List.of("--sync", sync));
    }
    String repo = SERVER.createRepo("durable-" + sync);
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    for (int i = 0; i < 3; i++) {
      local.commit("file-" + i + ".txt", "push " + i + "\n");
      local.ok("push", "-q", "origin", "main");
    }
    local.ok("tag", "-a", "-m", "durable tag", "v1");
    local.ok("switch", "-q", "-c", "side");
    local.commit("side.txt", "side\n");
    GitResult lastPush = local.git("push", "origin", "side", "v1");
    assertThat(lastPush.exitCode()).as(lastPush.describe()).isZero();
    List<String> acknowledged =
        local
            .ok(
                "for-each-ref",
                "--format=%(objectname) %(objecttype) %(refname)",
                "refs/heads",
                "refs/tags")
            .lines();

    SERVER.server().kill();
    SERVER.server().start();

    Path mirror = SERVER.newDir("after-kill");
    SERVER
        .git()
        .ok(
            mirror.getParent(),
            "clone",
            "-q",
            "--mirror",
            SERVER.adminUrl(repo),
            mirror.toString());
    assertThat(LocalRepo.at(SERVER.git(), mirror).refs()).isEqualTo(acknowledged);
    SERVER.git().ok(mirror, "fsck", "--full", "--strict");
    assertThat(SERVER.git().ok(mirror, "show", "side:file-2.txt").stdout()).isEqualTo("push 2\n");
  }

  @Test
  void push_killedMidPush_repositoryIsOldOrNewAndConsistent() throws Exception {
    String repo = SERVER.createRepo("interrupted");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    String before = local.commit("a.txt", "before\n");
    local.ok("push", "-q", "origin", "main");
    byte[] noise = new byte[20 << 20];
    new SplittableRandom(4_242L).nextBytes(noise);
    local.write("noise.bin", noise);
    String after = local.commitAll("20 MiB pushed while the server dies");

    CompletableFuture<GitResult> push =
        CompletableFuture.supplyAsync(
            () ->
                local
                    .cli()
                    .withTimeout(Duration.ofMinutes(2))
                    .run(local.dir(), "push", "origin", "main"));
    Thread.sleep(700);
    SERVER.server().kill();
    GitResult result = push.get(3, TimeUnit.MINUTES);
    SERVER.server().start();

    String main = SERVER.lsRemote(repo).get("refs/heads/main");
    if (result.succeeded()) {
      assertThat(main).as("git reported success\n" + result.describe()).isEqualTo(after);
    } else {
      assertThat(main).as(result.describe()).isIn(before, after);
    }
    LocalRepo cloned = SERVER.cloneAsAdmin(repo);
    cloned.ok("fsck", "--full", "--strict");
    assertThat(cloned.rev("HEAD")).isEqualTo(main);
  }

  @Test
  void stop_sigterm_exitsAndRestartServesTheSameDataWithTheSamePassword() {
    String repo = SERVER.createRepo("graceful");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    String tip = local.commit("a.txt", "graceful\n");
    local.ok("push", "-q", "origin", "main");
    String password = SERVER.admin().password();

    SERVER.server().stop();

    assertThat(SERVER.server().isAlive()).isFalse();
    SERVER.server().start();
    assertThat(SERVER.admin().password()).isEqualTo(password);
    assertThat(SERVER.lsRemote(repo)).containsEntry("refs/heads/main", tip);
    LocalRepo cloned = SERVER.cloneAsAdmin(repo);
    assertThat(cloned.rev("HEAD")).isEqualTo(tip);
  }
}
