package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated work tree of workspace-commit: deterministic, sized as documented, aged. */
class WorkTreeTest {
  @TempDir Path dir;

  @Test
  void writeTo_twice_writesTheSameBytes() throws Exception {
    WorkTree tree = new WorkTree(250);

    tree.writeTo(dir.resolve("a"));
    tree.writeTo(dir.resolve("b"));

    for (int i = 0; i < tree.files(); i++) {
      assertThat(dir.resolve("a").resolve(tree.path(i)))
          .hasSameBinaryContentAs(dir.resolve("b").resolve(tree.path(i)));
    }
  }

  @Test
  void writeTo_files_haveTextOfTheDocumentedSizesAndOldMtimes() throws Exception {
    WorkTree tree = new WorkTree(300);

    tree.writeTo(dir);

    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      assertThat(files).hasSize(300);
      long hourAgo = System.currentTimeMillis() - 3_500_000L;
      for (Path f : files) {
        assertThat(Files.size(f)).isBetween(200L, 4_200L);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isLessThan(hourAgo);
      }
    }
    assertThat(entries(dir.resolve("src/m0"))).isEqualTo(3);
    assertThat(entries(dir.resolve("src/m0/p0"))).isEqualTo(100);
  }

  private static long entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.count();
    }
  }

  @Test
  void editedPaths_ofALoop_areDistinctFilesOfTheTree() {
    WorkTree tree = new WorkTree(2_000);

    List<String> paths = tree.editedPaths(0, 200);

    assertThat(new HashSet<>(paths)).hasSize(200);
    assertThat(paths.get(3)).isEqualTo(tree.editedPath(3));
    assertThat(new String(WorkTree.editLine(7))).isEqualTo("agent edit 7\n");
  }
}
