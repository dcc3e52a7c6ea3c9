package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that ci-checkout's job directories hold the same files. */
class CheckoutTreesTest {
  @TempDir Path dir;
  private Path a;
  private Path b;

  @BeforeEach
  void twoEqualTrees() throws IOException {
    a = dir.resolve("a");
    b = dir.resolve("b");
    for (Path root : new Path[] {a, b}) {
      Files.createDirectories(root.resolve("src/x"));
      Files.writeString(root.resolve("README"), "hello\n");
      Files.writeString(root.resolve("src/x/y.txt"), "y\n");
      Files.createSymbolicLink(root.resolve("link"), Path.of("README"));
    }
  }

  @Test
  void requireSame_onlyGitDiffers_passes() throws IOException {
    Files.createDirectories(b.resolve(".git/objects"));
    Files.writeString(b.resolve(".git/HEAD"), "ref: refs/heads/main\n");

    assertThatCode(() -> CheckoutTrees.requireSame(a, b)).doesNotThrowAnyException();
  }

  @Test
  void requireSame_contentDiffers_throwsNamingThePath() throws IOException {
    Files.writeString(b.resolve("src/x/y.txt"), "z\n");

    assertThatThrownBy(() -> CheckoutTrees.requireSame(a, b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("src/x/y.txt");
  }

  @Test
  void requireSame_fileMissing_throwsNamingThePath() throws IOException {
    Files.delete(a.resolve("README"));

    assertThatThrownBy(() -> CheckoutTrees.requireSame(a, b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("README is only in " + b);
  }

  @Test
  void requireSame_symlinkTargetDiffers_throws() throws IOException {
    Files.delete(b.resolve("link"));
    Files.createSymbolicLink(b.resolve("link"), Path.of("src"));

    assertThatThrownBy(() -> CheckoutTrees.requireSame(a, b)).isInstanceOf(IOException.class);
  }
}
