package dev.helios.git.twin;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import dev.helios.git.RepositoryName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-1 ⇄ BLAKE3 index of twins in the metadata store. Stateless; encodes and decodes keys
 * and values.
 */
final class TwinIndex {
  /*
   * twin/o/<sha1 hex>      kind (1) | flags (1: bit 0 raw kept) | address (32) | [size varint, blobs]
   * twin/r/<address hex>   kind (1) | sha1 (20)           — trees, commits and tags
   * twin/raw/<sha1 hex>    BLAKE3 of the chunk holding the object's exact bytes (raw kept)
   * twin/pending/<name>    present while a repository has twin work to do
   * Blobs have no reverse entry: the content index of the engine (source "git") holds the
   * blob's repository and SHA-1, and says where its bytes are.
   */

  static final String OBJECT = "twin/o/";
  static final String REVERSE = "twin/r/";
  static final String RAW = "twin/raw/";
  static final String PENDING = "twin/pending/";
  static final String CONTENT_SOURCE = "git";

  private TwinIndex() {}

  static byte[] objectKey(AnyObjectId id) {
    return ascii(OBJECT + id.name());
  }

  static byte[] reverseKey(Hash address) {
    return ascii(REVERSE + address.toHex());
  }

  static byte[] rawKey(AnyObjectId id) {
    return ascii(RAW + id.name());
  }

  static byte[] pendingKey(RepositoryName name) {
    return ascii(PENDING + name);
  }

  static byte[] encode(Twin twin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(48);
    out.write(twin.kind().ordinal() + 1);
    out.write(twin.rawKept() ? 1 : 0);
    out.writeBytes(twin.address().toBytes());
    if (twin.kind() == Twin.Kind.BLOB) {
      long v = twin.size();
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
    return out.toByteArray();
  }

  static Twin decode(byte[] value) {
    Twin.Kind kind = Twin.Kind.values()[value[0] - 1];
    boolean raw = (value[1] & 1) != 0;
    Hash address = Hash.fromBytes(value, 2);
    long size = 0;
    int shift = 0;
    for (int i = 2 + Hash.LENGTH; i < value.length; i++, shift += 7) {
      size |= (long) (value[i] & 0x7f) << shift;
    }
    return new Twin(kind, address, size, raw);
  }

  static byte[] encodeReverse(Twin.Kind kind, AnyObjectId id) {
    byte[] value = new byte[1 + 20];
    value[0] = (byte) (kind.ordinal() + 1);
    id.copyRawTo(value, 1);
    return value;
  }

  static Optional<Twin> lookup(KeyValueStore meta, AnyObjectId id) throws IOException {
    return meta.get(objectKey(id)).map(TwinIndex::decode);
  }

  /** A blob's locator in the content index: the repository's name, a 0 byte, the SHA-1. */
  static byte[] locator(RepositoryName name, AnyObjectId blob) {
    byte[] n = name.toString().getBytes(StandardCharsets.UTF_8);
    byte[] locator = Arrays.copyOf(n, n.length + 1 + 20);
    blob.copyRawTo(locator, n.length + 1);
    return locator;
  }

  /** The repository name of a locator, or null if it is malformed. */
  static @Nullable String locatorRepository(byte[] locator) {
    int zero = locator.length - 21;
    if (zero < 1 || locator[zero] != 0) {
      return null;
    }
    return new String(locator, 0, zero, StandardCharsets.UTF_8);
  }

  /** The blob SHA-1 of a locator. */
  static ObjectId locatorObject(byte[] locator) {
    return ObjectId.fromRaw(locator, locator.length - 20);
  }

  static long put(KvBatch batch, byte[] key, byte[] value) {
    batch.put(key, value);
    return key.length + value.length;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
