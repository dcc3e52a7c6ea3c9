package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Big objects and many refs: a 50 MiB binary and 10,000 refs through push, clone and fetch. */
@Tag("integration")
final class LargeTransferTest {
  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final Duration LONG = Duration.ofMinutes(4);

  @Test
  void pushAndClone_50MiBRandomBinary_arrivesByteForByte() throws Exception {
    long seed = "pushAndClone_50MiBRandomBinary".hashCode();
    String repo = SERVER.createRepo("big-binary");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    Path file = local.dir().resolve("blob.bin");
    writeRandom(file, 50L << 20, seed);
    String expected = sha256(file);
    local.commitAll("50 MiB of random bytes, seed " + seed);

    GitResult push = SERVER.git().withTimeout(LONG).run(local.dir(), "push", "origin", "main");

    assertThat(push.exitCode()).as("seed " + seed + "\n" + push.describe()).isZero();
    Path target = SERVER.newDir("big-clone");
    GitResult clone =
        SERVER
            .git()
            .withTimeout(LONG)
            .run(
                target.getParent(),
                "clone",
                "-q",
                "--branch",
                "main",
                SERVER.adminUrl(repo),
                target.toString());
    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    Path cloned = target.resolve("blob.bin");
    assertThat(Files.size(cloned)).isEqualTo(50L << 20);
    assertThat(sha256(cloned)).as("SHA-256 of the cloned file, seed " + seed).isEqualTo(expected);
    assertThat(LocalRepo.at(SERVER.git(), target).rev("HEAD")).isEqualTo(local.rev("HEAD"));
  }

  /**
   * A server repository holding 10,000 refs (5,000 branches, 5,000 tags) plus main, and the four
   * pushes that made them.
   *
   * @param refs every ref as {@code for-each-ref} prints it: {@code id type name}, sorted by name
   */
  private record ManyRefs(String repo, List<String> refs, List<GitResult> pushes) {
    void assertPushed() {
      for (GitResult push : pushes) {
        assertThat(push.exitCode()).as(push.describe()).isZero();
      }
    }
  }

  private static ManyRefs manyRefs;

  /*
   * Pushing N refs over smart HTTP costs stock git O(N^2) CPU before it sends a byte (the
   * remote helper expands refs/*:refs/* into N explicit refspecs that send-pack matches one by
   * one against every ref): 10,000 refs in one push take git about 40 s of CPU. Four clones
   * each push a quarter of the refs at the same time instead, which is a sixteenth of the work,
   * and also checks that concurrent pushes of different refs all land.
   */
  private static synchronized ManyRefs manyRefs() throws Exception {
    if (manyRefs != null) {
      return manyRefs;
    }
    String repo = SERVER.createRepo("many-refs");
    LocalRepo seed = SERVER.newLocalRepoFor(repo);
    String first = seed.commit("a.txt", "a\n");
    String second = seed.commit("b.txt", "b\n");
    seed.ok("push", "-q", "origin", "main");
    Map<String, String> all = new TreeMap<>();
    all.put("refs/heads/main", second);
    // Every clone is made before any push starts: a clone made while an earlier push is
    // running would fetch that push's branches as refs/remotes/origin/*, and its own push of
    // refs/* would then send them back as remote-tracking refs on the server.
    List<LocalRepo> clones = new ArrayList<>();
    int parts = 4;
    for (int part = 0; part < parts; part++) {
      LocalRepo clone = SERVER.cloneAsAdmin(repo);
      clone.ok("remote", "set-head", "origin", "-d");
      clone.ok("update-ref", "-d", "refs/remotes/origin/main");
      StringBuilder updates = new StringBuilder();
      for (int i = part; i < 10_000; i += parts) {
        String name =
            i % 2 == 0
                ? String.format("refs/heads/many/branch-%05d", i)
                : String.format("refs/tags/many/tag-%05d", i);
        String id = i % 3 == 0 ? first : second;
        updates.append("create ").append(name).append(' ').append(id).append('\n');
        all.put(name, id);
      }
      clone.okWithInput(
          updates.toString().getBytes(StandardCharsets.UTF_8), "update-ref", "--stdin");
      clones.add(clone);
    }
    List<CompletableFuture<GitResult>> pushes = new ArrayList<>();
    for (LocalRepo clone : clones) {
      pushes.add(
          CompletableFuture.supplyAsync(
              () ->
                  clone
                      .cli()
                      .withTimeout(LONG)
                      .run(clone.dir(), "push", "-q", "origin", "refs/*:refs/*")));
    }
    List<GitResult> results = new ArrayList<>();
    for (CompletableFuture<GitResult> push : pushes) {
      results.add(push.get(LONG.toMinutes() + 1, TimeUnit.MINUTES));
    }
    List<String> refs = new ArrayList<>();
    all.forEach((name, id) -> refs.add(id + " commit " + name));
    assertThat(refs).hasSize(10_001);
    manyRefs = new ManyRefs(repo, List.copyOf(refs), List.copyOf(results));
    return manyRefs;
  }

  @Test
  void push_10000RefsInFourConcurrentPushes_allAdvertisedByLsRemote() throws Exception {
    ManyRefs many = manyRefs();

    Map<String, String> advertised = SERVER.lsRemote(many.repo());

    many.assertPushed();
    Map<String, String> expected = new TreeMap<>();
    for (String line : many.refs()) {
      String[] parts = line.split(" ");
      expected.put(parts[2], parts[0]);
    }
    advertised.remove("HEAD");
    assertThat(advertised).isEqualTo(expected);
  }

  @Test
  void cloneMirror_10000Refs_fetchesEveryRef() throws Exception {
    ManyRefs many = manyRefs();
    many.assertPushed();
    Path mirror = SERVER.newDir("many-refs-mirror");

    GitResult clone =
        SERVER
            .git()
            .withTimeout(LONG)
            .run(
                mirror.getParent(),
                "clone",
                "-q",
                "--mirror",
                SERVER.adminUrl(many.repo()),
                mirror.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(LocalRepo.at(SERVER.git(), mirror).refs()).isEqualTo(many.refs());
  }

  @Test
  void fetch_prefixOf10000RefsOverV2_asksForAndGetsOnlyMatchingRefs() throws Exception {
    ManyRefs many = manyRefs();
    many.assertPushed();
    LocalRepo fetcher = LocalRepo.init(SERVER.git(), SERVER.newDir("prefix-fetch"));

    GitResult fetch =
        fetcher
            .cli()
            .withEnv("GIT_TRACE_PACKET", "1")
            .run(
                fetcher.dir(),
                "-c",
                "protocol.version=2",
                "fetch",
                "--no-tags",
                SERVER.adminUrl(many.repo()),
                "refs/heads/many/branch-099*:refs/remotes/x/branch-099*");

    assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
    assertThat(fetch.stderr()).contains("ref-prefix refs/heads/many/branch-099");
    List<String> expected =
        many.refs().stream()
            .filter(line -> line.contains(" refs/heads/many/branch-099"))
            .map(line -> line.replace(" refs/heads/many/", " refs/remotes/x/"))
            .toList();
    assertThat(expected).hasSize(50);
    assertThat(fetcher.refs()).isEqualTo(expected);
  }

  private static void writeRandom(Path file, long size, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
      }
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
