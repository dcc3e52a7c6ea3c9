package dev.helios.git.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.Workspaces;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiffStatTest {
  private InspectFixture fixture;
  private Workspaces workspaces;

  @BeforeEach
  void setUp() throws IOException {
    fixture = InspectFixture.create();
    workspaces = fixture.storage.workspaces();
  }

  @AfterEach
  void tearDown() throws IOException {
    fixture.close();
  }

  @Test
  void fileChanges_ofTwoCommits_leavesOutDirectoriesAndUnchangedFiles() throws IOException {
    List<Change> changes =
        workspaces.diff(fixture.snapshot(fixture.first), fixture.snapshot(fixture.second));

    List<Change> files = DiffStat.fileChanges(changes);

    assertThat(files)
        .extracting(c -> DiffStat.status(c) + " " + c.path())
        .containsExactly(
            "M README.md", "M data.bin", "D src/main/App.java", "A src/util/Util.java");
  }

  @Test
  void stat_ofTwoCommits_countsTextLinesAndMarksBinary() throws IOException {
    List<Change> changes =
        workspaces.diff(fixture.snapshot(fixture.first), fixture.snapshot(fixture.second));

    DiffStat.Summary summary = new DiffStat(workspaces).stat(changes);

    assertThat(summary.files())
        .extracting(f -> f.change().path() + " " + f.binary() + " +" + f.insertions() + " -"
            + f.deletions())
        .containsExactly(
            "README.md false +1 -0",
            "data.bin true +0 -0",
            "src/main/App.java false +0 -1",
            "src/util/Util.java false +2 -0");
    assertThat(summary.insertions()).isEqualTo(3);
    assertThat(summary.deletions()).isEqualTo(1);
  }

  @Test
  void format_ofTwoCommits_looksLikeGitStat() throws IOException {
    List<Change> changes =
        workspaces.diff(fixture.snapshot(fixture.first), fixture.snapshot(fixture.second));

    List<String> lines = DiffStat.format(new DiffStat(workspaces).stat(changes));

    assertThat(lines)
        .containsExactly(
            " README.md          |   1 +",
            " data.bin           | Bin 5 -> 3 bytes",
            " src/main/App.java  |   1 -",
            " src/util/Util.java |   2 ++",
            " 4 files changed, 3 insertions(+), 1 deletion(-)");
  }

  @Test
  void status_symlinkBecomesFile_isTypeChange() {
    var link = new dev.helios.engine.vst.DirEntry(
        "x", dev.helios.engine.vst.EntryKind.SYMLINK, dev.helios.engine.hash.Hash.fromBytes(
            new byte[32]), 1);
    var file = new dev.helios.engine.vst.DirEntry(
        "x", dev.helios.engine.vst.EntryKind.EXECUTABLE, dev.helios.engine.hash.Hash.fromBytes(
            new byte[32]), 1);

    assertThat(DiffStat.status(new Change(Change.Type.MODIFIED, "x", link, file))).isEqualTo('T');
  }

  @Test
  void totals_onlyInsertions_leavesOutDeletions() {
    assertThat(DiffStat.totals(1, 2, 0)).isEqualTo(" 1 file changed, 2 insertions(+)");
    assertThat(DiffStat.totals(2, 0, 0))
        .isEqualTo(" 2 files changed, 0 insertions(+), 0 deletions(-)");
  }
}
