package dev.helios.benchmarks.compare;

import dev.helios.benchmarks.git.GitClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a workload runs with.
 *
 * @param scale the size of the work
 * @param repeat how many repetitions of each side (the figures are their median, min and max)
 * @param workDir an empty directory of this workload's own, removed afterwards unless kept
 * @param tools git and the Helios side's JVM
 * @param source the repository that push, ci-checkout, fork-network and clone start from
 * @param progress where to say what is happening
 */
public record WorkloadContext(
    Scale scale, int repeat, Path workDir, Tools tools, SourceRepository source, Progress progress) {

  /** A git client with its private HOME and logs under {@code dir}. */
  public GitClient git(Path dir) throws IOException {
    return new GitClient(dir);
  }

  /** Reports a step of workload {@code name}. */
  public void step(String name, String what) {
    progress.step(name, what);
  }
}
