package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instrument itself, on real processes: what a child tree writes is what it reports. */
class MeterTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void countsWhatAGrandchildWritesAfterItIsReaped() throws Exception {
    // sh -> sh -> dd: the bytes are written two levels down and still reach the wrapper.
    Meter.Run run =
        Meter.run(
            List.of("sh", "-c", "dd if=/dev/zero of=out bs=1M count=3 conv=fsync 2>/dev/null"),
            dir,
            dir.resolve("log"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.counters().wchar()).isGreaterThanOrEqualTo(3L * MIB);
    assertThat(run.counters().syscw()).isGreaterThanOrEqualTo(3);
    // conv=fsync forces the data to the device before dd exits.
    assertThat(run.counters().writeBytes()).isGreaterThanOrEqualTo(3L * MIB);
    assertThat(run.wallNanos()).isPositive();
    assertThat(Files.size(dir.resolve("out"))).isEqualTo(3L * MIB);
  }

  @Test
  void readsAreCountedAsRchar() throws Exception {
    Files.write(dir.resolve("in"), new byte[2 * MIB]);
    Meter.Run run = Meter.run(List.of("sh", "-c", "cat in > /dev/null"), dir, dir.resolve("log"));

    assertThat(run.counters().rchar()).isGreaterThanOrEqualTo(2L * MIB);
    assertThat(run.counters().wchar()).isGreaterThanOrEqualTo(2L * MIB);
  }

  @Test
  void cpuTimeOfTheTreeIsCounted() throws Exception {
    Meter.Run run =
        Meter.run(
            List.of("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"),
            dir,
            dir.resolve("log"));

    assertThat(run.counters().cpuMillis()).isPositive();
  }

  @Test
  void aFailingCommandIsAnErrorThatNamesItsLog() throws IOException {
    Path log = dir.resolve("failing.log");
    assertThatThrownBy(() -> Meter.run(List.of("sh", "-c", "echo broken >&2; exit 3"), dir, log))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining(log.toString());
    assertThat(Files.readString(log)).contains("broken");
  }

  @Test
  void aServerIsMeasuredIncludingTheChildrenItStartsDuringTheWork() throws Exception {
    // A "server" that, when poked through a file, starts a child that writes 1 MiB, then reaps it.
    Path poke = dir.resolve("poke");
    String script =
        "while :; do if [ -e poke ]; then rm poke;"
            + " dd if=/dev/zero of=data bs=64k count=16 2>/dev/null; touch served; fi; sleep 0.01; done";
    Process server = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).start();
    try {
      Meter.Run run =
          Meter.server(
              server.pid(),
              () -> {
                Files.createFile(poke);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.exists(dir.resolve("served")) && System.nanoTime() < deadline) {
                  Thread.sleep(5);
                }
              });

      assertThat(Files.exists(dir.resolve("served"))).isTrue();
      assertThat(run.counters().wchar()).isGreaterThanOrEqualTo(MIB);
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  @Test
  void diskUsageIsWhatDuSays() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a/b"));
    Files.write(a.resolve("x"), new byte[10_000]);
    Files.write(dir.resolve("a/y"), new byte[5]);

    DiskUsage usage = DiskUsage.of(dir.resolve("a"));

    // Apparent size counts the directories' own sizes too, as du -b does.
    assertThat(usage.apparentBytes()).isGreaterThanOrEqualTo(10_005);
    assertThat(usage.allocatedBytes()).isGreaterThanOrEqualTo(8192);
    assertThat(usage.files()).isEqualTo(2);
    assertThat(DiskUsage.of(dir.resolve("missing"))).isEqualTo(new DiskUsage(0, 0, 0));
  }
}
