package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.hash.Blake3;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips through the store with tiny chunks (about 150 bytes), so that a file of a few
 * hundred KiB has thousands of chunks and a manifest tree of two or three levels.
 */
class ChunkedFilePropertyTest {
  private static final Chunker TINY = Chunker.create(new Chunker.Config(64, 128, 512));

  @Property(tries = 20, seed = "271828")
  void read_randomRanges_sameBytesAsWritten(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400_000) int size,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 70_000) Integer> writes)
      throws IOException {
    byte[] data = ChunkerTest.random(size, seed);
    try (ChunkStore store = ChunkStores.inMemory()) {
      ChunkedFile file = write(store, data, writes);

      ChunkedFileReader reader = ChunkedFileReader.open(store, file);
      assertThat(file.contentHash()).isEqualTo(Blake3.hash(data));
      assertThat(reader.size()).isEqualTo(size);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < 50 && size > 0; i++) {
        int position = random.nextInt(size);
        int length = random.nextInt(1, Math.min(size - position, 5000) + 1);
        byte[] dst = new byte[length + 2];

        int n = reader.read(position, dst, 1, length);

        assertThat(n).as("bytes read at %d", position).isEqualTo(length);
        assertThat(Arrays.copyOfRange(dst, 1, 1 + length))
            .as("%d bytes at %d of %d", length, position, size)
            .isEqualTo(Arrays.copyOfRange(data, position, position + length));
      }
      assertThat(reader.newInputStream().readAllBytes()).isEqualTo(data);
    }
  }

  @Property(tries = 30, seed = "161803")
  void write_anySplitOfTheInput_sameAddress(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 300_000) int size,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 9_000) Integer> writes)
      throws IOException {
    byte[] data = ChunkerTest.random(size, seed);
    try (ChunkStore store = ChunkStores.inMemory()) {
      ChunkedFile whole = write(store, data, List.of(Integer.MAX_VALUE));

      ChunkedFile pieces = write(store, data, writes);

      assertThat(pieces).isEqualTo(whole);
    }
  }

  private static ChunkedFile write(ChunkStore store, byte[] data, List<Integer> writes) throws IOException {
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(store, TINY, 64 * 1024)) {
      int offset = 0;
      int i = 0;
      while (offset < data.length) {
        int n = Math.min(writes.get(i++ % writes.size()), data.length - offset);
        writer.write(data, offset, n);
        offset += n;
      }
      return writer.finish();
    }
  }
}
