package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.errors.CorruptChunkException;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalContentTest {
  private final Map<String, byte[]> held = new HashMap<>();

  private final ExternalContent source =
      new ExternalContent() {
        @Override
        public String name() {
          return "test";
        }

        @Override
        public InputStream open(byte[] locator, Hash hash, long size) {
          return new ByteArrayInputStream(held.get(new String(locator, StandardCharsets.UTF_8)));
        }
      };

  @Test
  void link_ofExternallyHeldContent_readsThroughTheSourceWithoutStoringIt() throws Exception {
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      byte[] content = "held elsewhere".getBytes(StandardCharsets.UTF_8);
      Hash hash = Blake3.hash(content);
      held.put("blob-1", content);
      KvBatch batch = new KvBatch();
      Workspaces.indexExternalContent(batch, hash, "test", bytes("blob-1"));
      storage.meta().write(batch);

      assertThat(workspaces.hasContent(hash, content.length)).isFalse();
      workspaces.registerContentSource(source);
      assertThat(workspaces.hasContent(hash, content.length)).isTrue();
      assertThat(workspaces.externalLocator(hash, "test")).hasValueSatisfying(
          l -> assertThat(l).isEqualTo(bytes("blob-1")));

      try (Workspace ws = workspaces.create("w")) {
        assertThat(ws.link("a/file", EntryKind.FILE, hash, content.length)).isTrue();
        Hash snapshot = ws.commit("linked");
        assertThat(workspaces.read(snapshot, "a/file")).isEqualTo(content);
        assertThat(storage.chunks().contains(hash)).isFalse();
      }
    }
  }

  @Test
  void read_ofExternalContentWhoseIndexEntryIs32BytesLong_readsThroughTheSource() throws Exception {
    // 2 + "test" + a 26-byte locator: as long as a manifest address, and must not be taken for one.
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      workspaces.registerContentSource(source);
      byte[] content = bytes("thirty-two bytes of index entry");
      Hash hash = Blake3.hash(content);
      String locator = "abcdefghijklmnopqrstuvwxyz";
      held.put(locator, content);
      KvBatch batch = new KvBatch();
      Workspaces.indexExternalContent(batch, hash, "test", bytes(locator));
      storage.meta().write(batch);
      try (Workspace ws = workspaces.create("w")) {
        assertThat(ws.link("f", EntryKind.FILE, hash, content.length)).isTrue();
        assertThat(ws.read("f")).isEqualTo(content);
      }
    }
  }

  @Test
  void read_ofExternalContentThatDoesNotMatchItsHash_failsVerification() throws Exception {
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      workspaces.registerContentSource(source);
      byte[] content = bytes("the real bytes");
      Hash hash = Blake3.hash(content);
      held.put("blob-2", bytes("other bytes!!!"));
      KvBatch batch = new KvBatch();
      Workspaces.indexExternalContent(batch, hash, "test", bytes("blob-2"));
      storage.meta().write(batch);
      try (Workspace ws = workspaces.create("w")) {
        ws.link("f", EntryKind.FILE, hash, content.length);
        assertThatThrownBy(() -> ws.read("f")).isInstanceOf(CorruptChunkException.class);
      }
    }
  }

  @Test
  void read_afterReopenWithoutTheSource_failsNamingTheSource(@TempDir Path dir) throws Exception {
    byte[] content = bytes("x");
    Hash hash = Blake3.hash(content);
    held.put("somewhere", content);
    Hash snapshot;
    try (Storage storage = open(dir)) {
      storage.workspaces().registerContentSource(source);
      KvBatch batch = new KvBatch();
      Workspaces.indexExternalContent(batch, hash, "test", bytes("somewhere"));
      storage.meta().write(batch);
      try (Workspace ws = storage.workspaces().create("w")) {
        assertThat(ws.link("f", EntryKind.FILE, hash, 1)).isTrue();
        snapshot = ws.commit("linked");
      }
    }
    try (Storage storage = open(dir)) {
      assertThatThrownBy(() -> storage.workspaces().read(snapshot, "f"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'test'");
      storage.workspaces().registerContentSource(source);
      assertThat(storage.workspaces().read(snapshot, "f")).isEqualTo(content);
    }
  }

  private static Storage open(Path dir) throws java.io.IOException {
    return Storage.open(
        dev.helios.engine.kv.StorageOptions.builder(dir).build(),
        dev.helios.engine.cas.CacheOptions.builder().build());
  }

  @Test
  void annotation_roundTripsThroughTheCodecAndKeepsItsRawBytes() throws Exception {
    byte[] raw = bytes("object 1234\ntype commit\ntag v1\n\nrelease\n");
    Hash target = Blake3.hash(bytes("target"));
    byte[] encoded =
        dev.helios.engine.vst.internal.NodeCodec.encodeAnnotation(
            Annotation.TargetKind.SNAPSHOT, target, 0, raw);
    Hash id = Blake3.hash(encoded);
    try (Storage storage = Storage.inMemory()) {
      storage.chunks().put(encoded);
      Annotation read = storage.workspaces().annotation(id);
      assertThat(read.id()).isEqualTo(id);
      assertThat(read.targetKind()).isEqualTo(Annotation.TargetKind.SNAPSHOT);
      assertThat(read.target()).isEqualTo(target);
      assertThat(read.raw()).isEqualTo(raw);
      assertThatThrownBy(() -> storage.workspaces().snapshot(id))
          .hasMessageContaining("not a snapshot node");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
