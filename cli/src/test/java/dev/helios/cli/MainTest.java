package dev.helios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void run_version_printsProjectVersionAndJava() {
    int code = run("--version");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("helios ").contains("Java ").doesNotContain("unknown");
  }

  @Test
  void run_noCommand_printsUsageAndReturnsTwo() {
    int code = run();

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: helios").contains("benchmark");
  }

  @Test
  void run_unknownOption_returnsTwoWithMessage() {
    int code = run("--no-such-option");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void benchmark_unknownSuite_printsOneLineAndReturnsTwo() {
    int code = run("benchmark", "--suite", "nope");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("helios: unknown suite 'nope'").doesNotContain("\n");
  }

  @Test
  void benchmark_help_listsSuites() {
    int code = run("benchmark", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--suite").contains("--json");
  }
}
