package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import dev.helios.benchmarks.git.RepositoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository push, ci-checkout, fork-network and clone start from: one the user gives
 * ({@code --repo}) or one generated deterministically for the scale. Made on first use, once;
 * thread-safe.
 */
public final class SourceRepository {
  private static final long SEED = 20_261_128L;

  private final Path given;
  private final Path generated;
  private final int mib;
  private Path path;

  private SourceRepository(Path given, Path generated, int mib) {
    this.given = given;
    this.generated = generated;
    this.mib = mib;
  }

  /** A repository the user gave (bare, or a work tree), used as it is. */
  public static SourceRepository given(Path repository) {
    return new SourceRepository(repository.toAbsolutePath(), null, 0);
  }

  /** A repository generated under {@code dir} on first use: 1, 8 or 32 MiB of packed history. */
  public static SourceRepository generated(Path dir, Scale scale) {
    return new SourceRepository(null, dir.toAbsolutePath(), scale.pick(1, 8, 32));
  }

  /**
   * The repository's path (a bare repository when generated).
   *
   * @throws IOException if it cannot be generated, or the given one is not a repository
   */
  public synchronized Path path() throws IOException, InterruptedException {
    if (path != null) {
      return path;
    }
    if (given != null) {
      if (!Files.isDirectory(given.resolve("objects")) && !Files.isDirectory(given.resolve(".git"))) {
        throw new IOException("--repo " + given + " is not a git repository");
      }
      path = given;
    } else {
      Files.createDirectories(generated);
      Path bare = generated.resolve("source.git");
      RepositoryGenerator.generate(bare, mib, SEED, new GitClient(generated));
      path = bare;
    }
    return path;
  }

  /** One line for the report: what the repository is. */
  public String description() {
    return given != null
        ? "the given repository " + given
        : "a generated repository of about " + mib + " MiB of packed history (seed " + SEED + ")";
  }
}
