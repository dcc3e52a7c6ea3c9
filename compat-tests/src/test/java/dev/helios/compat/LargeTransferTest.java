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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Big objects and many refs: a 50 MiB binary and 10,000 refs through push, clone and fetch. */
@Tag("integration")
final class LargeTransferTest {
  @RegisterExtension
  static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

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
    GitResult clone = SERVER.git().withTimeout(LONG).run(target.getParent(), "clone", "-q",
        "--branch", "main", SERVER.adminUrl(repo), target.toString());
    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    Path cloned = target.resolve("blob.bin");
    assertThat(Files.size(cloned)).isEqualTo(50L << 20);
    assertThat(sha256(cloned)).as("SHA-256 of the cloned file, seed " + seed).isEqualTo(expected);
    assertThat(LocalRepo.at(SERVER.git(), target).rev("HEAD")).isEqualTo(local.rev("HEAD"));
  }

  /** A server repository holding 10,000 refs (5,000 branches, 5,000 tags) plus main. */
  private record ManyRefs(String repo, List<String> refs, GitResult push) {}

  private static ManyRefs manyRefs;

  /** Pushes the 10,000 refs once for the tests below; the push itself is asserted by each. */
  private static synchronized ManyRefs manyRefs() {
    if (manyRefs != null) {
      return manyRefs;
    }
    String repo = SERVER.createRepo("many-refs");
    LocalRepo local = SERVER.newLocalRepoFor(repo);
    String first = local.commit("a.txt", "a\n");
    String second = local.commit("b.txt", "b\n");
    StringBuilder updates = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      String name = i % 2 == 0
          ? String.format("refs/heads/many/branch-%05d", i)
          : String.format("refs/tags/many/tag-%05d", i);
      updates.append("create ").append(name).append(' ').append(i % 3 == 0 ? first : second).append('\n');
    }
    local.okWithInput(updates.toString().getBytes(StandardCharsets.UTF_8), "update-ref", "--stdin");
    List<String> refs = local.refs();
    assertThat(refs).hasSize(10_001);
    GitResult push = SERVER.git().withTimeout(LONG).run(local.dir(), "push", "-q", "origin", "refs/*:refs/*");
    manyRefs = new ManyRefs(repo, refs, push);
    return manyRefs;
  }

  @Test
  void push_10000Refs_allAdvertisedByLsRemote() {
    ManyRefs many = manyRefs();

    Map<String, String> advertised = SERVER.lsRemote(many.repo());

    assertThat(many.push().exitCode()).as(many.push().describe()).isZero();
    Map<String, String> expected = new TreeMap<>();
    for (String line : many.refs()) {
      String[] parts = line.split(" ");
      expected.put(parts[2], parts[0]);
    }
    advertised.remove("HEAD");
    assertThat(advertised).isEqualTo(expected);
  }

  @Test
  void cloneMirror_10000Refs_fetchesEveryRef() {
    ManyRefs many = manyRefs();
    assertThat(many.push().exitCode()).as(many.push().describe()).isZero();
    Path mirror = SERVER.newDir("many-refs-mirror");

    GitResult clone = SERVER.git().withTimeout(LONG).run(mirror.getParent(), "clone", "-q",
        "--mirror", SERVER.adminUrl(many.repo()), mirror.toString());

    assertThat(clone.exitCode()).as(clone.describe()).isZero();
    assertThat(LocalRepo.at(SERVER.git(), mirror).refs()).isEqualTo(many.refs());
  }

  @Test
  void fetch_prefixOf10000RefsOverV2_asksForAndGetsOnlyMatchingRefs() {
    ManyRefs many = manyRefs();
    assertThat(many.push().exitCode()).as(many.push().describe()).isZero();
    LocalRepo fetcher = LocalRepo.init(SERVER.git(), SERVER.newDir("prefix-fetch"));

    GitResult fetch = fetcher.cli().withEnv("GIT_TRACE_PACKET", "1").run(fetcher.dir(),
        "-c", "protocol.version=2", "fetch", SERVER.adminUrl(many.repo()),
        "refs/heads/many/branch-099*:refs/remotes/x/branch-099*");

    assertThat(fetch.exitCode()).as(fetch.describe()).isZero();
    assertThat(fetch.stderr()).contains("ref-prefix refs/heads/many/branch-099");
    List<String> expected = many.refs().stream()
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
