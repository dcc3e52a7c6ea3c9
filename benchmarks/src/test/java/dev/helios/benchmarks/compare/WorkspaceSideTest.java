package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Workspace;
import dev.helios.git.server.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helios side of workspace-commit, in process on real RocksDB directories: the API loop and
 * the import loop make the same edits, so they end at the same tree, one commit per edit.
 */
class WorkspaceSideTest {
  @TempDir Path dir;

  @Test
  void commitAndImport_sameEdits_endAtTheSameTree() throws Exception {
    WorkTree tree = new WorkTree(300);
    Path apiTree = dir.resolve("api-tree");
    Path importTree = dir.resolve("import-tree");
    tree.writeTo(apiTree);
    tree.writeTo(importTree);
    WorkspaceSide.run("ws-setup", List.of(str(dir.resolve("api")), str(apiTree), "agent"));
    WorkspaceSide.run("ws-setup", List.of(str(dir.resolve("imp")), str(importTree), "agent"));

    WorkspaceSide.run("ws-commit", args(List.of(str(dir.resolve("api")), "agent"), tree));
    WorkspaceSide.run("ws-import",
        args(List.of(str(dir.resolve("imp")), "agent", str(importTree)), tree));

    Hash apiRoot = root(dir.resolve("api"));
    assertThat(root(dir.resolve("imp"))).isEqualTo(apiRoot);
    String edited = tree.editedPath(4);
    assertThat(Files.readString(importTree.resolve(edited)))
        .isEqualTo(new String(tree.content((int) ((4 * 7919L + 13) % 300))) + "agent edit 4\n");
    try (DataDirectory d = DataDirectory.open(dir.resolve("api"), SyncPolicy.WAL, 0)) {
      Hash head = d.storage().workspaces().resolve("agent", "HEAD");
      assertThat(d.storage().workspaces().log(head, 100)).hasSize(6); // initial + 5 edits
      assertThat(d.storage().workspaces().read(head, edited))
          .isEqualTo(Files.readAllBytes(importTree.resolve(edited)));
    }
  }

  // FIRST = 0 and the paths of edits 0..4.
  private static List<String> args(List<String> head, WorkTree tree) {
    List<String> all = new ArrayList<>(head);
    all.add("0");
    all.addAll(tree.editedPaths(0, 5));
    return all;
  }

  private static Hash root(Path data) throws Exception {
    try (DataDirectory d = DataDirectory.open(data, SyncPolicy.WAL, 0);
        Workspace ws = d.storage().workspaces().open("agent")) {
      return ws.root();
    }
  }

  private static String str(Path p) {
    return p.toString();
  }
}
