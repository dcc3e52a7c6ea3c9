package dev.helios.engine.vst.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.VstPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DirectoriesTest {
  /** Nodes by address, as a commit would store them; loads them like NodeStore does. */
  static final class MapSource implements NodeSource {
    final Map<Hash, byte[]> nodes = new HashMap<>();
    int reads;

    @Override
    public Dir loadDir(Hash address, int depth) throws IOException {
      reads++;
      byte[] bytes = nodes.get(address);
      if (bytes == null) {
        throw new MissingChunkException(address, "test nodes");
      }
      return NodeCodec.decodeDir(address, bytes);
    }

    // Stores the tree below `dir` and returns a stored reference to it, as a commit would.
    DirRef store(Dir dir) {
      if (dir instanceof ShardDir shard) {
        for (DirRef child : shard.children) {
          Dir loaded = child.loaded();
          if (loaded != null) {
            store(loaded);
          } else {
            assertThat(nodes).containsKey(child.knownAddress());
          }
        }
      }
      byte[] encoded = NodeCodec.encode(dir);
      Hash address = NodeCodec.address(encoded);
      nodes.put(address, encoded);
      return DirRef.stored(address, dir instanceof ShardDir s ? s.depth : 0);
    }
  }

  private static final NodeSource NO_READS =
      (address, depth) -> {
        throw new AssertionError("an in-memory tree needs no reads: " + address);
      };

  @Test
  void put_pastMaxLeaf_splitsAndRemoveBackCollapsesToTheSameLeaf() throws IOException {
    Dir dir = LeafDir.empty();
    for (int i = 0; i < Dir.MAX_LEAF; i++) {
      dir = Directories.put(dir, entry("f" + i, i), NO_READS);
    }
    assertThat(dir).isInstanceOf(LeafDir.class);
    Hash atMax = address(dir);

    Dir grown = Directories.put(dir, entry("extra", 1), NO_READS);

    assertThat(grown).isInstanceOf(ShardDir.class);
    assertThat(grown.count()).isEqualTo(Dir.MAX_LEAF + 1);
    assertThat(address(grown)).isEqualTo(address(Directories.build(sorted(grown))));
    Dir shrunk = Directories.remove(grown, "extra", NO_READS);
    assertThat(shrunk).isInstanceOf(LeafDir.class);
    assertThat(address(shrunk)).isEqualTo(atMax);
  }

  @Test
  void build_atAndAroundTheThreshold_isALeafOnlyUpToMaxLeaf() {
    for (int n : new int[] {0, 1, Dir.MAX_LEAF - 1, Dir.MAX_LEAF, Dir.MAX_LEAF + 1, 2000}) {
      Entry[] entries = entries(n);

      Dir built = Directories.build(entries);

      assertThat(built.count()).isEqualTo(n);
      assertThat(built instanceof LeafDir).as("%d entries", n).isEqualTo(n <= Dir.MAX_LEAF);
    }
  }

  @Test
  void replace_existingName_keepsTheCount() throws IOException {
    Dir dir = Directories.build(entries(500));

    Dir replaced = Directories.put(dir, entry("f00007", 999), NO_READS);

    assertThat(replaced.count()).isEqualTo(500);
    assertThat(Directories.get(replaced, "f00007", NO_READS).size()).isEqualTo(999);
    assertThat(Directories.remove(replaced, "absent", NO_READS)).isSameAs(replaced);
  }

  @Test
  void storedShards_areReadLazilyAndOnlyAlongThePath() throws IOException {
    MapSource source = new MapSource();
    DirRef stored = source.store(Directories.build(entries(5000)));

    Dir top = stored.load(source);
    Entry found = Directories.get(top, "f01234", source);
    Dir updated = Directories.put(top, entry("f01234", 7), source);

    assertThat(found).isNotNull();
    // The top node, then one node per level below it to the leaf (5000 entries: 3 levels).
    assertThat(source.reads).isBetween(3, 4);
    assertThat(address(updated))
        .isEqualTo(address(Directories.build(sortedWith(entries(5000), entry("f01234", 7)))));
  }

  @Test
  void sorted_ofAShardedDirectory_isInCodePointOrder() throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      names.add(i % 3 == 0 ? "\uD83D\uDE00" + i : i % 3 == 1 ? "\uFFFD" + i : "a" + i);
    }
    Dir dir = LeafDir.empty();
    for (String name : names) {
      dir = Directories.put(dir, entry(name, 1), NO_READS);
    }

    names.sort(VstPaths::compareNames);

    assertThat(Arrays.stream(Directories.sorted(dir, NO_READS)).map(Entry::name).toList())
        .containsExactlyElementsOf(names);
  }

  @Property(tries = 60, seed = "2201")
  void anyInsertionOrderWithDeletes_givesTheCanonicalShape(
      @ForAll @IntRange(min = 0, max = 400) int size,
      @ForAll @IntRange(min = 0, max = 200) int extra,
      @ForAll long seed) throws IOException {
    Random random = new Random(seed);
    Entry[] wanted = entries(size);
    List<Entry> order = new ArrayList<>(Arrays.asList(wanted));
    for (int i = 0; i < extra; i++) {
      order.add(entry("x" + random.nextInt(1000), random.nextInt(5)));
    }
    Collections.shuffle(order, random);
    MapSource source = new MapSource();

    Dir dir = LeafDir.empty();
    for (Entry e : order) {
      dir = Directories.put(dir, e, source);
      if (random.nextInt(50) == 0) {
        dir = source.store(dir).load(source);
      }
    }
    List<String> extras = new ArrayList<>();
    for (Entry e : order) {
      if (e.name.startsWith("x")) {
        extras.add(e.name);
      }
    }
    Collections.shuffle(extras, random);
    for (String name : extras) {
      dir = Directories.remove(dir, name, source);
    }

    assertThat(address(dir)).as("seed %d", seed).isEqualTo(address(Directories.build(wanted)));
    assertThat(dir.count()).isEqualTo(size);
  }

  @Property(tries = 60, seed = "2202")
  void randomOperations_agreeWithASortedMap(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    TreeMap<String, Entry> model = new TreeMap<>(VstPaths::compareNames);
    MapSource source = new MapSource();
    Dir dir = LeafDir.empty();
    // A small name space around the threshold, so directories grow past it and shrink back.
    int names = 40 + random.nextInt(120);

    for (int step = 0; step < 600; step++) {
      String name = "n" + random.nextInt(names);
      int op = random.nextInt(10);
      if (op < 5) {
        Entry e = entry(name, step);
        dir = Directories.put(dir, e, source);
        model.put(name, e);
      } else if (op < 8) {
        dir = Directories.remove(dir, name, source);
        model.remove(name);
      } else if (op < 9) {
        Entry got = Directories.get(dir, name, source);
        Entry expected = model.get(name);
        assertThat(got == null ? null : got.size).as("seed %d step %d", seed, step)
            .isEqualTo(expected == null ? null : expected.size);
      } else {
        dir = source.store(dir).load(source);
      }
      assertThat(dir.count()).as("seed %d step %d", seed, step).isEqualTo(model.size());
    }

    assertThat(Arrays.stream(Directories.sorted(dir, source)).map(Entry::name).toList())
        .containsExactlyElementsOf(model.keySet());
    assertThat(address(dir)).isEqualTo(address(Directories.build(model.values().toArray(new Entry[0]))));
    for (Map.Entry<String, Entry> e : model.entrySet()) {
      assertThat(Directories.get(dir, e.getKey(), source).size).isEqualTo(e.getValue().size);
    }
  }

  static Entry entry(String name, long size) {
    return Entry.leaf(name, EntryKind.FILE, Blake3.hash(name.getBytes(StandardCharsets.UTF_8)), size);
  }

  static Entry[] entries(int n) {
    Entry[] entries = new Entry[n];
    for (int i = 0; i < n; i++) {
      entries[i] = entry(String.format("f%05d", i), i);
    }
    return entries;
  }

  private static Entry[] sorted(Dir dir) throws IOException {
    return Directories.sorted(dir, NO_READS);
  }

  private static Entry[] sortedWith(Entry[] entries, Entry replacement) {
    Entry[] copy = entries.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i].name.equals(replacement.name)) {
        copy[i] = replacement;
      }
    }
    return copy;
  }

  static Hash address(Dir dir) {
    return DirRef.of(dir, 0).address();
  }
}
