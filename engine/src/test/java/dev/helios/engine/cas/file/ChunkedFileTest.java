package dev.helios.engine.cas.file;

import dev.helios.engine.errors.CorruptManifestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.cas.ChunkStore;
import dev.helios.engine.cas.ChunkStores;
import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedFileTest {
  private static final long SEED = 8086L;
  private static final int MIN = 16 * 1024;
  private static final int MAX = 256 * 1024;

  private final ChunkStore store = ChunkStores.inMemory();

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, MIN - 1, MIN, MIN + 1, MAX, MAX + 1, 3 << 20})
  void write_thenRead_returnsTheSameBytes(int size) throws IOException {
    byte[] data = ChunkerTest.random(size, SEED + size);

    ChunkedFile file = ChunkedFileWriter.write(store, data);

    ChunkedFileReader reader = ChunkedFileReader.open(store, file);
    assertThat(file.size()).isEqualTo(size);
    assertThat(file.contentHash()).isEqualTo(Blake3.hash(data));
    assertThat(reader.readAllBytes()).isEqualTo(data);
  }

  @Test
  void write_emptyFile_singleEmptyChunkUnderItsContentHash() throws IOException {
    ChunkedFile file = ChunkedFileWriter.write(store, new byte[0]);

    assertThat(file.isSingleChunk()).isTrue();
    assertThat(file.address()).isEqualTo(Blake3.hash(new byte[0]));
    assertThat(store.sizeOf(file.address())).isZero();
    assertThat(ChunkedFileReader.open(store, file).read(0, new byte[1], 0, 1)).isEqualTo(-1);
  }

  @Test
  void write_smallerThanMinSize_singleChunkAddressIsContentHash() throws IOException {
    byte[] data = ChunkerTest.random(MIN - 1, SEED);

    ChunkedFile file = ChunkedFileWriter.write(store, data);

    assertThat(file.isSingleChunk()).isTrue();
    assertThat(file.address()).isEqualTo(Blake3.hash(data));
    assertThat(store.stats().chunks()).isEqualTo(1);
  }

  @Test
  void write_severalChunks_addressIsARootManifestRecordingTheContentHash() throws IOException {
    byte[] data = ChunkerTest.random(1 << 20, SEED);

    ChunkedFile file = ChunkedFileWriter.write(store, data);

    assertThat(file.isSingleChunk()).isFalse();
    assertThat(file.contentHash()).isEqualTo(Blake3.hash(data));
    assertThat(ChunkedFileReader.openManifest(store, file.address()).file()).isEqualTo(file);
  }

  @Test
  void write_sameBytesInDifferentPieces_sameFile() throws IOException {
    byte[] data = ChunkerTest.random(2 << 20, SEED);
    ChunkedFile whole = ChunkedFileWriter.write(store, data);
    SplittableRandom random = new SplittableRandom(SEED);

    ChunkedFile pieces;
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(store)) {
      int offset = 0;
      while (offset < data.length) {
        int n = Math.min(data.length - offset, random.nextInt(1, 100_000));
        if (n < 10) {
          for (int i = 0; i < n; i++) {
            writer.write(data[offset + i]);
          }
        } else {
          writer.write(data, offset, n);
        }
        offset += n;
      }
      pieces = writer.finish();
    }

    assertThat(pieces).isEqualTo(whole);
  }

  @Test
  void write_fromInputStream_sameFileAsFromArray() throws IOException {
    byte[] data = ChunkerTest.random(1 << 20, SEED);

    ChunkedFile streamed =
        ChunkedFileWriter.write(store, new ChunkerTest.TrickleInputStream(data, new SplittableRandom(SEED)));

    assertThat(streamed).isEqualTo(ChunkedFileWriter.write(store, data));
  }

  @Test
  void write_sameFileTwice_storesNothingNew() throws IOException {
    byte[] data = ChunkerTest.random(2 << 20, SEED);
    ChunkedFile first = ChunkedFileWriter.write(store, data);
    long chunks = store.stats().chunks();

    ChunkedFile second = ChunkedFileWriter.write(store, data);

    assertThat(second).isEqualTo(first);
    assertThat(store.stats().chunks()).isEqualTo(chunks);
  }

  @Test
  void write_twoFilesSharingALongRun_shareTheRunsChunks() throws IOException {
    byte[] shared = ChunkerTest.random(4 << 20, SEED);
    byte[] a = concat(ChunkerTest.random(300_000, SEED + 1), shared, ChunkerTest.random(100_000, SEED + 2));
    byte[] b = concat(ChunkerTest.random(500_000, SEED + 3), shared);
    ChunkedFile fileA = ChunkedFileWriter.write(store, a);
    long chunksAfterA = store.stats().chunks();

    ChunkedFile fileB = ChunkedFileWriter.write(store, b);

    Set<Hash> chunksOfA = dataChunks(fileA);
    Set<Hash> chunksOfB = dataChunks(fileB);
    Set<Hash> common = new HashSet<>(chunksOfA);
    common.retainAll(chunksOfB);
    long newChunks = store.stats().chunks() - chunksAfterA;
    assertThat(common.size()).as("chunks of the shared run").isGreaterThanOrEqualTo(chunksOfB.size() - 12);
    assertThat(newChunks).as("chunks stored for the second file").isLessThanOrEqualTo(13);
    assertThat(ChunkedFileReader.open(store, fileB).readAllBytes()).isEqualTo(b);
  }

  @Test
  void forEachChunk_multiChunkFile_contiguousChunksWithinMinAndMax() throws IOException {
    byte[] data = ChunkerTest.random(3 << 20, SEED);
    ChunkedFile file = ChunkedFileWriter.write(store, data);
    List<ChunkRef> refs = new ArrayList<>();

    ChunkedFileReader.open(store, file).forEachChunk(refs::add);

    long expectedOffset = 0;
    for (ChunkRef ref : refs) {
      assertThat(ref.offset()).isEqualTo(expectedOffset);
      assertThat(ref.length()).isBetween(1, MAX);
      assertThat(store.sizeOf(ref.hash())).isEqualTo(ref.length());
      expectedOffset = ref.end();
    }
    assertThat(expectedOffset).isEqualTo(data.length);
    assertThat(refs.subList(0, refs.size() - 1)).allSatisfy(ref -> assertThat(ref.length()).isGreaterThanOrEqualTo(MIN));
  }

  @Test
  void write_batchBytesSmall_batchesStayBounded() throws IOException {
    MapChunkStore counting = new MapChunkStore();
    byte[] data = ChunkerTest.random(6 << 20, SEED);

    ChunkedFile file;
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(counting, Chunker.defaults(), 1 << 20)) {
      writer.write(data);
      file = writer.finish();
    }

    assertThat(counting.batches.get()).isGreaterThanOrEqualTo(5);
    assertThat(counting.largestBatchBytes.get()).isLessThan((1 << 20) + MAX);
    assertThat(ChunkedFileReader.open(counting, file).readAllBytes()).isEqualTo(data);
  }

  @Test
  void write_afterFinish_throwsIllegalState() throws IOException {
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(store)) {
      writer.write(new byte[10]);
      writer.finish();

      assertThatThrownBy(() -> writer.write(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
      assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void close_withoutFinish_abandonsTheUnflushedChunks() throws IOException {
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(store)) {
      writer.write(ChunkerTest.random(100_000, SEED));
    }

    assertThat(store.stats().chunks()).isZero();
  }

  @Test
  void read_acrossChunkBoundaries_returnsTheRequestedRange() throws IOException {
    byte[] data = ChunkerTest.random(2 << 20, SEED);
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, data));
    byte[] dst = new byte[700_000];

    int n = reader.read(123_456, dst, 0, dst.length);

    assertThat(n).isEqualTo(dst.length);
    assertThat(dst).isEqualTo(Arrays.copyOfRange(data, 123_456, 123_456 + dst.length));
  }

  @Test
  void read_rangePastTheEnd_returnsTheBytesThatExist() throws IOException {
    byte[] data = ChunkerTest.random(100_000, SEED);
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, data));
    byte[] dst = new byte[1000];

    assertThat(reader.read(99_500, dst, 0, 1000)).isEqualTo(500);
    assertThat(reader.read(100_000, dst, 0, 1000)).isEqualTo(-1);
    assertThat(reader.read(100_000, dst, 0, 0)).isZero();
  }

  @Test
  void read_negativePosition_throwsIllegalArgument() throws IOException {
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, new byte[10]));

    assertThatThrownBy(() -> reader.read(-1, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void read_fourThreadsSharingAReader_everyReadReturnsItsRange() throws Exception {
    byte[] data = ChunkerTest.random(400_000, SEED);
    ChunkedFile file;
    try (ChunkedFileWriter writer = ChunkedFileWriter.create(store, Chunker.create(new Chunker.Config(64, 128, 512)), 1 << 20)) {
      writer.write(data);
      file = writer.finish();
    }
    ChunkedFileReader reader = ChunkedFileReader.open(store, file);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = SEED + t;
        results.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          for (int i = 0; i < 400; i++) {
            int position = random.nextInt(data.length);
            int length = Math.min(data.length - position, random.nextInt(1, 2000));
            byte[] dst = new byte[length];
            reader.readFully(position, dst, 0, length);
            assertThat(dst).as("seed %d, read %d at %d", seed, length, position)
                .isEqualTo(Arrays.copyOfRange(data, position, position + length));
          }
          return null;
        }));
      }

      for (Future<?> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readFully_pastTheEnd_throwsEof() throws IOException {
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, new byte[10]));

    assertThatThrownBy(() -> reader.readFully(5, new byte[6], 0, 6)).isInstanceOf(EOFException.class);
  }

  @Test
  void read_dataChunkMissing_throwsMissingChunkNamingChunkAndFile() throws IOException {
    byte[] data = ChunkerTest.random(1 << 20, SEED);
    ChunkedFile file = ChunkedFileWriter.write(store, data);
    ChunkedFileReader reader = ChunkedFileReader.open(store, file);
    ChunkRef victim = reader.chunkAt(600_000);
    store.delete(List.of(victim.hash()));

    assertThatThrownBy(() -> reader.read(600_000, new byte[10], 0, 10))
        .isInstanceOf(MissingChunkException.class)
        .hasMessageContaining(victim.hash().toHex())
        .hasMessageContaining(file.address().toHex())
        .hasMessageContaining("offset " + victim.offset());
  }

  @Test
  void open_rootManifestMissing_throwsMissingChunk() throws IOException {
    ChunkedFile file = ChunkedFileWriter.write(store, ChunkerTest.random(1 << 20, SEED));
    store.delete(List.of(file.address()));

    assertThatThrownBy(() -> ChunkedFileReader.open(store, file))
        .isInstanceOf(MissingChunkException.class)
        .hasMessageContaining(file.address().toHex());
  }

  @Test
  void open_handleWithWrongSize_throwsCorruptManifest() throws IOException {
    ChunkedFile file = ChunkedFileWriter.write(store, ChunkerTest.random(1 << 20, SEED));
    ChunkedFile wrong = new ChunkedFile(file.address(), file.size() + 1, file.contentHash());

    assertThatThrownBy(() -> ChunkedFileReader.open(store, wrong)).isInstanceOf(CorruptManifestException.class);
  }

  @Test
  void openManifest_ofAContentChunk_throwsCorruptManifest() throws IOException {
    ChunkedFile file = ChunkedFileWriter.write(store, ChunkerTest.random(1000, SEED));

    assertThatThrownBy(() -> ChunkedFileReader.openManifest(store, file.address()))
        .isInstanceOf(CorruptManifestException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void read_manifestListsWrongChunkLength_throwsCorruptManifest() throws IOException {
    Hash a = store.put(ChunkerTest.random(100, SEED));
    Hash b = store.put(ChunkerTest.random(100, SEED + 1));
    Hash root = store.put(Manifest.encode(0, a, List.of(a, b), new long[] {100, 99}));
    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, root);

    assertThatThrownBy(() -> reader.read(150, new byte[1], 0, 1))
        .isInstanceOf(CorruptManifestException.class)
        .hasMessageContaining(b.toHex())
        .hasMessageContaining("100 bytes");
  }

  @Test
  void verifyContent_manifestWithWrongContentHash_throwsCorruptManifest() throws IOException {
    Hash a = store.put(ChunkerTest.random(100, SEED));
    Hash b = store.put(ChunkerTest.random(100, SEED + 1));
    Hash root = store.put(Manifest.encode(0, a, List.of(a, b), new long[] {100, 100}));
    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, root);

    assertThatThrownBy(reader::verifyContent).isInstanceOf(CorruptManifestException.class).hasMessageContaining("content hash");
  }

  @Test
  void verifyContent_writtenFile_passes() throws IOException {
    ChunkedFile file = ChunkedFileWriter.write(store, ChunkerTest.random(1 << 20, SEED));

    ChunkedFileReader.open(store, file).verifyContent();
  }

  @Test
  void inputStream_readToTheEnd_returnsTheFile() throws IOException {
    byte[] data = ChunkerTest.random(1 << 20, SEED);
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, data));

    try (InputStream in = reader.newInputStream()) {
      assertThat(in.read()).isEqualTo(data[0] & 0xff);
      assertThat(in.skip(99)).isEqualTo(99);
      in.mark(0);
      byte[] rest = in.readAllBytes();
      in.reset();

      assertThat(rest).isEqualTo(Arrays.copyOfRange(data, 100, data.length));
      assertThat(in.readNBytes(3)).containsExactly(data[100], data[101], data[102]);
      assertThat(in.available()).as("bytes left in the chunk just read").isPositive();
    }
  }

  @Test
  void inputStream_fromAPosition_startsThere() throws IOException {
    byte[] data = ChunkerTest.random(300_000, SEED);
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, data));

    try (InputStream in = reader.newInputStream(299_990)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 299_990, 300_000));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void inputStream_afterClose_throwsIOException() throws IOException {
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, new byte[10]));
    InputStream in = reader.newInputStream();

    in.close();

    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void channel_seekAndRead_returnsBytesAtThePosition() throws IOException {
    byte[] data = ChunkerTest.random(1 << 20, SEED);
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, data));

    try (SeekableByteChannel channel = reader.newChannel()) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(300_000);
      channel.position(500_000);

      assertThat(channel.read(buffer)).isEqualTo(300_000);
      assertThat(channel.position()).isEqualTo(800_000);
      assertThat(channel.size()).isEqualTo(data.length);
      byte[] read = new byte[300_000];
      buffer.flip().get(read);
      assertThat(read).isEqualTo(Arrays.copyOfRange(data, 500_000, 800_000));
      channel.position(data.length);
      assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }
  }

  @Test
  void channel_write_throwsNonWritable() throws IOException {
    ChunkedFileReader reader = ChunkedFileReader.open(store, ChunkedFileWriter.write(store, new byte[10]));

    try (SeekableByteChannel channel = reader.newChannel()) {
      assertThatThrownBy(() -> channel.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
      assertThatThrownBy(() -> channel.truncate(0)).isInstanceOf(NonWritableChannelException.class);
    }
  }

  @Test
  void chunkedFile_negativeSize_throwsIllegalArgument() {
    Hash hash = ManifestTest.hash(1);

    assertThatThrownBy(() -> new ChunkedFile(hash, -1, ManifestTest.hash(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
  }

  @Test
  void chunkedFile_singleChunkLargerThanAChunkCanBe_throwsIllegalArgument() {
    assertThatThrownBy(() -> ChunkedFile.singleChunk(ManifestTest.hash(1), (16 << 20) + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Set<Hash> dataChunks(ChunkedFile file) throws IOException {
    Set<Hash> hashes = new HashSet<>();
    ChunkedFileReader.open(store, file).forEachChunk(ref -> hashes.add(ref.hash()));
    return hashes;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
