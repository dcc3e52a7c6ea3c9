package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The BLAKE3 twins of a real repository (jq, mirrored from {@code jq.bundle}): {@code helios verify
 * --full} is clean after the import, finds a chunk whose bytes were changed on disk and names it
 * and the objects read through it, and is clean again once the bytes are put back.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class TwinVerifyTest {
  /*
   * The corruption goes below every Helios API on purpose: the chunk store refuses to hold
   * other bytes under a hash, so the test opens the data directory's RocksDB database itself
   * (server stopped) and overwrites the value of one key of the "chunks" column family (the key
   * is the chunk's BLAKE3). It picks the largest chunk, which is pack data that verify --full
   * must read to recompute blob twins, flips one byte in its middle, and restores the original
   * bytes afterwards so the order of the tests does not matter beyond "clean first".
   */

  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA1 = Pattern.compile("\\b[0-9a-f]{40}\\b");

  private static JqImport jq;
  private static OfflineHelios helios;

  @BeforeAll
  static void importJq() {
    jq = JqImport.pushTo(SERVER);
    JqImport.awaitTwins(SERVER, jq.repo());
    helios = new OfflineHelios(SERVER);
  }

  @Test
  @Order(1)
  void verifyFull_importedJq_exitsZero() {
    GitResult verify = helios.run("verify", jq.repo(), "--full");

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
  }

  @Test
  @Order(2)
  void verifyFullJson_importedJq_reportsNoProblem() throws IOException {
    GitResult verify = helios.run("verify", jq.repo(), "--full", "--json");

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    JsonNode report = JSON.readTree(verify.stdout());
    assertThat(report.path("problems").size()).as(verify.describe()).isZero();
    assertThat(report.path("clean").asBoolean()).as(verify.describe()).isTrue();
  }

  @Test
  @Order(3)
  void verifyFull_oneChunkCorruptedOnDisk_exitsNonZeroNamingChunkAndObjects() throws Exception {
    helios.ensureStopped();
    Corruption corruption = corruptLargestChunk(helios.dataDir().resolve("db"));
    GitResult verify;
    try {
      verify = helios.run("verify", jq.repo(), "--full");
    } finally {
      corruption.undo();
    }

    assertThat(verify.exitCode()).as(verify.describe()).isNotZero();
    String output = verify.stdout() + verify.stderr();
    assertThat(output).as(verify.describe()).contains(corruption.chunkHex());
    assertThat(objectsIn(output)).as("objects of jq named\n" + verify.describe()).isNotEmpty();
    GitResult again = helios.run("verify", jq.repo(), "--full");
    assertThat(again.exitCode()).as("after the bytes were restored\n" + again.describe()).isZero();
  }

  /** The 40-digit ids in {@code output} that are objects of the jq mirror. */
  private static List<String> objectsIn(String output) {
    List<String> found = new ArrayList<>();
    Matcher matcher = SHA1.matcher(output);
    while (matcher.find()) {
      String id = matcher.group();
      if (SERVER.git().run(jq.source(), "cat-file", "-e", id).succeeded()) {
        found.add(id);
      }
    }
    return found;
  }

  /** One chunk overwritten in place; {@link #undo} writes the original bytes back. */
  private record Corruption(Path db, byte[] key, byte[] original) {
    String chunkHex() {
      return HexFormat.of().formatHex(key);
    }

    void undo() throws RocksDBException {
      overwrite(db, key, original);
    }
  }

  private static Corruption corruptLargestChunk(Path db) throws RocksDBException {
    byte[] key = null;
    byte[] value = null;
    try (Handles handles = Handles.open(db)) {
      try (RocksIterator it = handles.db().newIterator(handles.chunks())) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] v = it.value();
          if (value == null || v.length > value.length) {
            key = it.key();
            value = v;
          }
        }
      }
    }
    assertThat(value).as("no chunk in " + db).isNotNull();
    byte[] damaged = value.clone();
    damaged[damaged.length / 2] ^= 0x5a;
    overwrite(db, key, damaged);
    return new Corruption(db, key, value);
  }

  private static void overwrite(Path db, byte[] key, byte[] value) throws RocksDBException {
    try (Handles handles = Handles.open(db);
        WriteOptions sync = new WriteOptions().setSync(true);
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      handles.db().put(handles.chunks(), sync, key, value);
      handles.db().flush(flush, handles.chunks());
    }
  }

  /** The database of a stopped server, opened with every column family it has. */
  private record Handles(RocksDB db, List<ColumnFamilyHandle> families, DBOptions options)
      implements AutoCloseable {
    static Handles open(Path dir) throws RocksDBException {
      RocksDB.loadLibrary();
      List<byte[]> names;
      try (Options listing = new Options()) {
        names = RocksDB.listColumnFamilies(listing, dir.toString());
      }
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name));
      }
      DBOptions options = new DBOptions();
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      return new Handles(db, handles, options);
    }

    ColumnFamilyHandle chunks() throws RocksDBException {
      for (ColumnFamilyHandle handle : families) {
        if (new String(handle.getName(), StandardCharsets.UTF_8).equals("chunks")) {
          return handle;
        }
      }
      throw new AssertionError("no column family 'chunks' in " + db.getName());
    }

    @Override
    public void close() {
      for (ColumnFamilyHandle handle : families) {
        handle.close();
      }
      db.close();
      options.close();
    }
  }
}
