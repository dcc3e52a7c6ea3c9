package dev.helios.git.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;

class DeepenRelativeFilterTest {
  /** A linear history of {@code n} commits; element 0 is the root, the last one the tip. */
  private static List<ObjectId> chain(InMemoryRepository repo, int n) throws Exception {
    List<ObjectId> commits = new ArrayList<>();
    try (ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId tree = ins.insert(new TreeFormatter());
      PersonIdent who = new PersonIdent("T", "t@example.com", 0L, 0);
      for (int i = 0; i < n; i++) {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage("c" + i);
        if (!commits.isEmpty()) {
          c.setParentId(commits.get(commits.size() - 1));
        }
        commits.add(ins.insert(c));
      }
      ins.flush();
    }
    return commits;
  }

  private static byte[] request(String... lines) {
    List<DeepenRelativeFilter.Packet> packets = new ArrayList<>();
    packets.add(DeepenRelativeFilter.Packet.of("command=fetch"));
    packets.add(new DeepenRelativeFilter.Packet("", 1));
    for (String line : lines) {
      packets.add(DeepenRelativeFilter.Packet.of(line));
    }
    packets.add(new DeepenRelativeFilter.Packet("", 0));
    return DeepenRelativeFilter.encode(packets);
  }

  @Test
  void rewrite_relativeDeepenFromShallowTip_becomesAbsoluteDepth() throws Exception {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("r"))) {
      List<ObjectId> c = chain(repo, 6);
      ObjectId tip = c.get(5);
      ObjectId shallow = c.get(4); // the client has c5 and c4, c4 shallow: distance 1

      byte[] out = DeepenRelativeFilter.rewrite(repo,
          request("want " + tip.name(), "shallow " + shallow.name(), "deepen 2", "deepen-relative",
              "done")).orElseThrow();

      String text = new String(out, StandardCharsets.UTF_8);
      assertThat(text).contains("deepen 4\n").doesNotContain("deepen-relative");
      assertThat(text).contains("want " + tip.name()).contains("shallow " + shallow.name());
    }
  }

  @Test
  void rewrite_noRelativeDeepen_leavesRequestAlone() throws Exception {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("r"))) {
      ObjectId tip = chain(repo, 2).get(1);

      assertThat(DeepenRelativeFilter.rewrite(repo, request("want " + tip.name(), "deepen 1")))
          .isEmpty();
    }
  }

  @Test
  void parse_encode_roundTripsSpecialPackets() {
    byte[] body = request("want " + ObjectId.zeroId().name(), "done");

    assertThat(DeepenRelativeFilter.encode(DeepenRelativeFilter.parse(body))).isEqualTo(body);
    assertThat(new String(body, StandardCharsets.US_ASCII)).startsWith("0012command=fetch\n0001");
  }
}
