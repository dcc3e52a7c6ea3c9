package dev.helios.engine.cas.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shape of manifest trees, on synthetic chunk hashes: nothing is hashed with BLAKE3, nodes are
 * stored under their SHA-256 in a store that does not verify, so that trees over millions of
 * chunks build in milliseconds.
 */
class ManifestTreeTest {
  private static final long SEED = 5150L;
  private static final int CHUNK = 64 * 1024;

  private final MapChunkStore store = new MapChunkStore();
  private final List<Hash> nodes = new ArrayList<>();

  @Test
  void finish_tenGiBOfDefaultSizedChunks_shallowTreeEveryNodeWithinMaxChunkSize() throws IOException {
    List<Hash> chunks = randomHashes(163_840, SEED); // 10 GiB in 64 KiB chunks

    Hash root = build(chunks, CHUNK);

    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, root);
    assertThat(reader.size()).isEqualTo(10L << 30);
    assertThat(Manifest.decode(root, store.chunks.get(root)).level()).isBetween(1, 2);
    assertThat(nodes).allSatisfy(node -> assertThat(store.chunks.get(node).length).isLessThanOrEqualTo(256 * 1024));
    assertThat(nodes.size()).isBetween(100, 200);
  }

  @Test
  void chunkAt_positionsAcrossATwoLevelTree_returnsTheListedChunk() throws IOException {
    List<Hash> chunks = randomHashes(20_000, SEED);
    Hash root = build(chunks, CHUNK);
    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, root);
    SplittableRandom random = new SplittableRandom(SEED);

    for (int i = 0; i < 1000; i++) {
      long position = random.nextLong(reader.size());

      ChunkRef ref = reader.chunkAt(position);

      int index = (int) (position / CHUNK);
      assertThat(ref).isEqualTo(new ChunkRef(chunks.get(index), (long) index * CHUNK, CHUNK));
    }
  }

  @Test
  void forEachChunk_twoLevelTree_listsEveryChunkInOrder() throws IOException {
    List<Hash> chunks = randomHashes(10_000, SEED);
    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, build(chunks, CHUNK));
    List<Hash> listed = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();

    reader.forEachChunk(ref -> {
      listed.add(ref.hash());
      offsets.add(ref.offset());
    });

    assertThat(listed).isEqualTo(chunks);
    assertThat(offsets.get(9_999)).isEqualTo(9_999L * CHUNK);
  }

  @Test
  void forEachReferencedChunk_twoLevelTree_listsEveryNodeAndChunk() throws IOException {
    List<Hash> chunks = randomHashes(10_000, SEED);
    ChunkedFileReader reader = ChunkedFileReader.openManifest(store, build(chunks, CHUNK));
    Set<Hash> referenced = new HashSet<>();

    reader.forEachReferencedChunk(referenced::add);

    Set<Hash> expected = new HashSet<>(chunks);
    expected.addAll(nodes);
    assertThat(referenced).isEqualTo(expected);
  }

  @Test
  void finish_hashesGroundToCutEverywhere_depthStaysLogarithmic() throws IOException {
    List<Hash> chunks = new ArrayList<>();
    for (Hash hash : randomHashes(300_000, SEED)) {
      byte[] bytes = hash.toBytes();
      bytes[30] = 0;
      bytes[31] = 0;
      chunks.add(Hash.fromBytes(bytes));
    }

    Hash root = build(chunks, 100);

    Manifest top = Manifest.decode(root, store.chunks.get(root));
    assertThat(top.level()).isLessThanOrEqualTo(3);
    assertThat(ChunkedFileReader.openManifest(store, root).chunkAt(299_999L * 100).hash()).isEqualTo(chunks.get(299_999));
  }

  @Test
  void finish_exactlyMaxFanoutChunksThatNeverCut_singleLeafRoot() throws IOException {
    Hash root = build(neverCutting(Manifest.MAX_FANOUT), 100);

    Manifest top = Manifest.decode(root, store.chunks.get(root));
    assertThat(top.level()).isZero();
    assertThat(top.count()).isEqualTo(Manifest.MAX_FANOUT);
    assertThat(nodes).containsExactly(root);
  }

  @Test
  void finish_oneChunkMoreThanMaxFanout_rootOverTwoLeaves() throws IOException {
    Hash root = build(neverCutting(Manifest.MAX_FANOUT + 1), 100);

    Manifest top = Manifest.decode(root, store.chunks.get(root));
    assertThat(top.level()).isEqualTo(1);
    assertThat(top.count()).isEqualTo(2);
    assertThat(top.length(1)).isEqualTo(100);
  }

  @Test
  void finish_chunkReplacedInTheMiddle_mostNodesUnchanged() throws IOException {
    List<Hash> chunks = randomHashes(300_000, SEED);
    build(chunks, CHUNK);
    Set<Hash> before = new HashSet<>(nodes);
    List<Hash> edited = new ArrayList<>(chunks);
    edited.set(150_000, ManifestTest.hash(-1));

    nodes.clear();
    build(edited, CHUNK);

    long changed = nodes.stream().filter(node -> !before.contains(node)).count();
    assertThat(before.size()).isGreaterThan(250);
    assertThat(changed).isBetween(2L, 4L);
  }

  @Test
  void finish_oneChunk_throwsIllegalState() throws IOException {
    ManifestTree tree = new ManifestTree(this::store);
    tree.add(ManifestTest.hash(1), 10);

    assertThatThrownBy(() -> tree.finish(ManifestTest.hash(2))).isInstanceOf(IllegalStateException.class);
  }

  private Hash build(List<Hash> chunks, long length) throws IOException {
    ManifestTree tree = new ManifestTree(this::store);
    for (Hash chunk : chunks) {
      tree.add(chunk, length);
    }
    return tree.finish(ManifestTest.hash(0x77));
  }

  private Hash store(byte[] node) {
    try {
      Hash hash = Hash.fromBytes(MessageDigest.getInstance("SHA-256").digest(node));
      store.putUnchecked(hash, node);
      nodes.add(hash);
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Hash> randomHashes(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Hash> hashes = new ArrayList<>(count);
    byte[] bytes = new byte[Hash.LENGTH];
    for (int i = 0; i < count; i++) {
      random.nextBytes(bytes);
      hashes.add(Hash.fromBytes(bytes));
    }
    return hashes;
  }

  private static List<Hash> neverCutting(int count) {
    List<Hash> hashes = new ArrayList<>();
    for (Hash hash : randomHashes(count, SEED)) {
      byte[] bytes = hash.toBytes();
      bytes[31] = 1;
      hashes.add(Hash.fromBytes(bytes));
    }
    return hashes;
  }
}
