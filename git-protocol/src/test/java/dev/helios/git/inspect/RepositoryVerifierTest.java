package dev.helios.git.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.git.RepositoryName;
import dev.helios.git.errors.RepositoryNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryVerifierTest {
  private InspectFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = InspectFixture.create();
  }

  @AfterEach
  void tearDown() throws IOException {
    fixture.close();
  }

  @Test
  void verify_goodRepository_isCleanAndCountsEveryObject() throws IOException {
    List<Long> progress = new ArrayList<>();

    VerifyReport report = verifier().verify(InspectFixture.NAME, false, 20, progress::add);

    assertThat(report.problems()).isEmpty();
    assertThat(report.clean()).isTrue();
    assertThat(report.refs()).isEqualTo(3); // HEAD, refs/heads/main, refs/tags/v1
    // 2 commits; 8 trees (root, bin, src, src/main, lib; then root, src, src/util); 8 blobs
    // (5 in the first commit, 3 new in the second); the gitlink's commit is not ours
    assertThat(report.objects()).isEqualTo(2 + 8 + 8);
    assertThat(progress).isNotEmpty().last().isEqualTo(report.objects());
  }

  @Test
  void verify_full_goodRepository_isClean() throws IOException {
    VerifyReport report = verifier().verify(InspectFixture.NAME, true, 20, n -> {});

    assertThat(report.problems()).isEmpty();
    assertThat(report.full()).isTrue();
    assertThat(report.twinsComplete()).isTrue();
  }

  @Test
  void verify_packChunksDeleted_namesObjectsAndTheMissingChunk() throws IOException {
    fixture.deletePack();

    VerifyReport report = verifier().verify(InspectFixture.NAME, false, 5, n -> {});

    assertThat(report.clean()).isFalse();
    assertThat(report.problems()).hasSizeLessThanOrEqualTo(5);
    VerifyReport.Problem first = report.problems().get(0);
    assertThat(first.object()).matches("[0-9a-f]{40}");
    assertThat(first.message()).contains("missing chunk");
    assertThat(fixture.packChunks.stream().map(h -> h.toHex()))
        .anyMatch(hex -> first.message().contains(hex));
  }

  @Test
  void verify_limitReached_isTruncated() throws IOException {
    fixture.deletePack();

    VerifyReport report = verifier().verify(InspectFixture.NAME, true, 1, n -> {});

    assertThat(report.problems()).hasSize(1);
    assertThat(report.truncated()).isTrue();
  }

  @Test
  void verify_unknownRepository_throwsNotFound() {
    assertThatThrownBy(
            () -> verifier().verify(RepositoryName.parse("nope"), false, 20, n -> {}))
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  private RepositoryVerifier verifier() {
    return new RepositoryVerifier(fixture.repositories);
  }
}
