package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCountersTest {
  private static final String IO =
      "rchar: 5253836\nwchar: 5242974\nsyscr: 23\nsyscw: 8\nread_bytes: 73728\n"
          + "write_bytes: 5259264\ncancelled_write_bytes: 0\n";

  @Test
  void parsesIoAndAddsOwnAndReapedChildrenCpuTicks() {
    // A command name with a space and a parenthesis; utime 7, stime 3, cutime 40, cstime 50.
    String stat = "11211 (my (sh)) S 11207 11207 10332 0 -1 4194304 85 415 0 1 7 3 40 50 20 0 1 0";

    ProcessCounters c = ProcessCounters.parse(IO, stat);

    assertThat(c)
        .isEqualTo(new ProcessCounters(5253836, 5242974, 23, 8, 73728, 5259264, 1000));
  }

  @Test
  void differenceAndSumAreFieldByField() {
    ProcessCounters a = new ProcessCounters(10, 20, 3, 4, 50, 60, 70);
    ProcessCounters b = new ProcessCounters(1, 2, 1, 1, 5, 6, 7);

    assertThat(a.minus(b)).isEqualTo(new ProcessCounters(9, 18, 2, 3, 45, 54, 63));
    assertThat(a.minus(b).plus(b)).isEqualTo(a);
  }

  @Test
  void incompleteTextIsRefused() {
    assertThatThrownBy(() -> ProcessCounters.parse("rchar: 1\n", "1 (x) S 0 0 0 0 0 0 0 0 0 0 1 1 1 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wchar");
    assertThatThrownBy(() -> ProcessCounters.parse(IO, "no parenthesis"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void figureStatistics() {
    Figure odd = new Figure("w", "bytes", List.of(5.0, 1.0, 3.0));
    Figure even = new Figure("w", "bytes", List.of(4.0, 1.0, 3.0, 10.0));

    assertThat(odd.median()).isEqualTo(3.0);
    assertThat(odd.min()).isEqualTo(1.0);
    assertThat(odd.max()).isEqualTo(5.0);
    assertThat(even.median()).isEqualTo(3.5);
    assertThat(odd.values()).containsExactly(5.0, 1.0, 3.0);
  }
}
