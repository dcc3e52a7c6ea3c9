package dev.helios.engine.vst.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.helios.engine.errors.CorruptNodeException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.VstPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NodeCodecTest {
  static final Hash H1 = Blake3.hash(new byte[] {1});
  static final Hash H2 = Blake3.hash(new byte[] {2});

  // ---- round trips ----

  @Test
  void leaf_withEveryKind_roundTrips() throws Exception {
    LeafDir leaf = everyKind();

    byte[] encoded = NodeCodec.encode(leaf);
    Dir decoded = NodeCodec.decodeDir(NodeCodec.address(encoded), encoded);

    assertThat(decoded).isInstanceOf(LeafDir.class);
    assertThat(((LeafDir) decoded).entries())
        .extracting(Entry::toDirEntry)
        .containsExactlyElementsOf(leaf.entries().stream().map(Entry::toDirEntry).toList());
    assertThat(NodeCodec.encode(decoded)).isEqualTo(encoded);
  }

  @Test
  void emptyDirectory_roundTrips() throws Exception {
    byte[] encoded = NodeCodec.encode(LeafDir.empty());

    Dir decoded = NodeCodec.decodeDir(NodeCodec.address(encoded), encoded);

    assertThat(encoded).containsExactly(NodeCodec.FORMAT, 'D', 0);
    assertThat(decoded.count()).isZero();
    assertThat(NodeCodec.address(encoded)).isEqualTo(NodeStore.emptyDirectory());
  }

  @Test
  void unicodeNames_sortByUtf8AndRoundTrip() throws Exception {
    String emoji = "\uD83D\uDE00"; // U+1F600
    String replacement = "\uFFFD";
    assertThat(emoji.compareTo(replacement)).isNegative();
    assertThat(VstPaths.compareNames(emoji, replacement)).isPositive();
    LeafDir leaf =
        new LeafDir(new Entry[] {file("a"), file("é"), file(replacement), file(emoji), file(emoji + "x")});

    byte[] encoded = NodeCodec.encode(leaf);
    LeafDir decoded = (LeafDir) NodeCodec.decodeDir(H1, encoded);

    assertThat(decoded.entries()).extracting(Entry::name)
        .containsExactly("a", "é", replacement, emoji, emoji + "x");
    assertThat(NodeCodec.encode(decoded)).isEqualTo(encoded);
  }

  @Test
  void leaf_inStringCompareToOrder_isRejectedAsOutOfOrder() {
    String emoji = "\uD83D\uDE00";
    byte[] encoded = NodeCodec.encode(new LeafDir(new Entry[] {file(emoji), file("\uFFFD")}));

    assertCorrupt(encoded, "out of order");
  }

  @Test
  void shard_roundTrips() throws Exception {
    ShardDir shard =
        new ShardDir(3, 0x8000_0011, new DirRef[] {ref(H1), ref(H2), ref(H1)}, 1000);

    byte[] encoded = NodeCodec.encode(shard);
    ShardDir decoded = (ShardDir) NodeCodec.decodeDir(H1, encoded);

    assertThat(decoded.depth()).isEqualTo(3);
    assertThat(decoded.count()).isEqualTo(1000);
    assertThat(decoded.bitmap).isEqualTo(0x8000_0011);
    assertThat(decoded.children()).extracting(DirRef::address).containsExactly(H1, H2, H1);
    assertThat(decoded.children()).extracting(DirRef::depth).containsOnly(4);
    assertThat(NodeCodec.encode(decoded)).isEqualTo(encoded);
  }

  @Test
  void snapshot_withMetadataAndParents_roundTrips() throws Exception {
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("z", "last");
    metadata.put("\uD83D\uDE00", "emoji key");
    metadata.put("\uFFFD", "");
    metadata.put("a", "ünïcode välue");
    Snapshot.Draft draft =
        new Snapshot.Draft(H1, List.of(H2, H1), "Ada <ada@example.com>",
            Instant.ofEpochMilli(-123_456_789L), "a message\nwith lines", metadata);

    byte[] encoded = NodeCodec.encodeSnapshot(draft);
    Snapshot decoded = NodeCodec.decodeSnapshot(NodeCodec.address(encoded), encoded);

    assertThat(decoded.id()).isEqualTo(NodeCodec.address(encoded));
    assertThat(decoded.root()).isEqualTo(H1);
    assertThat(decoded.parents()).containsExactly(H2, H1);
    assertThat(decoded.author()).isEqualTo(draft.author());
    assertThat(decoded.time()).isEqualTo(draft.time());
    assertThat(decoded.message()).isEqualTo(draft.message());
    assertThat(decoded.metadata()).isEqualTo(metadata);
    assertThat(reencode(decoded)).isEqualTo(encoded);
    assertThat(((Snapshot) NodeCodec.decode(null, encoded)).id()).isEqualTo(decoded.id());
  }

  @Test
  void snapshot_firstWithNoParentsOrMetadata_roundTrips() throws Exception {
    Snapshot.Draft draft =
        new Snapshot.Draft(H1, List.of(), "", Instant.ofEpochMilli(0), "", Map.of());

    byte[] encoded = NodeCodec.encodeSnapshot(draft);

    assertThat(reencode(NodeCodec.decodeSnapshot(H2, encoded))).isEqualTo(encoded);
  }

  @Test
  void decodeDir_ofSnapshot_andDecodeSnapshot_ofDirectory_throw() {
    byte[] snapshot =
        NodeCodec.encodeSnapshot(new Snapshot.Draft(H1, List.of(), "a", Instant.EPOCH, "m", Map.of()));
    byte[] leaf = NodeCodec.encode(LeafDir.empty());

    assertThatThrownBy(() -> NodeCodec.decodeDir(H1, snapshot))
        .isInstanceOf(CorruptNodeException.class)
        .hasMessageContaining("not a directory node");
    assertThatThrownBy(() -> NodeCodec.decodeSnapshot(H1, leaf))
        .isInstanceOf(CorruptNodeException.class)
        .hasMessageContaining("not a snapshot node");
  }

  // ---- malformations ----

  @Test
  void header_problems_areRejected() {
    assertCorrupt(new byte[0], "too short");
    assertCorrupt(new byte[] {1}, "too short");
    assertCorrupt(new byte[] {2, 'D', 0}, "unknown format version 2");
    assertCorrupt(new byte[] {0, 'D', 0}, "unknown format version 0");
    assertCorrupt(new byte[] {1, 'X', 0}, "unknown node type");
    assertCorrupt(new byte[] {1, 'd', 0}, "unknown node type");
  }

  @Test
  void corrupt_namesTheAddressAndOffset() {
    CorruptNodeException e =
        (CorruptNodeException) catchThrowable(() -> NodeCodec.decode(H1, new byte[] {1, 'D', 0, 9}));

    assertThat(e.node()).isEqualTo(H1);
    assertThat(e).hasMessageContaining(H1.toString()).hasMessageContaining("at byte");
  }

  @Test
  void truncation_atEveryOffset_isRejected() {
    for (byte[] valid : validNodes()) {
      for (int n = 0; n < valid.length; n++) {
        byte[] truncated = Arrays.copyOf(valid, n);
        assertThatThrownBy(() -> NodeCodec.decode(null, truncated))
            .as("%d of %d bytes", n, valid.length)
            .isInstanceOf(CorruptNodeException.class);
      }
    }
  }

  @Test
  void trailingBytes_areRejected() {
    for (byte[] valid : validNodes()) {
      byte[] longer = Arrays.copyOf(valid, valid.length + 1);
      assertCorrupt(longer, "1 bytes after the end");
    }
  }

  @Test
  void unknownEntryKinds_areRejected() {
    for (int kind : new int[] {0, 6, 0x7f, 0xff}) {
      assertCorrupt(leafBytes(w -> w.u8(kind).str("a").varint(1).hash(H1)), "unknown entry kind " + kind);
    }
  }

  @Test
  void nonMinimalVarints_areRejected() {
    assertCorrupt(new byte[] {1, 'D', (byte) 0x80, 0}, "shortest form");
    assertCorrupt(
        new Bytes().u8(1).u8('D').varint(1).u8(1).str("a").u8(0x85).u8(0).hash(H1).toArray(),
        "shortest form");
    assertCorrupt(
        new Bytes().u8(1).u8('D').varint(1).u8(1).u8(0x81).u8(0).raw("a").varint(0).hash(H1).toArray(),
        "shortest form");
  }

  @Test
  void varintsBeyond64Bits_areRejected() {
    Bytes tenBytes = new Bytes().u8(1).u8('D');
    for (int i = 0; i < 9; i++) {
      tenBytes.u8(0xff);
    }
    assertCorrupt(tenBytes.u8(0x02).toArray(), "out of range");
    Bytes elevenBytes = new Bytes().u8(1).u8('D');
    for (int i = 0; i < 11; i++) {
      elevenBytes.u8(0xff);
    }
    assertCorrupt(elevenBytes.toArray(), "out of range");
  }

  @Test
  void namesOutOfOrderOrRepeated_areRejected() {
    assertCorrupt(leafBytes(w -> fileEntry(fileEntry(w, "b"), "a"), 2), "out of order or repeated");
    assertCorrupt(leafBytes(w -> fileEntry(fileEntry(w, "a"), "a"), 2), "out of order or repeated");
    // 'é' (C3 A9) sorts after 'z' by unsigned bytes.
    assertCorrupt(leafBytes(w -> fileEntry(fileEntry(w, "é"), "z"), 2), "out of order");
  }

  @Test
  void invalidNames_areRejected() {
    assertCorrupt(leafBytes(w -> fileEntry(w, "")), "empty");
    assertCorrupt(leafBytes(w -> fileEntry(w, ".")), "'.'");
    assertCorrupt(leafBytes(w -> fileEntry(w, "..")), "'..'");
    assertCorrupt(leafBytes(w -> fileEntry(w, "a/b")), "'/'");
    assertCorrupt(leafBytes(w -> fileEntry(w, "a\0b")), "NUL");
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xe2, (byte) 0x82}, {'a', (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
        }) {
      assertCorrupt(
          leafBytes(w -> w.u8(EntryKind.FILE.code()).varint(bad.length).raw(bad).varint(1).hash(H1)),
          "not UTF-8");
    }
    String tooLong = "x".repeat(VstPaths.MAX_NAME_BYTES + 1);
    assertCorrupt(leafBytes(w -> fileEntry(w, tooLong)), "too long");
  }

  @Test
  void longestName_isAccepted() throws Exception {
    String longest = "é".repeat(VstPaths.MAX_NAME_BYTES / 2);

    byte[] encoded = NodeCodec.encode(new LeafDir(new Entry[] {file(longest)}));

    assertThat(((LeafDir) NodeCodec.decodeDir(H1, encoded)).entries().get(0).name()).isEqualTo(longest);
  }

  @Test
  void sizesOutOfRange_areRejected() {
    Bytes size = new Bytes().u8(EntryKind.FILE.code()).str("a");
    for (int i = 0; i < 9; i++) {
      size.u8(0x80);
    }
    size.u8(0x01).hash(H1); // 2^63: negative as a long
    assertCorrupt(leafBytes(w -> w.raw(size.toArray())), "size out of range");
  }

  @Test
  void hugeCounts_areRejectedWithoutAllocating() {
    assertCorrupt(new Bytes().u8(1).u8('D').varint(Long.MAX_VALUE).toArray(), "exceeds the node's size");
    assertCorrupt(new Bytes().u8(1).u8('D').varint(1L << 31).toArray(), "exceeds the node's size");
    assertCorrupt(
        new Bytes().u8(1).u8('S').hash(H1).varint(Integer.MAX_VALUE).toArray(), "parent count");
    assertCorrupt(
        snapshotPrefix().varint(0).str("a").str("m").varint(Long.MAX_VALUE).toArray(),
        "metadata count");
    assertCorrupt(snapshotPrefix().varint(0).varint(Integer.MAX_VALUE).toArray(), "too long");
    assertCorrupt(snapshotPrefix().varint(0).varint(1000).toArray(), "truncated");
  }

  @Test
  void shard_depthCountAndBitmapProblems_areRejected() {
    assertCorrupt(shardBytes(Dir.MAX_DEPTH, 100, 1, 1), "shard depth 12");
    assertCorrupt(shardBytes(1000, 100, 1, 1), "shard depth");
    assertCorrupt(shardBytes(0, Dir.MAX_LEAF, 1, 1), "cannot hold 64");
    assertCorrupt(shardBytes(0, 0, 1, 1), "cannot hold 0");
    assertCorrupt(shardBytes(0, 1L << 31, 1, 1), "cannot hold");
    assertCorrupt(shardBytes(0, 100, 0, 0), "without children");
    assertCorrupt(shardBytes(0, 100, 0b111, 2), "truncated");
    assertCorrupt(shardBytes(0, 100, 0b1, 2), "after the end");
  }

  @Test
  void deepestShard_isAccepted() throws Exception {
    byte[] bytes = shardBytes(Dir.MAX_DEPTH - 1, Dir.MAX_LEAF + 1, -1, 32);

    ShardDir shard = (ShardDir) NodeCodec.decodeDir(H1, bytes);

    assertThat(shard.children()).hasSize(32);
    assertThat(NodeCodec.encode(shard)).isEqualTo(bytes);
  }

  @Test
  void snapshot_metadataOutOfOrderOrRepeated_isRejected() {
    assertCorrupt(
        snapshotPrefix().varint(0).str("a").str("m").varint(2).str("b").str("1").str("a").str("2").toArray(),
        "metadata keys out of order");
    assertCorrupt(
        snapshotPrefix().varint(0).str("a").str("m").varint(2).str("k").str("1").str("k").str("2").toArray(),
        "metadata keys out of order");
  }

  @Test
  void snapshot_badUtf8InText_isRejected() {
    assertCorrupt(
        snapshotPrefix().varint(0).varint(1).u8(0xff).str("m").varint(0).toArray(), "not UTF-8");
    assertCorrupt(
        snapshotPrefix().varint(0).str("a").varint(2).u8(0xc0).u8(0x80).varint(0).toArray(), "not UTF-8");
  }

  // ---- helpers shared with the property test ----

  static Entry file(String name) {
    return Entry.leaf(name, EntryKind.FILE, H1, 3);
  }

  static DirRef ref(Hash h) {
    return DirRef.stored(h, 0);
  }

  static LeafDir everyKind() {
    byte[] sha1 = new byte[20];
    Arrays.fill(sha1, (byte) 0xab);
    return new LeafDir(
        new Entry[] {
          Entry.leaf("exe", EntryKind.EXECUTABLE, H2, 0),
          Entry.leaf("file", EntryKind.FILE, H1, Long.MAX_VALUE),
          Entry.leaf("gitlink", EntryKind.GITLINK, Hash.fromBytes(Arrays.copyOf(sha1, 32)), 0),
          Entry.directory("sub", DirRef.stored(H2, 0)),
          Entry.leaf("symlink", EntryKind.SYMLINK, H1, 12),
        });
  }

  static List<byte[]> validNodes() {
    List<byte[]> nodes = new ArrayList<>();
    nodes.add(NodeCodec.encode(everyKind()));
    nodes.add(NodeCodec.encode(LeafDir.empty()));
    nodes.add(NodeCodec.encode(new ShardDir(1, 0x0101_0000, new DirRef[] {ref(H1), ref(H2)}, 300)));
    nodes.add(
        NodeCodec.encodeSnapshot(
            new Snapshot.Draft(H1, List.of(H2), "me", Instant.ofEpochMilli(1_700_000_000_000L),
                "msg", Map.of("k", "v", "k2", "v2"))));
    nodes.add(
        NodeCodec.encodeAnnotation(
            dev.helios.engine.vst.Annotation.TargetKind.SNAPSHOT, H1, 0,
            "object 0123\ntype commit\ntag v1\n\nrelease\n".getBytes(StandardCharsets.UTF_8)));
    return nodes;
  }

  static byte[] reencode(Object node) {
    if (node instanceof dev.helios.engine.vst.Annotation a) {
      return NodeCodec.encodeAnnotation(a.targetKind(), a.target(), a.targetSize(), a.raw());
    }
    if (node instanceof Snapshot s) {
      return NodeCodec.encodeSnapshot(
          new Snapshot.Draft(s.root(), s.parents(), s.author(), s.time(), s.message(), s.metadata()));
    }
    return NodeCodec.encode((Dir) node);
  }

  static void assertCorrupt(byte[] bytes, String reason) {
    assertThatThrownBy(() -> NodeCodec.decode(null, bytes))
        .isInstanceOf(CorruptNodeException.class)
        .hasMessageContaining(reason);
  }

  private static Bytes fileEntry(Bytes w, String name) {
    return w.u8(EntryKind.FILE.code()).str(name).varint(3).hash(H1);
  }

  private static byte[] leafBytes(java.util.function.Consumer<Bytes> entries) {
    return leafBytes(entries, 1);
  }

  private static byte[] leafBytes(java.util.function.Consumer<Bytes> entries, int count) {
    Bytes w = new Bytes().u8(1).u8('D').varint(count);
    entries.accept(w);
    return w.toArray();
  }

  private static byte[] shardBytes(long depth, long count, int bitmap, int hashes) {
    Bytes w = new Bytes().u8(1).u8('H').varint(depth).varint(count);
    w.u8(bitmap >>> 24).u8(bitmap >>> 16).u8(bitmap >>> 8).u8(bitmap);
    for (int i = 0; i < hashes; i++) {
      w.hash(H1);
    }
    return w.toArray();
  }

  private static Bytes snapshotPrefix() {
    return new Bytes().u8(1).u8('S').hash(H1).varint(0);
  }

  /** Writes node bytes by hand, including ones the codec would never write. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int b) {
      out.write(b);
      return this;
    }

    Bytes varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
      return this;
    }

    Bytes raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Bytes raw(String s) {
      return raw(s.getBytes(StandardCharsets.UTF_8));
    }

    Bytes str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return varint(b.length).raw(b);
    }

    Bytes hash(Hash h) {
      return raw(h.toBytes());
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }
}
