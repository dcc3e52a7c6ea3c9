package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedFileWriterReadBackTest {
  private static final long SEED = 4242L;

  @Test
  void read_whileWriting_returnsEveryByteWrittenSoFar() throws IOException {
    Random random = new Random(SEED);
    byte[] data = new byte[3 << 20];
    random.nextBytes(data);
    try (ChunkStore store = ChunkStores.inMemory();
        ChunkedFileWriter writer =
            ChunkedFileWriter.create(store, Chunker.defaults(), 512 * 1024)) {
      int written = 0;
      while (written < data.length) {
        int n = Math.min(data.length - written, 1 + random.nextInt(200_000));
        writer.write(data, written, n);
        written += n;
        for (int probe = 0; probe < 8; probe++) {
          long position = (long) (random.nextDouble() * written);
          int length = 1 + random.nextInt(300_000);
          byte[] dst = new byte[length];

          int read = writer.read(position, dst, 0, length);

          int expected = (int) Math.min(length, written - position);
          assertThat(read).as("seed %d, position %d", SEED, position).isEqualTo(expected);
          assertThat(Arrays.copyOf(dst, read))
              .as("seed %d, position %d", SEED, position)
              .isEqualTo(Arrays.copyOfRange(data, (int) position, (int) position + read));
        }
      }
      ChunkedFile file = writer.finish();
      assertThat(ChunkedFileReader.open(store, file).readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void read_atOrPastEnd_returnsMinusOne() throws IOException {
    try (ChunkStore store = ChunkStores.inMemory();
        ChunkedFileWriter writer = ChunkedFileWriter.create(store)) {
      writer.write(new byte[] {1, 2, 3});

      assertThat(writer.read(3, new byte[1], 0, 1)).isEqualTo(-1);
      assertThat(writer.read(0, new byte[0], 0, 0)).isZero();
      assertThatThrownBy(() -> writer.read(-1, new byte[1], 0, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
