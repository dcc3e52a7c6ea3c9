package dev.helios.engine.vst.materialize;

import static dev.helios.engine.vst.materialize.DiskTree.describe;
import static dev.helios.engine.vst.materialize.DiskTree.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helios.engine.Storage;
import dev.helios.engine.cas.CacheOptions;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.StorageOptions;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.ImportResult;
import dev.helios.engine.vst.MaterializeResult;
import dev.helios.engine.vst.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat cache and the record of what a directory holds survive a restart. */
class MaterializeRocksTest {
  @TempDir Path tmp;

  @BeforeEach
  void setUp() {
    DiskTree.assumePosix();
  }

  @Test
  void materializeAndImport_acrossReopen_stayIncremental() throws IOException {
    Path dir = tmp.resolve("checkout");
    Hash first;
    Hash second;
    try (Storage storage = open();
        Workspace ws = storage.workspaces().create("w")) {
      ws.write("a.txt", utf8("a"));
      ws.write("tool", utf8("#!/bin/sh\n"), EntryKind.EXECUTABLE);
      ws.write("d/b.txt", utf8("b1"));
      first = ws.commit("one");
      ws.write("d/b.txt", utf8("b2"));
      ws.delete("a.txt");
      second = ws.commit("two");
      storage.workspaces().materialize(first, dir);
    }

    MaterializeResult result;
    try (Storage storage = open()) {
      result = storage.workspaces().materialize(second, dir);
    }

    assertThat(result).isEqualTo(new MaterializeResult(1, 1, 1, 2, true));
    assertThat(describe(dir))
        .isEqualTo(Map.of("tool", "exec:#!/bin/sh\n", "d", "dir", "d/b.txt", "file:b2"));
    DiskTree.age(dir);
    try (Storage storage = open();
        Workspace ws = storage.workspaces().open("w")) {
      ImportResult imported = ws.importDirectory(dir);
      assertThat(imported.hashed()).isEqualTo(2);
      assertThat(ws.diff()).isEmpty();
    }
    Files.writeString(dir.resolve("new.txt"), "new");
    try (Storage storage = open();
        Workspace ws = storage.workspaces().open("w")) {
      ImportResult imported = ws.importDirectory(dir);
      assertThat(imported).isEqualTo(new ImportResult(3, 1, 2, 0, 3));
      assertThat(ws.read("new.txt")).isEqualTo(utf8("new"));
    }
  }

  private Storage open() throws IOException {
    return Storage.open(
        StorageOptions.builder(tmp.resolve("data"))
            .blockCacheBytes(4L << 20)
            .writeBufferBytes(2L << 20)
            .build(),
        CacheOptions.defaults());
  }
}
