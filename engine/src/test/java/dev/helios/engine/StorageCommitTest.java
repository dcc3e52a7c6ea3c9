package dev.helios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.kv.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageCommitTest {
  private static final byte[] REF = bytes("ref/main");

  @TempDir Path dir;

  enum Kind {
    MEMORY,
    ROCKS
  }

  private Storage open(Kind kind) throws IOException {
    if (kind == Kind.MEMORY) {
      return Storage.inMemory();
    }
    return Storage.open(
        StorageOptions.builder(dir.resolve("data"))
            .blockCacheBytes(4L << 20)
            .writeBufferBytes(2L << 20)
            .build(),
        CacheOptions.defaults());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_expectationsHold_writesChunksAndMeta(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      byte[] node = bytes("node");
      ChunkBatch chunks = new ChunkBatch();
      Hash hash = chunks.add(Blake3.hash(node), node);

      boolean written =
          storage.commit(
              chunks, new KvBatch().expect(REF, null).put(REF, hash.toBytes()), SyncPolicy.GROUP);

      assertThat(written).isTrue();
      assertThat(storage.chunks().get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(node));
      assertThat(storage.meta().get(REF)).hasValueSatisfying(
          b -> assertThat(b).isEqualTo(hash.toBytes()));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_expectationFails_writesNothing(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      storage.meta().write(new KvBatch().put(REF, bytes("old")));
      ChunkBatch chunks = new ChunkBatch();
      Hash hash = chunks.add(bytes("never"));

      boolean written =
          storage.commit(
              chunks,
              new KvBatch().expect(REF, bytes("other")).put(REF, hash.toBytes()).put(bytes("k"), bytes("v")),
              SyncPolicy.WAL);

      assertThat(written).isFalse();
      assertThat(storage.chunks().contains(hash)).isFalse();
      assertThat(storage.meta().get(REF)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("old")));
      assertThat(storage.meta().get(bytes("k"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_concurrentWithSameExpectation_exactlyOneWins(Kind kind) throws Exception {
    int threads = 8;
    try (Storage storage = open(kind)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicInteger wins = new AtomicInteger();
      List<Hash> hashes = new ArrayList<>();
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          ChunkBatch chunks = new ChunkBatch();
          Hash hash = chunks.add(bytes("candidate " + t));
          hashes.add(hash);
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    KvBatch meta = new KvBatch().expect(REF, null).put(REF, hash.toBytes());
                    if (storage.commit(chunks, meta, SyncPolicy.GROUP)) {
                      wins.incrementAndGet();
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(wins).hasValue(1);
      Hash winner = Hash.fromBytes(storage.meta().get(REF).orElseThrow());
      for (Hash hash : hashes) {
        assertThat(storage.chunks().contains(hash)).as("chunk %s", hash).isEqualTo(hash.equals(winner));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_emptyChunkBatch_appliesMeta(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      assertThat(storage.commit(new ChunkBatch(), new KvBatch().put(REF, bytes("x")), SyncPolicy.FSYNC))
          .isTrue();

      assertThat(storage.meta().get(REF)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("x")));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "ROCKS")
  void commit_reopen_findsChunksAndMeta(Kind kind) throws IOException {
    byte[] node = bytes("durable node");
    Hash hash;
    try (Storage storage = open(kind)) {
      ChunkBatch chunks = new ChunkBatch();
      hash = chunks.add(node);
      assertThat(storage.commit(chunks, new KvBatch().put(REF, hash.toBytes()), SyncPolicy.FSYNC))
          .isTrue();
    }

    try (Storage storage = open(kind)) {
      assertThat(storage.chunks().get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(node));
      assertThat(storage.meta().get(REF)).hasValueSatisfying(
          b -> assertThat(b).isEqualTo(hash.toBytes()));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void commit_rootRegistered_chunkSurvivesSweep(Kind kind) throws IOException {
    try (Storage storage = open(kind)) {
      storage
          .collector()
          .register(
              "refs",
              action -> storage.meta().get(REF).ifPresent(b -> action.accept(Hash.fromBytes(b))));
      ChunkBatch chunks = new ChunkBatch();
      Hash kept = chunks.add(bytes("kept"));
      Hash garbage = storage.chunks().put(bytes("garbage"));
      storage.commit(chunks, new KvBatch().put(REF, kept.toBytes()), SyncPolicy.WAL);

      assertThat(storage.collector().sweep().chunksDeleted()).isEqualTo(1);
      assertThat(storage.chunks().contains(kept)).isTrue();
      assertThat(storage.chunks().contains(garbage)).isFalse();
    }
  }
}
