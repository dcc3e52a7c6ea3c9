package dev.helios.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryStore;
import dev.helios.migrate.internal.MigrationState;
import dev.helios.migrate.internal.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class MigratorTest {
  @TempDir Path dir;
  Storage storage;
  RepositoryStore repositories;

  @BeforeEach
  void open() throws Exception {
    storage = Storage.open(StorageOptions.builder(dir.resolve("data")).build(), CacheOptions.builder().build());
    repositories = new RepositoryStore(storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build());
  }

  @AfterEach
  void close() throws Exception {
    repositories.close();
    storage.close();
  }

  static MigrationOptions options() {
    return new MigrationOptions(2, List.of(), List.of(), false, false, null);
  }

  Path source(String name) throws Exception {
    Path path = dir.resolve("sources").resolve(name + ".git");
    try (SourceFixture f = SourceFixture.bare(path, name.hashCode())) {
      f.commits("main", 30, 20);
      f.tag("v1");
      f.commits("feature", 3, 20);
      f.setRef("refs/pull/1/head", f.head());
      f.setRef("refs/notes/commits", f.head());
    }
    return path;
  }

  Map<String, ObjectId> refs(String name) throws Exception {
    try (Repository r = repositories.open(RepositoryName.parse(name)).orElseThrow()) {
      Map<String, ObjectId> refs = new java.util.TreeMap<>();
      for (Ref ref : r.getRefDatabase().getRefsByPrefix("refs/")) {
        refs.put(ref.getName(), ref.getObjectId());
      }
      return refs;
    }
  }

  Map<String, ObjectId> sourceRefs(Path gitDir) throws Exception {
    try (Repository r = new org.eclipse.jgit.internal.storage.file.FileRepository(gitDir.toFile())) {
      Map<String, ObjectId> refs = new java.util.TreeMap<>();
      for (Ref ref : r.getRefDatabase().getRefsByPrefix("refs/")) {
        refs.put(ref.getName(), ref.getObjectId());
      }
      return refs;
    }
  }

  @Test
  void run_localBareRepository_copiesEveryRefAndHead() throws Exception {
    Path src = source("app");

    MigrationReport report = Migrator.into(repositories, options()).run(List.of(Sources.parse(src.toString(), null)), new MigrationListener() {});

    RepositoryResult result = report.repositories().get(0);
    assertThat(result.failure()).isNull();
    assertThat(result.status()).isEqualTo(RepositoryResult.Status.DONE);
    assertThat(result.target().name().value()).isEqualTo("app");
    assertThat(result.verify()).isEqualTo("refs+objects+twins");
    assertThat(refs("app")).isEqualTo(sourceRefs(src)).containsKeys("refs/pull/1/head", "refs/notes/commits", "refs/tags/v1");
    try (Repository r = repositories.open(RepositoryName.parse("app")).orElseThrow()) {
      assertThat(r.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
    }
  }

  @Test
  void run_workTreeAndFileUrl_bothDone() throws Exception {
    Path work = dir.resolve("sources/work");
    try (SourceFixture f = SourceFixture.workTree(work, 7)) {
      f.commits("main", 10, 5);
    }
    Path bare = source("lib");

    MigrationReport report =
        Migrator.into(repositories, new MigrationOptions(2, List.of(), List.of(), false, true, null))
            .run(List.of(Sources.parse(work.toString(), null), Sources.parse(bare.toUri().toString(), "team/lib")), new MigrationListener() {});

    assertThat(report.repositories()).extracting(RepositoryResult::failure).containsOnlyNulls();
    assertThat(report.done()).isEqualTo(2);
    assertThat(report.repositories().get(1).verify()).endsWith("+full");
    assertThat(refs("work")).isEqualTo(sourceRefs(work.resolve(".git")));
    assertThat(refs("team/lib")).isEqualTo(sourceRefs(bare));
  }

  @Test
  void run_jqBundle_done() throws Exception {
    Path bundle = Path.of(System.getProperty("helios.testdata", "../../shared/testdata"), "jq.bundle");
    assertThat(bundle).exists();

    MigrationReport report = Migrator.into(repositories, options()).run(List.of(Sources.parse(bundle.toString(), null)), new MigrationListener() {});

    RepositoryResult result = report.repositories().get(0);
    assertThat(result.failure()).isNull();
    assertThat(result.target().name().value()).isEqualTo("jq");
    assertThat(result.refs()).isPositive();
    assertThat(result.objects()).isPositive();
    assertThat(result.sourceBytes()).isEqualTo(Files.size(bundle));
    System.out.printf("jq.bundle: %d refs, %d objects, %d pack bytes, %d new bytes, %d ms%n",
        result.refs(), result.objects(), result.storedBytes(), result.newBytes(), result.millis());
  }

  @Test
  void run_includeExclude_copiesOnlyMatchingRefs() throws Exception {
    Path src = source("filtered");
    MigrationOptions options = new MigrationOptions(1, List.of("refs/heads/*", "refs/tags/*", "refs/pull/*"), List.of("refs/pull/*"), false, false, null);

    MigrationReport report = Migrator.into(repositories, options).run(List.of(Sources.parse(src.toString(), null)), new MigrationListener() {});

    assertThat(report.succeeded()).isTrue();
    assertThat(refs("filtered")).containsOnlyKeys("refs/heads/main", "refs/heads/feature", "refs/tags/v1");
  }

  @Test
  void run_manifestWithBadSources_failsThoseOnly() throws Exception {
    Path good = source("good");
    Path manifest = dir.resolve("manifest.txt");
    Files.writeString(manifest, String.join("\n",
        "# sources",
        good + " renamed",
        "",
        dir.resolve("missing.git") + "   # not there",
        "http://127.0.0.1:1/nothing.git",
        dir.resolve("broken.bundle").toString()));
    Files.writeString(dir.resolve("broken.bundle"), "not a bundle\n");

    MigrationReport report = Migrator.into(repositories, options()).run(Sources.manifest(manifest), new MigrationListener() {});

    assertThat(report.succeeded()).isFalse();
    assertThat(report.done()).isEqualTo(1);
    assertThat(report.repositories()).extracting(RepositoryResult::status).containsExactly(
        RepositoryResult.Status.DONE, RepositoryResult.Status.FAILED, RepositoryResult.Status.FAILED, RepositoryResult.Status.FAILED);
    assertThat(report.repositories().get(1).failure()).isEqualTo("no repository at " + dir.resolve("missing.git"));
    assertThat(report.repositories().get(2).failure()).startsWith("cannot reach http://127.0.0.1:1/nothing.git");
    assertThat(report.repositories().get(3).failure()).startsWith("cannot read bundle");
    assertThat(repositories.open(RepositoryName.parse("missing"))).isEmpty();
  }

  @Test
  void run_shallowSource_refusedUnlessAllowed() throws Exception {
    Path src = source("shallow");
    ObjectId tip = sourceRefs(src).get("refs/heads/main");
    Files.writeString(src.resolve("shallow"), tip.name() + "\n");
    MigrationTarget target = Sources.parse(src.toString(), null);

    MigrationReport refused = Migrator.into(repositories, options()).run(List.of(target), new MigrationListener() {});
    boolean createdWhenRefused = repositories.open(target.name()).isPresent();
    MigrationReport accepted = Migrator.into(repositories, new MigrationOptions(1, List.of(), List.of(), true, false, null))
        .run(List.of(target), new MigrationListener() {});

    assertThat(refused.repositories().get(0).failure()).isEqualTo("source is shallow (1 shallow commits); use --allow-incomplete");
    assertThat(createdWhenRefused).isFalse();
    assertThat(accepted.repositories().get(0).failure()).isNull();
    assertThat(accepted.done()).isEqualTo(1);
  }

  @Test
  void run_afterKilledRun_restartsCleanThenSkips() throws Exception {
    Path src = source("resumed");
    MigrationTarget target = Sources.parse(src.toString(), null);
    // A run killed half-way: state "importing" and a repository holding only part of the refs.
    try (Repository half = repositories.create(target.name())) {
      // created, nothing fetched yet
    }
    StateStore.meta(storage.meta()).put(target.name(), new MigrationState(src.toString(), MigrationState.IMPORTING, null, null));

    MigrationReport second = Migrator.into(repositories, options()).run(List.of(target), new MigrationListener() {});
    MigrationReport third = Migrator.into(repositories, options()).run(List.of(target), new MigrationListener() {});

    assertThat(second.repositories().get(0).failure()).isNull();
    assertThat(second.done()).isEqualTo(1);
    assertThat(refs("resumed")).isEqualTo(sourceRefs(src));
    assertThat(third.skipped()).isEqualTo(1);
    assertThat(StateStore.meta(storage.meta()).get(target.name()).orElseThrow().status()).isEqualTo(MigrationState.DONE);
  }

  @Test
  void run_existingRepositoryNotMigrated_failsWithoutTouchingIt() throws Exception {
    Path src = source("taken");
    repositories.create(RepositoryName.parse("taken")).close();

    MigrationReport report = Migrator.into(repositories, options()).run(List.of(Sources.parse(src.toString(), null)), new MigrationListener() {});

    assertThat(report.repositories().get(0).failure()).contains("already exists and was not created by a migration");
  }
}
