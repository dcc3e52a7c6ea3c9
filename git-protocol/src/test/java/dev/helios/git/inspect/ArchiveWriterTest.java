package dev.helios.git.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.errors.MissingChunkException;
import dev.helios.engine.hash.Hash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchiveWriterTest {
  private InspectFixture fixture;
  private ArchiveWriter writer;

  @BeforeEach
  void setUp() throws IOException {
    fixture = InspectFixture.create();
    writer = new ArchiveWriter(fixture.storage.workspaces());
  }

  @AfterEach
  void tearDown() throws IOException {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void write_everyKindOfEntry_keepsModesSymlinksGitlinksAndContent(ArchiveFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchiveWriter.Result result =
        writer.write(fixture.snapshot(fixture.first), format, out);

    Map<String, Item> items = read(format, out.toByteArray());
    assertThat(items.keySet())
        .containsExactly("README.md", "bin/", "bin/run.sh", "data.bin", "lib/", "lib/sub/",
            "link", "src/", "src/main/", "src/main/App.java");
    assertThat(items.get("README.md")).isEqualTo(new Item(0100644, null, "hello\n"));
    assertThat(items.get("bin/run.sh")).isEqualTo(new Item(0100755, null, "#!/bin/sh\necho hi\n"));
    assertThat(items.get("link").linkTarget()).isEqualTo("README.md");
    assertThat(items.get("lib/sub/").mode() & 0170000).isEqualTo(040000);
    assertThat(items.get("data.bin").content())
        .isEqualTo(new String(InspectFixture.BINARY, StandardCharsets.ISO_8859_1));
    assertThat(items.values()).allSatisfy(i -> assertThat(i.time()).isEqualTo(
        InspectFixture.TIME.toEpochMilli()));
    assertThat(result.files()).isEqualTo(4);
    assertThat(result.symlinks()).isEqualTo(1);
    assertThat(result.directories()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void write_twice_givesTheSameBytes(ArchiveFormat format) throws IOException {
    Hash snapshot = fixture.snapshot(fixture.second);
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();

    writer.write(snapshot, format, a);
    writer.write(snapshot, format, b);

    assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
  }

  @Test
  void write_tar_ownerIsRoot() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    writer.write(fixture.snapshot(fixture.first), ArchiveFormat.TAR, out);

    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        assertThat(e.getLongUserId()).isZero();
        assertThat(e.getLongGroupId()).isZero();
        assertThat(e.getUserName()).isEqualTo("root");
      }
    }
  }

  @Test
  void write_doesNotCloseTheStream() throws IOException {
    ClosingProbe out = new ClosingProbe();

    writer.write(fixture.snapshot(fixture.first), ArchiveFormat.TAR_GZ, out);

    assertThat(out.closed).isFalse();
    assertThat(out.size()).isPositive();
  }

  @Test
  void write_packGone_throwsMissingChunk() throws IOException {
    Hash snapshot = fixture.snapshot(fixture.first);
    fixture.deletePack();

    assertThatThrownBy(() -> writer.write(snapshot, ArchiveFormat.TAR, new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void write_unknownSnapshot_throwsMissingChunk() {
    Hash nothing = Hash.fromBytes(new byte[Hash.LENGTH]);

    assertThatThrownBy(() -> writer.write(nothing, ArchiveFormat.ZIP, new ByteArrayOutputStream()))
        .isInstanceOf(MissingChunkException.class);
  }

  /** An archive entry as read back: mode, symlink target (or null) and content. */
  record Item(int mode, String linkTarget, String content, long time) {
    Item(int mode, String linkTarget, String content) {
      this(mode, linkTarget, content, InspectFixture.TIME.toEpochMilli());
    }
  }

  private static Map<String, Item> read(ArchiveFormat format, byte[] archive) throws IOException {
    InputStream raw = new ByteArrayInputStream(archive);
    return switch (format) {
      case TAR -> readTar(raw);
      case TAR_GZ -> readTar(new GzipCompressorInputStream(raw));
      case TAR_ZST -> readTar(new ZstdCompressorInputStream(raw));
      case ZIP -> readZip(archive);
    };
  }

  private static Map<String, Item> readTar(InputStream in) throws IOException {
    Map<String, Item> items = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String content = new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1);
        items.put(e.getName(), new Item(
            e.isDirectory() ? 040000 | e.getMode() : e.getMode(),
            e.isSymbolicLink() ? e.getLinkName() : null,
            content,
            e.getModTime().getTime()));
      }
    }
    return items;
  }

  private static Map<String, Item> readZip(byte[] archive) throws IOException {
    Map<String, Item> items = new LinkedHashMap<>();
    try (ZipFile zip =
        ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
      List<ZipArchiveEntry> entries = new ArrayList<>();
      for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder();
          en.hasMoreElements(); ) {
        entries.add(en.nextElement());
      }
      for (ZipArchiveEntry e : entries) {
        String content;
        try (InputStream in = zip.getInputStream(e)) {
          content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        items.put(e.getName(), new Item(
            e.getUnixMode(),
            e.isUnixSymlink() ? content : null,
            e.isUnixSymlink() ? "" : content,
            e.getTime()));
      }
    }
    return items;
  }

  private static final class ClosingProbe extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
