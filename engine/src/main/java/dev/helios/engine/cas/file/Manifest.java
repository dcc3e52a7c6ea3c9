package dev.helios.engine.cas.file;

import dev.helios.engine.errors.CorruptManifestException;
import dev.helios.engine.hash.Hash;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of a chunked file's manifest tree, decoded: an ordered list of entries, each a hash
 * and the number of file bytes under it. Immutable and thread-safe.
 */
final class Manifest {
  /*
   * Encoding, version 1. Deterministic: one list of entries has exactly one encoding, and the
   * decoder rejects every other byte string, so equal files get equal manifests and addresses.
   *
   *   magic      4 bytes   'H' 'C' 'F' 'M'   (Helios chunked-file manifest)
   *   version    1 byte    1
   *   level      1 byte    0 = entries are data chunks; n > 0 = entries are level n-1 manifests
   *   flags      1 byte    bit 0: root (this node is the file's address); other bits zero
   *   size       varint    file bytes under this node = the sum of the entry lengths
   *   content    32 bytes  BLAKE3 of those bytes (the whole file); present only in a root
   *   count      varint    number of entries, 1..MAX_FANOUT (a root has at least 2)
   *   entries    count x { hash 32 bytes, length varint >= 1 }
   *
   * Varints are unsigned LEB128 (7 bits a byte, low group first, high bit = more), minimal
   * (no trailing zero group), at most 9 bytes (63 bits): sizes are non-negative longs. Offsets
   * are not stored: entry i starts at the sum of the lengths before it, which makes them
   * contiguous by construction. A data-chunk length is at most Chunker.MAX_SIZE_LIMIT. A node
   * is at most 50 + 4096 * 41 = 167,986 bytes, below the default maximum chunk size.
   *
   * Nothing else is in a manifest: not the chunker's sizes (the reader does not need them), not
   * the absolute offset of a child (the parent knows it), so that an unchanged run of chunks in
   * an edited file gives byte-identical child manifests that are stored once.
   */

  static final int VERSION = 1;
  static final int MAX_FANOUT = 4096;
  static final int MAX_LEVEL = 15;

  private static final byte[] MAGIC = {'H', 'C', 'F', 'M'};
  private static final int FLAG_ROOT = 1;
  private static final int MAX_VARINT_BYTES = 9;

  private final int level;
  private final @Nullable Hash contentHash;
  private final Hash[] hashes;
  /** starts[i] is where entry i begins within this node; starts[count] is the node's size. */
  private final long[] starts;

  private Manifest(int level, @Nullable Hash contentHash, Hash[] hashes, long[] starts) {
    this.level = level;
    this.contentHash = contentHash;
    this.hashes = hashes;
    this.starts = starts;
  }

  /** The level in the tree: 0 if the entries are data chunks. */
  int level() {
    return level;
  }

  /** Whether this is the root of a file (and so carries the content hash). */
  boolean isRoot() {
    return contentHash != null;
  }

  /** BLAKE3 of the whole file, in a root; null otherwise. */
  @Nullable Hash contentHash() {
    return contentHash;
  }

  /** Number of file bytes under this node. */
  long size() {
    return starts[hashes.length];
  }

  int count() {
    return hashes.length;
  }

  Hash hash(int index) {
    return hashes[index];
  }

  /** Where entry {@code index} starts, relative to the start of this node. */
  long start(int index) {
    return starts[index];
  }

  long length(int index) {
    return starts[index + 1] - starts[index];
  }

  /** Returns the index of the entry holding {@code position} (relative, in [0, size)). */
  int indexOf(long position) {
    int i = Arrays.binarySearch(starts, 0, hashes.length, position);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * Encodes a node. {@code contentHash} is non-null exactly for a root.
   *
   * @throws IllegalArgumentException if the entries break a rule of the format
   */
  static byte[] encode(int level, @Nullable Hash contentHash, List<Hash> hashes, long[] lengths) {
    int count = hashes.size();
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in [0, " + MAX_LEVEL + "]: " + level);
    }
    if (count < (contentHash != null ? 2 : 1) || count > MAX_FANOUT || lengths.length < count) {
      throw new IllegalArgumentException("bad entry count " + count + " for a manifest node");
    }
    long size = 0;
    for (int i = 0; i < count; i++) {
      long maxLength = level == 0 ? Chunker.MAX_SIZE_LIMIT : Long.MAX_VALUE - size;
      if (lengths[i] < 1 || lengths[i] > maxLength) {
        throw new IllegalArgumentException("bad length of entry " + i + ": " + lengths[i]);
      }
      size += lengths[i];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + count * (Hash.LENGTH + 3));
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.write(level);
    out.write(contentHash != null ? FLAG_ROOT : 0);
    writeVarint(out, size);
    if (contentHash != null) {
      out.writeBytes(contentHash.toBytes());
    }
    writeVarint(out, count);
    byte[] hash = new byte[Hash.LENGTH];
    for (int i = 0; i < count; i++) {
      hashes.get(i).copyTo(hash, 0);
      out.writeBytes(hash);
      writeVarint(out, lengths[i]);
    }
    return out.toByteArray();
  }

  /**
   * Decodes the node stored under {@code address}, checking every rule of the format.
   *
   * @throws CorruptManifestException naming {@code address} if {@code bytes} is not a valid node
   */
  static Manifest decode(Hash address, byte[] bytes) throws CorruptManifestException {
    Reader in = new Reader(address, bytes);
    for (byte b : MAGIC) {
      if (in.u8("magic") != (b & 0xff)) {
        throw in.corrupt(0, "not a manifest (bad magic)");
      }
    }
    int version = in.u8("version");
    if (version != VERSION) {
      throw in.corrupt(MAGIC.length, "unsupported manifest version " + version);
    }
    int level = in.u8("level");
    if (level > MAX_LEVEL) {
      throw in.corrupt(in.pos - 1, "level " + level + " exceeds " + MAX_LEVEL);
    }
    int flags = in.u8("flags");
    if ((flags & ~FLAG_ROOT) != 0) {
      throw in.corrupt(in.pos - 1, "unknown flags 0x" + Integer.toHexString(flags));
    }
    long size = in.varint("size");
    Hash contentHash = (flags & FLAG_ROOT) != 0 ? in.hash("content hash") : null;
    int countAt = in.pos;
    long count = in.varint("entry count");
    long minCount = contentHash != null ? 2 : 1;
    if (count < minCount || count > MAX_FANOUT) {
      throw in.corrupt(countAt, "entry count " + count + " outside [" + minCount + ", " + MAX_FANOUT + "]");
    }
    Hash[] hashes = new Hash[(int) count];
    long[] starts = new long[hashes.length + 1];
    long maxLength = level == 0 ? Chunker.MAX_SIZE_LIMIT : size;
    long sum = 0;
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = in.hash("hash of entry " + i);
      int lengthAt = in.pos;
      long length = in.varint("length of entry " + i);
      if (length < 1 || length > maxLength) {
        throw in.corrupt(lengthAt, "entry " + i + " has length " + length);
      }
      if (length > size - sum) {
        throw in.corrupt(lengthAt, "entries pass the node size " + size + " at entry " + i);
      }
      starts[i] = sum;
      sum += length;
    }
    starts[hashes.length] = sum;
    if (sum != size) {
      throw in.corrupt(in.pos, "entries cover " + sum + " bytes, node size is " + size);
    }
    if (in.pos != bytes.length) {
      throw in.corrupt(in.pos, (bytes.length - in.pos) + " trailing bytes");
    }
    return new Manifest(level, contentHash, hashes, starts);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** A cursor over the bytes being decoded that turns every overrun into a corrupt manifest. */
  private static final class Reader {
    private final Hash address;
    private final byte[] bytes;
    private int pos;

    Reader(Hash address, byte[] bytes) {
      this.address = address;
      this.bytes = bytes;
    }

    int u8(String what) throws CorruptManifestException {
      if (pos >= bytes.length) {
        throw truncated(what);
      }
      return bytes[pos++] & 0xff;
    }

    Hash hash(String what) throws CorruptManifestException {
      if (bytes.length - pos < Hash.LENGTH) {
        throw truncated(what);
      }
      Hash hash = Hash.fromBytes(bytes, pos);
      pos += Hash.LENGTH;
      return hash;
    }

    long varint(String what) throws CorruptManifestException {
      int start = pos;
      long value = 0;
      for (int i = 0; i < MAX_VARINT_BYTES; i++) {
        int b = u8(what);
        value |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw corrupt(start, what + " is not minimally encoded");
          }
          return value;
        }
      }
      throw corrupt(start, what + " is longer than " + MAX_VARINT_BYTES + " bytes");
    }

    CorruptManifestException truncated(String what) {
      return corrupt(pos, "truncated: " + bytes.length + " bytes end before the " + what);
    }

    CorruptManifestException corrupt(int at, String reason) {
      return new CorruptManifestException(address, reason + " (byte " + at + ")");
    }
  }
}
