package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static final long SEED = 20261128L;
  private static final Chunker.Config SMALL = new Chunker.Config(64, 256, 1024);

  @Test
  void config_minSizeBelow64_throwsNamingMinSize() {
    assertThatThrownBy(() -> new Chunker.Config(63, 256, 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSize")
        .hasMessageContaining("63");
  }

  @Test
  void config_targetNotAboveMin_throwsNamingTargetSize() {
    assertThatThrownBy(() -> new Chunker.Config(1024, 1024, 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetSize");
  }

  @Test
  void config_maxNotAboveTarget_throwsNamingMaxSize() {
    assertThatThrownBy(() -> new Chunker.Config(1024, 4096, 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSize");
  }

  @Test
  void config_maxAbove16MiB_throwsNamingMaxSize() {
    assertThatThrownBy(() -> new Chunker.Config(1024, 4096, (16 << 20) + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSize")
        .hasMessageContaining(String.valueOf((16 << 20) + 1));
  }

  @Test
  void config_smallestAndLargestAllowed_accepted() {
    Chunker.Config smallest = new Chunker.Config(64, 65, 66);
    Chunker.Config largest = new Chunker.Config(1 << 20, 4 << 20, 16 << 20);

    assertThat(Chunker.create(smallest).cutPoints(random(10_000, SEED))).isNotEmpty();
    assertThat(largest.maxSize()).isEqualTo(Chunker.MAX_SIZE_LIMIT);
  }

  @Test
  void gearTable_seedZero_matchesSplitMix64ReferenceOutput() {
    long[] table = GearTable.generate(0);

    // The first outputs of the reference SplitMix64 (Vigna, splitmix64.c) seeded with 0.
    assertThat(table[0]).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(table[1]).isEqualTo(0x6e789e6aa1b965f4L);
  }

  @Test
  void cutPoints_seededRandomInput_matchesFormatVersion1Boundaries() {
    byte[] data = random(2 << 20, SEED);

    int[] cuts = Chunker.defaults().cutPoints(data);

    // Recorded with FORMAT_VERSION 1. If this fails, boundaries changed: that is a new format.
    assertThat(Chunker.FORMAT_VERSION).isEqualTo(1);
    assertThat(cuts).containsExactly(GOLDEN_CUTS);
  }

  private static final int[] GOLDEN_CUTS = {
    108791, 178649, 247589, 297458, 373049, 493450, 603071, 648777, 723450, 832144, 904169, 960145,
    980169, 1076640, 1141007, 1270165, 1337851, 1411595, 1519992, 1552434, 1624053, 1680545,
    1750565, 1801117, 1867600, 1933586, 2014204, 2053648, 2097152
  };

  @Test
  void cutPoints_emptyInput_noChunks() {
    assertThat(Chunker.defaults().cutPoints(new byte[0])).isEmpty();
  }

  @Test
  void cutPoints_inputShorterThanMin_oneChunk() {
    byte[] data = random(16 * 1024 - 1, SEED);

    assertThat(Chunker.defaults().cutPoints(data)).containsExactly(data.length);
  }

  @Test
  void cutPoints_randomInput_chunkSizesWithinMinAndMax() {
    byte[] data = random(8 << 20, SEED);
    Chunker chunker = Chunker.defaults();

    List<Integer> sizes = sizes(chunker.cutPoints(data));

    assertThat(sizes.subList(0, sizes.size() - 1)).allSatisfy(size -> assertThat(size).isBetween(16 * 1024, 256 * 1024));
    assertThat(sizes.get(sizes.size() - 1)).isBetween(1, 256 * 1024);
  }

  @Test
  void cutPoints_randomInput_averageNearTarget() {
    byte[] data = random(16 << 20, SEED);

    int[] cuts = Chunker.defaults().cutPoints(data);

    double average = (double) data.length / cuts.length;
    assertThat(average).isBetween(48.0 * 1024, 96.0 * 1024);
  }

  @Test
  void cutPoints_allZeros_everyChunkIsMaxSize() {
    byte[] data = new byte[1 << 20];

    List<Integer> sizes = sizes(Chunker.defaults().cutPoints(data));

    assertThat(sizes).containsOnly(256 * 1024);
  }

  @Test
  void cutPoints_bytesInsertedInTheMiddle_onlyChunksNearTheEditChange() {
    byte[] original = random(8 << 20, SEED);
    byte[] edited = insert(original, original.length / 2, random(37, SEED + 1));
    Chunker chunker = Chunker.defaults();

    Set<ByteBuffer> before = chunkSet(original, chunker.cutPoints(original));
    List<ByteBuffer> after = chunkList(edited, chunker.cutPoints(edited));

    long changed = after.stream().filter(chunk -> !before.contains(chunk)).count();
    assertThat(changed).as("new chunks among %d after the edit", after.size()).isBetween(1L, 3L);
  }

  @Test
  void cutPoints_bytesDeletedNearTheStart_laterChunksUnchanged() {
    byte[] original = random(4 << 20, SEED);
    byte[] edited = new byte[original.length - 1000];
    System.arraycopy(original, 0, edited, 0, 5000);
    System.arraycopy(original, 6000, edited, 5000, original.length - 6000);
    Chunker chunker = Chunker.defaults();

    Set<ByteBuffer> before = chunkSet(original, chunker.cutPoints(original));
    List<ByteBuffer> after = chunkList(edited, chunker.cutPoints(edited));

    long changed = after.stream().filter(chunk -> !before.contains(chunk)).count();
    assertThat(changed).isBetween(1L, 3L);
  }

  @Test
  void split_streamReturningShortReads_sameChunksAsCutPoints() throws IOException {
    byte[] data = random(600_000, SEED);
    Chunker chunker = Chunker.create(SMALL);
    List<Integer> chunkEnds = new ArrayList<>();
    long[] seen = {0};

    long total =
        chunker.split(
            new TrickleInputStream(data, new SplittableRandom(SEED)),
            (buffer, offset, length) -> {
              for (int i = 0; i < length; i++) {
                assertThat(buffer[offset + i]).isEqualTo(data[(int) seen[0] + i]);
              }
              seen[0] += length;
              chunkEnds.add((int) seen[0]);
            });

    assertThat(total).isEqualTo(data.length);
    assertThat(chunkEnds).containsExactlyElementsOf(boxed(chunker.cutPoints(data)));
  }

  @Test
  void split_emptyStream_noChunks() throws IOException {
    List<Integer> lengths = new ArrayList<>();

    long total = Chunker.defaults().split(InputStream.nullInputStream(), (b, o, l) -> lengths.add(l));

    assertThat(total).isZero();
    assertThat(lengths).isEmpty();
  }

  @Test
  void scan_emptyRange_returnsMinusOneAndKeepsPosition() {
    Chunker.Scanner scanner = Chunker.create(SMALL).newScanner();
    scanner.scan(new byte[10], 0, 10);

    int result = scanner.scan(new byte[10], 5, 0);

    assertThat(result).isEqualTo(-1);
    assertThat(scanner.position()).isEqualTo(10);
  }

  @Test
  void scan_rangeOutsideArray_throwsIndexOutOfBounds() {
    Chunker.Scanner scanner = Chunker.defaults().newScanner();

    assertThatThrownBy(() -> scanner.scan(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void scan_afterReset_startsAFreshStream() {
    byte[] data = random(50_000, SEED);
    Chunker chunker = Chunker.create(SMALL);
    Chunker.Scanner scanner = chunker.newScanner();
    scanner.scan(data, 0, 33);

    scanner.reset();
    int first = scanner.scan(data, 0, data.length);

    assertThat(first).isEqualTo(chunker.cutPoints(data)[0]);
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  static List<Integer> sizes(int[] cuts) {
    List<Integer> sizes = new ArrayList<>();
    int previous = 0;
    for (int cut : cuts) {
      sizes.add(cut - previous);
      previous = cut;
    }
    return sizes;
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  private static byte[] insert(byte[] data, int at, byte[] inserted) {
    byte[] out = new byte[data.length + inserted.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(data, at, out, at + inserted.length, data.length - at);
    return out;
  }

  private static Set<ByteBuffer> chunkSet(byte[] data, int[] cuts) {
    return new HashSet<>(chunkList(data, cuts));
  }

  private static List<ByteBuffer> chunkList(byte[] data, int[] cuts) {
    List<ByteBuffer> chunks = new ArrayList<>();
    int previous = 0;
    for (int cut : cuts) {
      chunks.add(ByteBuffer.wrap(data, previous, cut - previous).slice());
      previous = cut;
    }
    return chunks;
  }

  /** Returns between 1 and 700 bytes per read, at random. */
  static final class TrickleInputStream extends ByteArrayInputStream {
    private final SplittableRandom random;

    TrickleInputStream(byte[] data, SplittableRandom random) {
      super(data);
      this.random = random;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 1 + random.nextInt(700)));
    }
  }
}
