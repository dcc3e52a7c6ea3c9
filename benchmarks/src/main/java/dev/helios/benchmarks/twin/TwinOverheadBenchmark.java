package dev.helios.benchmarks.twin;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.git.RepositoryName;
import dev.helios.git.storage.RepositoryInfo;
import dev.helios.git.storage.RepositoryStore;
import dev.helios.git.twin.GitTwins;
import dev.helios.git.twin.TwinProblem;
import dev.helios.git.twin.TwinReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;

/**
 * How many bytes do the BLAKE3 twins of a real repository add, against the size of its pack?
 * Imports a Git bundle into a fresh RocksDB data directory, builds the twins, and prints the
 * pack size, the bytes the twins added (nodes, kept raw objects and index entries, as handed to
 * the store) and the data directory's growth on disk; then times a full recomputation ({@code
 * helios verify --full}'s twin check). Usage: {@code TwinOverheadBenchmark BUNDLE [DIR]}.
 */
public final class TwinOverheadBenchmark {
  private TwinOverheadBenchmark() {}

  /** Runs it; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: TwinOverheadBenchmark BUNDLE [PARENT-DIR]");
    }
    Path bundle = Path.of(args[0]).toAbsolutePath();
    Path parent = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
    Path dir = Files.createTempDirectory(parent, "twins");
    RepositoryName name = RepositoryName.parse("bench");
    try (Storage storage =
            Storage.open(StorageOptions.builder(dir).build(), CacheOptions.builder().build());
        RepositoryStore repositories =
            new RepositoryStore(storage, RepositoryStore.Options.builder().autoGcPushThreshold(0).build())) {
      try (Repository repository = repositories.create(name);
          Transport transport =
              new TransportBundleStream(
                  repository, new URIish(bundle.toUri().toURL()), Files.newInputStream(bundle))) {
        FetchResult result = transport.fetch(
            org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE,
            List.of(new RefSpec("+refs/*:refs/*")));
        System.out.printf("imported %d refs from %s%n", result.getTrackingRefUpdates().size(), bundle);
      }
      repositories.gc(name);
      RepositoryInfo info =
          repositories.list().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
      long diskBefore = diskBytes(dir);
      GitTwins twins = repositories.twins();
      TwinReport report = twins.build(name);
      long diskAfter = diskBytes(dir);
      long start = System.nanoTime();
      List<TwinProblem> problems = twins.check(name, 10);
      long checkMillis = (System.nanoTime() - start) / 1_000_000;
      long pack = info.packBytes();
      System.out.printf("pack bytes                 %,d%n", pack);
      System.out.printf("objects twinned            %,d (blobs %,d, trees %,d, commits %,d, tags %,d; raw kept %,d)%n",
          report.objects(), report.blobs(), report.trees(), report.commits(), report.tags(), report.rawKept());
      System.out.printf("twin nodes + raw bytes     %,d%n", report.nodeBytes());
      System.out.printf("index bytes (keys+values)  %,d%n", report.indexBytes());
      System.out.printf("twins added, logical       %,d = %.1f %% of the pack%n",
          report.bytesAdded(), 100.0 * report.bytesAdded() / pack);
      System.out.printf("data directory growth      %,d bytes on disk (before compaction)%n", diskAfter - diskBefore);
      System.out.printf("build                      %,d ms%n", report.millis());
      System.out.printf("check (verify --full)      %,d ms, %d problems%n", checkMillis, problems.size());
    } finally {
      deleteTree(dir);
    }
  }

  private static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
