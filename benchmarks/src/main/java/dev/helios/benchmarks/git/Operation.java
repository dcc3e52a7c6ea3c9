package dev.helios.benchmarks.git;

/** The timed operations, in the order each repetition runs them. */
enum Operation {
  CLONE_V2("clone-v2", "full clone, protocol v2"),
  CLONE_V0("clone-v0", "full clone, protocol v0"),
  FETCH_NOOP("fetch-noop", "no-op fetch"),
  PUSH("push-10", "push of 10 commits"),
  FETCH_INCREMENTAL("fetch-incremental", "incremental fetch (10 new commits)"),
  CLONE_CONCURRENT("clone-concurrent", "concurrent clones, wall time for all");

  private final String key;
  private final String label;

  Operation(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** Stable key for the JSON output. */
  String key() {
    return key;
  }

  /** Row heading for the Markdown table. */
  String label() {
    return label;
  }
}
