package dev.helios.engine.vst.internal;

import dev.helios.engine.errors.CorruptNodeException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Annotation;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.VstPaths;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The binary encoding of VST nodes, version {@value #FORMAT}. A node's address is the BLAKE3 of
 * its encoding. Stateless.
 */
public final class NodeCodec {
  /*
   * Every node: FORMAT (1 byte), type (1 byte), body. Integers are unsigned LEB128 varints in
   * their shortest form (a longer form is rejected, so a node has exactly one encoding); times
   * are zigzag varints. Strings are a varint byte length and UTF-8.
   *
   * 'D' directory (or the leaf of a sharded one): count, then per entry in strictly increasing
   *     name order (unsigned UTF-8 bytes): kind code, name, and by kind
   *       FILE / EXECUTABLE / SYMLINK: content size, content BLAKE3 (32 bytes)
   *       DIRECTORY: node address (32 bytes)
   *       GITLINK: submodule commit SHA-1 (20 bytes)
   * 'H' shard of a large directory: depth, entry count of everything below, bitmap of occupied
   *     slots (4 bytes, big-endian), one 32-byte child address per set bit in slot order.
   * 'S' snapshot: root address (32), parent count, parents (32 each), time in epoch
   *     milliseconds (zigzag), author, message, metadata count, then key/value strings in
   *     strictly increasing key order.
   *
   * 'A' annotation: target kind code, target address (32), target size (content only, else 0),
   *     raw annotation bytes (a string of bytes; for a Git tag, the whole tag object).
   *
   * A file has no node of its own: its entry carries what a file node would (content hash and
   * size), so a commit writes one node per changed directory level and none per file.
   *
   * Decoding checks everything it can see in one node; what needs context (a leaf under a shard
   * routes by its names; a top node of more than MAX_LEAF entries must be a shard) is checked by
   * NodeStore when it knows the depth.
   */

  /** Format version, the first byte of every node. */
  public static final int FORMAT = 1;

  static final byte DIRECTORY = 'D';
  static final byte SHARD = 'H';
  static final byte SNAPSHOT = 'S';
  static final byte ANNOTATION = 'A';
  static final int MAX_ANNOTATION_BYTES = 16 << 20;

  static final int MAX_AUTHOR_BYTES = 64 << 10;
  static final int MAX_MESSAGE_BYTES = 16 << 20;
  static final int MAX_METADATA = 1 << 16;

  private NodeCodec() {}

  /** The address of an encoded node. */
  public static Hash address(byte[] encoded) {
    return Blake3.hash(encoded);
  }

  /** Encodes a directory node; its subdirectories' addresses are computed if not known. */
  public static byte[] encode(Dir dir) {
    return dir instanceof LeafDir leaf ? encodeLeaf(leaf) : encodeShard((ShardDir) dir);
  }

  static byte[] encodeLeaf(LeafDir leaf) {
    Writer out = new Writer(16 + leaf.entries.length * 48);
    out.header(DIRECTORY);
    out.varint(leaf.entries.length);
    for (Entry e : leaf.entries) {
      out.u8(e.kind.code());
      out.bytes(e.nameUtf8);
      switch (e.kind) {
        case FILE, EXECUTABLE, SYMLINK -> {
          out.varint(e.size);
          out.hash(e.hash);
        }
        case DIRECTORY -> out.hash(e.dir.address());
        case GITLINK -> out.raw(e.hash.toBytes(), DirEntry.SHA1_LENGTH);
      }
    }
    return out.toByteArray();
  }

  static byte[] encodeShard(ShardDir shard) {
    Writer out = new Writer(16 + shard.children.length * Hash.LENGTH);
    out.header(SHARD);
    out.varint(shard.depth);
    out.varint(shard.count);
    out.u8(shard.bitmap >>> 24);
    out.u8(shard.bitmap >>> 16);
    out.u8(shard.bitmap >>> 8);
    out.u8(shard.bitmap);
    for (DirRef child : shard.children) {
      out.hash(child.address());
    }
    return out.toByteArray();
  }

  /** Encodes a snapshot node. */
  public static byte[] encodeSnapshot(Snapshot.Draft draft) {
    Writer out = new Writer(96 + draft.parents().size() * Hash.LENGTH + draft.message().length());
    out.header(SNAPSHOT);
    out.hash(draft.root());
    out.varint(draft.parents().size());
    for (Hash parent : draft.parents()) {
      out.hash(parent);
    }
    long millis = draft.time().toEpochMilli();
    out.varint((millis << 1) ^ (millis >> 63));
    out.bytes(draft.author().getBytes(StandardCharsets.UTF_8));
    out.bytes(draft.message().getBytes(StandardCharsets.UTF_8));
    TreeMap<byte[], byte[]> metadata = new TreeMap<>(Arrays::compareUnsigned);
    for (Map.Entry<String, String> e : draft.metadata().entrySet()) {
      metadata.put(
          e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    out.varint(metadata.size());
    for (Map.Entry<byte[], byte[]> e : metadata.entrySet()) {
      out.bytes(e.getKey());
      out.bytes(e.getValue());
    }
    return out.toByteArray();
  }

  /** Encodes an annotation node; {@code id} of the argument is ignored. */
  public static byte[] encodeAnnotation(
      Annotation.TargetKind kind, Hash target, long targetSize, byte[] raw) {
    Writer out = new Writer(48 + raw.length);
    out.header(ANNOTATION);
    out.u8(kind.code());
    out.hash(target);
    out.varint(targetSize);
    out.bytes(raw);
    return out.toByteArray();
  }

  /**
   * Decodes an annotation node.
   *
   * @throws CorruptNodeException if {@code bytes} are not exactly one valid annotation node
   */
  public static Annotation decodeAnnotation(Hash address, byte[] bytes)
      throws CorruptNodeException {
    Object node = decode(address, bytes);
    if (node instanceof Annotation annotation) {
      return annotation;
    }
    throw new CorruptNodeException(address, "not an annotation node");
  }

  /**
   * Decodes any node: returns a {@link LeafDir}, a {@link ShardDir}, a {@link Snapshot} or an
   * {@link Annotation}.
   * {@code address} names the node in errors and becomes the snapshot's id (null: computed).
   *
   * @throws CorruptNodeException if {@code bytes} are not exactly one valid node
   */
  public static Object decode(@Nullable Hash address, byte[] bytes) throws CorruptNodeException {
    Reader in = new Reader(address, bytes);
    int type = in.header();
    Object node =
        switch (type) {
          case DIRECTORY -> decodeLeaf(in);
          case SHARD -> decodeShard(in);
          case SNAPSHOT -> decodeSnapshot(in, address == null ? address(bytes) : address);
          case ANNOTATION -> decodeAnnotation(in, address == null ? address(bytes) : address);
          default -> throw in.corrupt("unknown node type " + type);
        };
    in.end();
    return node;
  }

  /**
   * Decodes a directory node (leaf or shard).
   *
   * @throws CorruptNodeException if {@code bytes} are not exactly one valid directory node
   */
  public static Dir decodeDir(Hash address, byte[] bytes) throws CorruptNodeException {
    Object node = decode(address, bytes);
    if (node instanceof Dir dir) {
      return dir;
    }
    throw new CorruptNodeException(address, "not a directory node");
  }

  /**
   * Decodes a snapshot node.
   *
   * @throws CorruptNodeException if {@code bytes} are not exactly one valid snapshot node
   */
  public static Snapshot decodeSnapshot(Hash address, byte[] bytes) throws CorruptNodeException {
    Object node = decode(address, bytes);
    if (node instanceof Snapshot snapshot) {
      return snapshot;
    }
    throw new CorruptNodeException(address, "not a snapshot node");
  }

  private static LeafDir decodeLeaf(Reader in) throws CorruptNodeException {
    long count = in.varint();
    // Every entry takes at least 23 bytes; a larger count cannot be honest.
    if (count > in.remaining() / 23 + 1) {
      throw in.corrupt("entry count " + count + " exceeds the node's size");
    }
    Entry[] entries = new Entry[(int) count];
    byte[] previous = null;
    for (int i = 0; i < count; i++) {
      int code = in.u8();
      EntryKind kind = EntryKind.fromCode(code);
      if (kind == null) {
        throw in.corrupt("unknown entry kind " + code);
      }
      byte[] nameUtf8 = in.bytes(VstPaths.MAX_NAME_BYTES);
      String name = in.utf8(nameUtf8);
      String problem = VstPaths.nameProblem(name);
      if (problem != null) {
        throw in.corrupt(problem);
      }
      if (previous != null && Arrays.compareUnsigned(previous, nameUtf8) >= 0) {
        throw in.corrupt("entries out of order or repeated at '" + name + "'");
      }
      previous = nameUtf8;
      entries[i] =
          switch (kind) {
            case FILE, EXECUTABLE, SYMLINK -> {
              long size = in.varint();
              if (size < 0) {
                throw in.corrupt("a size out of range");
              }
              yield Entry.decoded(name, nameUtf8, kind, in.hash(), size, null);
            }
            case DIRECTORY ->
                Entry.decoded(name, nameUtf8, kind, null, 0, DirRef.stored(in.hash(), 0));
            case GITLINK -> {
              byte[] padded = Arrays.copyOf(in.raw(DirEntry.SHA1_LENGTH), Hash.LENGTH);
              yield Entry.decoded(name, nameUtf8, kind, Hash.fromBytes(padded), 0, null);
            }
          };
    }
    return new LeafDir(entries);
  }

  private static Annotation decodeAnnotation(Reader in, Hash id) throws CorruptNodeException {
    int code = in.u8();
    Annotation.TargetKind kind = Annotation.TargetKind.fromCode(code);
    if (kind == null) {
      throw in.corrupt("unknown annotation target kind " + code);
    }
    Hash target = in.hash();
    long size = in.varint();
    if (size < 0 || (kind != Annotation.TargetKind.CONTENT && size != 0)) {
      throw in.corrupt("a target size of " + size + " for a " + kind + " target");
    }
    return new Annotation(id, kind, target, size, in.bytes(MAX_ANNOTATION_BYTES));
  }

  private static ShardDir decodeShard(Reader in) throws CorruptNodeException {
    long depth = in.varint();
    if (depth >= Dir.MAX_DEPTH) {
      throw in.corrupt("shard depth " + depth + " is beyond " + (Dir.MAX_DEPTH - 1));
    }
    long count = in.varint();
    if (count <= Dir.MAX_LEAF || count > Integer.MAX_VALUE) {
      throw in.corrupt("a shard cannot hold " + count + " entries");
    }
    int bitmap = (in.u8() << 24) | (in.u8() << 16) | (in.u8() << 8) | in.u8();
    int children = Integer.bitCount(bitmap);
    if (children == 0) {
      throw in.corrupt("a shard without children");
    }
    DirRef[] refs = new DirRef[children];
    for (int i = 0; i < children; i++) {
      refs[i] = DirRef.stored(in.hash(), (int) depth + 1);
    }
    return new ShardDir((int) depth, bitmap, refs, (int) count);
  }

  private static Snapshot decodeSnapshot(Reader in, Hash id) throws CorruptNodeException {
    Hash root = in.hash();
    long parentCount = in.varint();
    if (parentCount > in.remaining() / Hash.LENGTH) {
      throw in.corrupt("parent count " + parentCount + " exceeds the node's size");
    }
    List<Hash> parents = new ArrayList<>((int) parentCount);
    for (int i = 0; i < parentCount; i++) {
      parents.add(in.hash());
    }
    long zigzag = in.varint();
    long millis = (zigzag >>> 1) ^ -(zigzag & 1);
    Instant time;
    try {
      time = Instant.ofEpochMilli(millis);
    } catch (RuntimeException e) {
      throw in.corrupt("time out of range");
    }
    String author = in.utf8(in.bytes(MAX_AUTHOR_BYTES));
    String message = in.utf8(in.bytes(MAX_MESSAGE_BYTES));
    long metadataCount = in.varint();
    if (metadataCount > MAX_METADATA || metadataCount > in.remaining() / 2) {
      throw in.corrupt("metadata count " + metadataCount + " is too large");
    }
    TreeMap<String, String> metadata = new TreeMap<>();
    byte[] previous = null;
    for (int i = 0; i < metadataCount; i++) {
      byte[] key = in.bytes(MAX_AUTHOR_BYTES);
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw in.corrupt("metadata keys out of order or repeated");
      }
      previous = key;
      metadata.put(in.utf8(key), in.utf8(in.bytes(MAX_MESSAGE_BYTES)));
    }
    return new Snapshot(id, root, parents, author, time, message, metadata);
  }

  /** A growable output buffer. */
  private static final class Writer {
    private byte[] buf;
    private int len;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void header(byte type) {
      u8(FORMAT);
      u8(type);
    }

    void u8(int b) {
      ensure(1);
      buf[len++] = (byte) b;
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    void bytes(byte[] b) {
      varint(b.length);
      raw(b, b.length);
    }

    void raw(byte[] b, int n) {
      ensure(n);
      System.arraycopy(b, 0, buf, len, n);
      len += n;
    }

    void hash(Hash h) {
      ensure(Hash.LENGTH);
      h.copyTo(buf, len);
      len += Hash.LENGTH;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    byte[] toByteArray() {
      return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }
  }

  /** A bounds-checked reader that turns every inconsistency into a CorruptNodeException. */
  private static final class Reader {
    private final @Nullable Hash address;
    private final byte[] buf;
    private int pos;

    Reader(@Nullable Hash address, byte[] buf) {
      this.address = address;
      this.buf = buf;
    }

    CorruptNodeException corrupt(String reason) {
      return new CorruptNodeException(address, reason + " (at byte " + pos + ")");
    }

    int remaining() {
      return buf.length - pos;
    }

    int header() throws CorruptNodeException {
      if (buf.length < 2) {
        throw corrupt("too short to be a node");
      }
      int format = u8();
      if (format != FORMAT) {
        throw corrupt("unknown format version " + format);
      }
      return u8();
    }

    int u8() throws CorruptNodeException {
      if (pos >= buf.length) {
        throw corrupt("truncated");
      }
      return buf[pos++] & 0xff;
    }

    long varint() throws CorruptNodeException {
      long v = 0;
      for (int i = 0; i < 10; i++) {
        int b = u8();
        if (i == 9 && b > 1) {
          throw corrupt("a number out of range");
        }
        v |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw corrupt("a number not in its shortest form");
          }
          return v;
        }
      }
      throw corrupt("a number out of range");
    }

    byte[] bytes(int max) throws CorruptNodeException {
      long n = varint();
      if (n > max || n > remaining()) {
        throw corrupt("a string of " + n + " bytes " + (n > max ? "is too long" : "is truncated"));
      }
      return raw((int) n);
    }

    byte[] raw(int n) throws CorruptNodeException {
      if (n > remaining()) {
        throw corrupt("truncated");
      }
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }

    Hash hash() throws CorruptNodeException {
      if (Hash.LENGTH > remaining()) {
        throw corrupt("truncated");
      }
      Hash h = Hash.fromBytes(buf, pos);
      pos += Hash.LENGTH;
      return h;
    }

    String utf8(byte[] bytes) throws CorruptNodeException {
      boolean ascii = true;
      for (byte b : bytes) {
        ascii &= b >= 0;
      }
      if (ascii) {
        return new String(bytes, StandardCharsets.US_ASCII);
      }
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw corrupt("text that is not UTF-8");
      }
    }

    void end() throws CorruptNodeException {
      if (pos != buf.length) {
        throw corrupt((buf.length - pos) + " bytes after the end of the node");
      }
    }
  }
}
