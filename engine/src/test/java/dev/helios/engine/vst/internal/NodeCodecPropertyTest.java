package dev.helios.engine.vst.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.helios.engine.errors.CorruptNodeException;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.VstPaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class NodeCodecPropertyTest {
  // Code points that stress the name order: ASCII, two- and three-byte UTF-8, U+FFFD and
  // characters above U+FFFF (surrogate pairs in Java, which String.compareTo misorders).
  private static final int[] CODE_POINTS = {
    'a', 'b', 'z', 'A', '.', '-', ' ', 0x7f, 0xe9, 0x4e2d, 0xe000, 0xfffd, 0x1f600, 0x10ffff
  };

  @Property(tries = 100, seed = "1701")
  void leaf_encodeThenDecode_givesTheSameEntriesAndBytes(@ForAll("leaves") LeafDir leaf)
      throws Exception {
    byte[] encoded = NodeCodec.encode(leaf);

    LeafDir decoded = (LeafDir) NodeCodec.decodeDir(NodeCodec.address(encoded), encoded);

    assertThat(decoded.entries()).extracting(Entry::toDirEntry)
        .containsExactlyElementsOf(leaf.entries().stream().map(Entry::toDirEntry).toList());
    assertThat(NodeCodec.encode(decoded)).isEqualTo(encoded);
  }

  @Property(tries = 150, seed = "1702")
  void snapshot_encodeThenDecode_givesTheSameFields(@ForAll("snapshots") Snapshot.Draft draft)
      throws Exception {
    byte[] encoded = NodeCodec.encodeSnapshot(draft);

    Snapshot decoded = NodeCodec.decodeSnapshot(NodeCodec.address(encoded), encoded);

    assertThat(decoded.root()).isEqualTo(draft.root());
    assertThat(decoded.parents()).isEqualTo(draft.parents());
    assertThat(decoded.author()).isEqualTo(draft.author());
    assertThat(decoded.time()).isEqualTo(draft.time());
    assertThat(decoded.message()).isEqualTo(draft.message());
    assertThat(decoded.metadata()).isEqualTo(draft.metadata());
    assertThat(NodeCodecTest.reencode(decoded)).isEqualTo(encoded);
  }

  @Property(tries = 1000, seed = "1703")
  void randomBytes_throwOnlyCorruptNode(@ForAll("noise") byte[] bytes) {
    decodeOrCorrupt(bytes);
  }

  @Property(tries = 1000, seed = "1704")
  void singleByteMutation_isRejectedOrDecodesToExactlyTheMutatedBytes(
      @ForAll("validNodes") byte[] valid,
      @ForAll @IntRange(min = 0, max = 1 << 20) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] mutated = valid.clone();
    int at = where % mutated.length;
    mutated[at] ^= (byte) xor;

    Object node = decodeOrCorrupt(mutated);

    if (node != null) {
      assertThat(NodeCodecTest.reencode(node))
          .as("re-encoding of a node mutated at byte %d", at)
          .isEqualTo(mutated);
    }
  }

  // Returns the decoded node, or null when decoding threw CorruptNodeException; fails otherwise.
  private static Object decodeOrCorrupt(byte[] bytes) {
    try {
      return NodeCodec.decode(null, bytes);
    } catch (CorruptNodeException expected) {
      assertThat(expected.getMessage()).startsWith("malformed node");
      return null;
    } catch (Throwable t) {
      return fail("decoding %s threw %s", Arrays.toString(bytes), t);
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(Arrays.stream(CODE_POINTS).boxed().toList())
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()))
        .filter(n -> VstPaths.nameProblem(n) == null);
  }

  @Provide
  Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Hash.LENGTH).map(Hash::fromBytes);
  }

  Arbitrary<Entry> entries(Arbitrary<String> names) {
    Arbitrary<EntryKind> kinds = Arbitraries.of(EntryKind.class);
    Arbitrary<Long> sizes =
        Arbitraries.oneOf(Arbitraries.longs().between(0, 300), Arbitraries.longs().between(0, Long.MAX_VALUE));
    return Combinators.combine(names, kinds, hashes(), sizes, hashes().map(h -> Arrays.copyOf(h.toBytes(), 20)))
        .as(
            (name, kind, hash, size, sha1) ->
                switch (kind) {
                  case DIRECTORY -> Entry.directory(name, DirRef.stored(hash, 0));
                  case GITLINK ->
                      Entry.leaf(name, kind, Hash.fromBytes(Arrays.copyOf(sha1, Hash.LENGTH)), 0);
                  default -> Entry.leaf(name, kind, hash, size);
                });
  }

  @Provide
  Arbitrary<LeafDir> leaves() {
    return leavesUpTo(Dir.MAX_LEAF);
  }

  Arbitrary<LeafDir> leavesUpTo(int maxEntries) {
    return names().set().ofMaxSize(maxEntries)
        .flatMap(
            set -> {
              List<String> sorted = new ArrayList<>(set);
              sorted.sort(VstPaths::compareNames);
              List<Arbitrary<Entry>> parts = new ArrayList<>();
              for (String name : sorted) {
                parts.add(entries(Arbitraries.just(name)));
              }
              return Combinators.combine(parts).as(list -> new LeafDir(list.toArray(new Entry[0])));
            });
  }

  @Provide
  Arbitrary<ShardDir> shards() {
    return Combinators.combine(
            Arbitraries.integers().between(0, Dir.MAX_DEPTH - 1),
            Arbitraries.integers().filter(b -> b != 0),
            Arbitraries.integers().between(Dir.MAX_LEAF + 1, Integer.MAX_VALUE),
            hashes())
        .as(
            (depth, bitmap, count, hash) -> {
              DirRef[] children = new DirRef[Integer.bitCount(bitmap)];
              Arrays.fill(children, DirRef.stored(hash, depth + 1));
              return new ShardDir(depth, bitmap, children, count);
            });
  }

  @Provide
  Arbitrary<Snapshot.Draft> snapshots() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u4e2d', '\ufffd', '\n')
                .ofMaxLength(20),
            names());
    Arbitrary<Map<String, String>> metadata =
        Arbitraries.maps(Arbitraries.oneOf(names(), text), text).ofMaxSize(5).map(TreeMap::new);
    return Combinators.combine(
            hashes(),
            hashes().list().ofMaxSize(3),
            text,
            Arbitraries.longs().between(-8_000_000_000_000L, 8_000_000_000_000L).map(Instant::ofEpochMilli),
            text,
            metadata)
        .as(Snapshot.Draft::new);
  }

  @Provide
  Arbitrary<byte[]> validNodes() {
    return Arbitraries.oneOf(
        leavesUpTo(6).map(NodeCodec::encode),
        shards().map(NodeCodec::encode),
        snapshots().map(NodeCodec::encodeSnapshot));
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> headed =
        Combinators.combine(Arbitraries.of((byte) 'D', (byte) 'H', (byte) 'S'), tail)
            .as(
                (type, rest) -> {
                  byte[] out = new byte[rest.length + 2];
                  out[0] = NodeCodec.FORMAT;
                  out[1] = type;
                  System.arraycopy(rest, 0, out, 2, rest.length);
                  return out;
                });
    return Arbitraries.frequencyOf(Tuple.of(1, tail), Tuple.of(4, headed));
  }
}
