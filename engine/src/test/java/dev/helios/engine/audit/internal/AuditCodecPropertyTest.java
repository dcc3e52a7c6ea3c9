package dev.helios.engine.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.audit.AuditEvent;
import dev.helios.engine.audit.AuditRecord;
import dev.helios.engine.hash.Hash;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AuditCodecPropertyTest {

  @Property(tries = 100, seed = "42")
  void decode_encoded_returnsTheSameRecord(
      @ForAll @LongRange(min = 1) long sequence,
      @ForAll @LongRange(min = -1_000_000_000L, max = 10_000_000_000L) long seconds,
      @ForAll @IntRange(max = 999_999_999) int nanos,
      @ForAll @NotBlank String actor,
      @ForAll @NotBlank String action,
      @ForAll String target,
      @ForAll @Size(max = 5) Map<String, String> details,
      @ForAll @Size(value = 32) byte[] previous) {
    AuditEvent event = new AuditEvent(actor, action, target, details);
    AuditRecord record =
        AuditCodec.seal(
            sequence, Instant.ofEpochSecond(seconds, nanos), event, Hash.fromBytes(previous));

    AuditRecord decoded = AuditCodec.decode(AuditCodec.encode(record));

    assertThat(decoded).isEqualTo(record);
  }

  @Property(tries = 50, seed = "43")
  void hash_anyFieldChanged_changesTheHash(
      @ForAll @NotBlank String actor, @ForAll String target, @ForAll String suffix) {
    Instant time = Instant.ofEpochSecond(1_700_000_000L);
    AuditEvent event = AuditEvent.of(actor, "push", target);
    // Moving a character between adjacent fields must not collide (length-prefixed encoding).
    AuditEvent shifted = AuditEvent.of(actor + "x", "push", target);
    AuditEvent longer = AuditEvent.of(actor, "push", target + suffix + "!");

    Hash base = AuditCodec.hash(1, time, event, Hash.fromBytes(new byte[32]));

    assertThat(AuditCodec.hash(2, time, event, Hash.fromBytes(new byte[32]))).isNotEqualTo(base);
    assertThat(AuditCodec.hash(1, time.plusNanos(1), event, Hash.fromBytes(new byte[32])))
        .isNotEqualTo(base);
    assertThat(AuditCodec.hash(1, time, shifted, Hash.fromBytes(new byte[32]))).isNotEqualTo(base);
    assertThat(AuditCodec.hash(1, time, longer, Hash.fromBytes(new byte[32]))).isNotEqualTo(base);
  }

  @Property(tries = 300, seed = "44")
  void decode_truncated_throwsIllegalArgument(@ForAll @IntRange(min = 0, max = 60) int cut) {
    AuditRecord record =
        AuditCodec.seal(
            7,
            Instant.ofEpochSecond(5),
            new AuditEvent("a", "b", "c", Map.of("k", "v")),
            Hash.fromBytes(new byte[32]));
    byte[] encoded = AuditCodec.encode(record);
    byte[] truncated = Arrays.copyOf(encoded, Math.max(0, encoded.length - 1 - cut));

    assertThatThrownBy(() -> AuditCodec.decode(truncated))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_unknownVersion_throwsNamingIt() {
    byte[] encoded =
        AuditCodec.encode(
            AuditCodec.seal(1, Instant.EPOCH, AuditEvent.of("a", "b", "c"), Hash.fromBytes(new byte[32])));
    encoded[0] = 2;

    assertThatThrownBy(() -> AuditCodec.decode(encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void encodeHead_roundTrips() {
    Hash hash = Hash.fromBytes(new byte[32]);

    byte[] head = AuditCodec.encodeHead(42, hash);

    assertThat(AuditCodec.headSequence(head)).isEqualTo(42);
    assertThat(AuditCodec.headHash(head)).isEqualTo(hash);
  }
}
