package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.hash.Hash;
import dev.helios.git.RepositoryName;
import dev.helios.git.server.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCache;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCacheConfig;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helios log} on a data directory holding a repository with two commits. */
@Tag("integration")
class LogCommandTest {
  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = Cli.withRepository(dir);
  }

  @Test
  void log_default_isOneLinePerCommitNewestFirst() {
    String out = cli.ok("log", "team/app");

    assertThat(out.lines().toList())
        .containsExactly(
            cli.second.abbreviate(7).name() + " second commit",
            cli.first.abbreviate(7).name() + " first commit");
  }

  @Test
  void log_revisionAndLimit_startsThereAndStops() {
    assertThat(cli.ok("log", "team/app", "v1").lines()).hasSize(1);
    assertThat(cli.ok("log", "team/app", "-n", "1").lines().toList())
        .containsExactly(cli.second.abbreviate(7).name() + " second commit");
  }

  @Test
  void log_json_hasCommitSnapshotAuthorDateSubjectParents() throws Exception {
    JsonNode log = new ObjectMapper().readTree(cli.ok("log", "team/app", "--json"));

    assertThat(log).hasSize(2);
    JsonNode top = log.get(0);
    assertThat(top.get("commit").asText()).isEqualTo(cli.second.name());
    assertThat(top.get("snapshot").asText()).matches("[0-9a-f]{64}");
    assertThat(top.get("author").asText()).isEqualTo("Ada Tester <ada@example.com>");
    assertThat(top.get("date").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(top.get("subject").asText()).isEqualTo("second commit");
    assertThat(top.get("parents").get(0).asText()).isEqualTo(cli.first.name());
  }

  @Test
  void log_missingRepository_failsWithOneLine() {
    assertThat(cli.run("log", "team/nope")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("helios: repository 'team/nope' does not exist\n");
  }

  @Test
  void log_badRevision_failsNamingIt() {
    assertThat(cli.run("log", "team/app", "nosuch")).isEqualTo(1);
    assertThat(cli.err()).contains("no revision 'nosuch' in repository 'team/app'");
  }

  @Test
  void help_showsAnExample() {
    assertThat(cli.run("log", "--help")).isZero();
    assertThat(cli.out()).contains("Example:").contains("helios log");
  }

  /**
   * Runs {@code helios} commands on a data directory holding repository {@code team/app}: commit
   * {@link #first} (tag v1) with a file, an executable, a symlink, a gitlink and a nested
   * directory, and {@link #second} on {@code main}, which changes README, deletes src/a.txt and
   * adds src/b.txt.
   */
  static final class Cli {
    static final RepositoryName NAME = RepositoryName.parse("team/app");
    static final Instant TIME = Instant.ofEpochSecond(1_700_000_000);

    final Path data;
    ObjectId first;
    ObjectId second;
    Set<Hash> packChunks;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Cli(Path data) {
      this.data = data;
    }

    static Cli withRepository(Path dir) throws IOException {
      Cli cli = new Cli(dir.resolve("data"));
      try (DataDirectory d = DataDirectory.open(cli.data, SyncPolicy.WAL, 0);
          Repository repository = d.repositories().create(NAME)) {
        Set<Hash> before = chunks(d);
        Map<String, Object[]> one = new LinkedHashMap<>();
        one.put("README", new Object[] {FileMode.REGULAR_FILE, "hello\n"});
        one.put("run.sh", new Object[] {FileMode.EXECUTABLE_FILE, "#!/bin/sh\necho hi\n"});
        one.put("link", new Object[] {FileMode.SYMLINK, "README"});
        one.put("sub", new Object[] {FileMode.GITLINK, "0123456789abcdef0123456789abcdef01234567"});
        one.put("src/a.txt", new Object[] {FileMode.REGULAR_FILE, "a\n"});
        Map<String, Object[]> two = new LinkedHashMap<>(one);
        two.put("README", new Object[] {FileMode.REGULAR_FILE, "hello\nworld\n"});
        two.remove("src/a.txt");
        two.put("src/b.txt", new Object[] {FileMode.REGULAR_FILE, "b\nb\n"});
        try (ObjectInserter in = repository.newObjectInserter()) {
          cli.first = commit(in, one, "first commit\n");
          cli.second = commit(in, two, "second commit\n", cli.first);
          in.flush();
        }
        Set<Hash> after = chunks(d);
        after.removeAll(before);
        cli.packChunks = after;
        update(repository, Constants.R_HEADS + "main", cli.second);
        update(repository, Constants.R_TAGS + "v1", cli.first);
      }
      return cli;
    }

    /** Deletes the chunks the pack was written to, and forgets what JGit cached of it. */
    void deletePack() throws IOException {
      try (DataDirectory d = DataDirectory.open(data, SyncPolicy.WAL, 0)) {
        d.storage().chunks().delete(packChunks);
      }
      DfsBlockCache.reconfigure(new DfsBlockCacheConfig());
    }

    int run(String... args) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      List<String> all = new ArrayList<>(List.of(args));
      if (!List.of(args).contains("--help")) {
        all.add("--data");
        all.add(data.toString());
      }
      return Main.run(
          all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    String ok(String... args) {
      assertThat(run(args)).as("%s: %s", String.join(" ", args), err).isZero();
      return out.toString();
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    private static Set<Hash> chunks(DataDirectory d) throws IOException {
      Set<Hash> all = new HashSet<>();
      d.storage().chunks().forEachHash(all::add);
      return all;
    }

    private static void update(Repository repository, String ref, ObjectId id) throws IOException {
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(id);
      update.update();
    }

    private static ObjectId commit(
        ObjectInserter in, Map<String, Object[]> files, String message, ObjectId... parents)
        throws IOException {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Map.Entry<String, Object[]> f : files.entrySet()) {
        FileMode mode = (FileMode) f.getValue()[0];
        String content = (String) f.getValue()[1];
        DirCacheEntry e = new DirCacheEntry(f.getKey());
        e.setFileMode(mode);
        e.setObjectId(mode == FileMode.GITLINK
            ? ObjectId.fromString(content)
            : in.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
        builder.add(e);
      }
      builder.finish();
      PersonIdent who = new PersonIdent("Ada Tester", "ada@example.com", TIME, ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(in));
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      commit.setParentIds(parents);
      return in.insert(commit);
    }
  }
}
