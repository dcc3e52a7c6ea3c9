package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ChunkerPropertyTest {

  @Property(tries = 200, seed = "4242")
  void scan_anySplitOfTheInput_sameCutPointsAsWhole(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40_000) int size,
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 1, max = 3000) Integer> reads) {
    byte[] data = ChunkerTest.random(size, seed);
    Chunker chunker = Chunker.create(new Chunker.Config(64, 256, 1024));
    Chunker.Scanner scanner = chunker.newScanner();
    List<Integer> cuts = new ArrayList<>();

    int offset = 0;
    int read = 0;
    while (offset < data.length) {
      int piece = Math.min(reads.get(read++ % reads.size()), data.length - offset);
      int pieceEnd = offset + piece;
      while (offset < pieceEnd) {
        int n = scanner.scan(data, offset, pieceEnd - offset);
        if (n < 0) {
          offset = pieceEnd;
        } else {
          offset += n;
          cuts.add(offset);
        }
      }
    }
    if (scanner.position() > 0) {
      cuts.add(data.length);
    }

    assertThat(cuts).containsExactly(box(chunker.cutPoints(data)));
  }

  @Property(tries = 200, seed = "777")
  void cutPoints_anyConfig_everyChunkButTheLastWithinMinAndMax(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60_000) int size,
      @ForAll @IntRange(min = 64, max = 2000) int min,
      @ForAll @IntRange(min = 1, max = 3000) int targetExtra,
      @ForAll @IntRange(min = 1, max = 6000) int maxExtra) {
    Chunker.Config config = new Chunker.Config(min, min + targetExtra, min + targetExtra + maxExtra);
    byte[] data = ChunkerTest.random(size, seed);

    List<Integer> sizes = ChunkerTest.sizes(Chunker.create(config).cutPoints(data));

    assertThat(sizes.subList(0, sizes.size() - 1))
        .allSatisfy(s -> assertThat(s).isBetween(config.minSize(), config.maxSize()));
    assertThat(sizes.get(sizes.size() - 1)).isBetween(1, config.maxSize());
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(size);
  }

  private static Integer[] box(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
