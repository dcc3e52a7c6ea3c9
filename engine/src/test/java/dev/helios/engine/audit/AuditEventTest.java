package dev.helios.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void new_details_copiedSortedAndUnmodifiable() {
    Map<String, String> details = new HashMap<>();
    details.put("b", "2");
    details.put("a", "1");

    AuditEvent event = new AuditEvent("alice", "push", "app", details);
    details.put("c", "3");

    assertThat(event.details()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThatThrownBy(() -> event.details().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_blankActorOrAction_throwsIllegalArgument() {
    assertThatThrownBy(() -> AuditEvent.of(" ", "push", "app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor");
    assertThatThrownBy(() -> AuditEvent.of("alice", "", "app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action");
  }

  @Test
  void new_nullDetailValue_throwsNullPointerNamingTheKey() {
    Map<String, String> details = new HashMap<>();
    details.put("ref", null);

    assertThatThrownBy(() -> new AuditEvent("alice", "push", "app", details))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("ref");
  }
}
