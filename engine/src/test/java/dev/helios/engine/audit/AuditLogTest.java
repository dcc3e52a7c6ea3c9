package dev.helios.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.audit.internal.AuditCodec;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KeyValueStores;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

  private final KeyValueStore store = KeyValueStores.inMemory();
  private final AuditLog log = new AuditLog(store, Clock.fixed(T0, ZoneOffset.UTC));

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void append_emptyLog_startsAtOneLinkedToGenesis() throws IOException {
    AuditRecord record = log.append(event(1));

    assertThat(record.sequence()).isEqualTo(1);
    assertThat(record.previous()).isEqualTo(AuditLog.GENESIS);
    assertThat(record.time()).isEqualTo(T0);
    assertThat(record.hash())
        .isEqualTo(AuditCodec.hash(1, T0, event(1), AuditLog.GENESIS));
  }

  @Test
  void append_second_linksToFirstHash() throws IOException {
    AuditRecord first = log.append(event(1));

    AuditRecord second = log.append(event(2));

    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previous()).isEqualTo(first.hash());
    assertThat(second.hash()).isNotEqualTo(first.hash());
  }

  @Test
  void tail_fewerRecordsThanAsked_returnsAllOldestFirst() throws IOException {
    appendEvents(3);

    List<AuditRecord> tail = log.tail(10);

    assertThat(tail).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
    assertThat(tail.get(0).event()).isEqualTo(event(1));
  }

  @Test
  void tail_someOfMany_returnsLatestOldestFirst() throws IOException {
    appendEvents(7);

    List<AuditRecord> tail = log.tail(3);

    assertThat(tail).extracting(AuditRecord::sequence).containsExactly(5L, 6L, 7L);
  }

  @Test
  void tail_emptyLog_returnsEmpty() throws IOException {
    assertThat(log.tail(5)).isEmpty();
    assertThat(log.tail(0)).isEmpty();
  }

  @Test
  void range_fromMiddle_returnsAtMostLimit() throws IOException {
    appendEvents(10);

    List<AuditRecord> range = log.range(4, 3);

    assertThat(range).extracting(AuditRecord::sequence).containsExactly(4L, 5L, 6L);
  }

  @Test
  void range_runningPastTheEnd_stopsAtTheLastRecord() throws IOException {
    appendEvents(5);

    assertThat(log.range(4, 100)).extracting(AuditRecord::sequence).containsExactly(4L, 5L);
    assertThat(log.range(6, 100)).isEmpty();
    assertThat(log.range(Long.MAX_VALUE, Integer.MAX_VALUE)).isEmpty();
  }

  @Test
  void range_badArguments_throwIllegalArgument() {
    assertThatThrownBy(() -> log.range(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.range(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.tail(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readBack_recordsEqualWhatAppendReturned() throws IOException {
    AuditRecord appended =
        log.append(new AuditEvent("alice", "push", "team/app", Map.of("ref", "refs/heads/main")));

    assertThat(log.range(1, 1)).containsExactly(appended);
  }

  @Test
  void verify_emptyLog_ok() throws IOException {
    AuditLog.VerifyResult result = log.verify();

    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isZero();
  }

  @Test
  void verify_intactChain_okWithEveryRecordChecked() throws IOException {
    appendEvents(20);

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.ok()).as(result.problem()).isTrue();
    assertThat(result.checked()).isEqualTo(20);
  }

  @Test
  void verify_recordBytesRewritten_namesThatSequence() throws IOException {
    appendEvents(6);
    AuditRecord original = log.range(4, 1).get(0);
    AuditRecord forged =
        new AuditRecord(
            4, original.time(), event(99), original.previous(), original.hash());
    store.write(new KvBatch().put(recordKey(4), AuditCodec.encode(forged)));

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.firstBroken()).isEqualTo(OptionalLong.of(4));
    assertThat(result.checked()).isEqualTo(3);
    assertThat(result.problem()).contains("record 4").contains("hashes to");
  }

  @Test
  void verify_rewrittenWithRecomputedHash_namesTheNextRecord() throws IOException {
    appendEvents(6);
    AuditRecord original = log.range(4, 1).get(0);
    AuditRecord forged = AuditCodec.seal(4, original.time(), event(99), original.previous());
    store.write(new KvBatch().put(recordKey(4), AuditCodec.encode(forged)));

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.firstBroken()).isEqualTo(OptionalLong.of(5));
    assertThat(result.problem()).contains("links to");
  }

  @Test
  void verify_lastRecordRewrittenWithRecomputedHash_namesItThroughTheHead() throws IOException {
    appendEvents(3);
    AuditRecord original = log.range(3, 1).get(0);
    AuditRecord forged = AuditCodec.seal(3, original.time(), event(99), original.previous());
    store.write(new KvBatch().put(recordKey(3), AuditCodec.encode(forged)));

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.firstBroken()).isEqualTo(OptionalLong.of(3));
    assertThat(result.problem()).contains("chain head");
  }

  @Test
  void verify_recordDeleted_namesIt() throws IOException {
    appendEvents(5);
    store.write(new KvBatch().delete(recordKey(2)));

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.firstBroken()).isEqualTo(OptionalLong.of(2));
    assertThat(result.problem()).contains("missing");
  }

  @Test
  void verify_garbageBytes_namesTheRecordAsMalformed() throws IOException {
    appendEvents(3);
    store.write(new KvBatch().put(recordKey(1), new byte[] {1, 2, 3}));

    AuditLog.VerifyResult result = log.verify();

    assertThat(result.firstBroken()).isEqualTo(OptionalLong.of(1));
    assertThat(result.problem()).contains("malformed");
  }

  @Test
  void range_garbageBytes_throwsStoreExceptionNamingTheRecord() throws IOException {
    appendEvents(3);
    store.write(new KvBatch().put(recordKey(2), new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> log.tail(3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("audit record 2");
  }

  @Test
  void append_afterReopen_continuesTheChain() throws IOException {
    AuditRecord first = log.append(event(1));
    AuditLog reopened = new AuditLog(store, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    AuditRecord second = reopened.append(event(2));

    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previous()).isEqualTo(first.hash());
    assertThat(reopened.verify().ok()).isTrue();
  }

  @Test
  void keys_recordsScanInSequenceOrder() throws IOException {
    appendEvents(300);

    List<KeyValueStore.Entry> entries =
        store.scan("audit/r/".getBytes(StandardCharsets.US_ASCII), Integer.MAX_VALUE);

    assertThat(entries).hasSize(300);
    for (int i = 0; i < entries.size(); i++) {
      assertThat(AuditCodec.decode(entries.get(i).value()).sequence()).isEqualTo(i + 1L);
    }
  }

  @Test
  void genesis_isThirtyTwoZeroBytes() {
    assertThat(AuditLog.GENESIS).isEqualTo(Hash.fromBytes(new byte[32]));
  }

  private void appendEvents(int n) throws IOException {
    for (int i = 1; i <= n; i++) {
      log.append(event(i));
    }
  }

  static AuditEvent event(int i) {
    return new AuditEvent("user" + i, "push", "repo" + i, Map.of("n", Integer.toString(i)));
  }

  static byte[] recordKey(long sequence) {
    return ByteBuffer.allocate(16)
        .put("audit/r/".getBytes(StandardCharsets.US_ASCII))
        .putLong(sequence)
        .array();
  }
}
