package dev.helios.engine.vst;

import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KeyValueStore;
import dev.helios.engine.kv.KvBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What Helios knows about the files of one directory on disk that it materialized or imported: for
 * each path, the file's stat and the content it held, and for the directory the root address of the
 * tree it holds. Lets {@link Materializer} and {@link DirectoryImporter} skip files that have not
 * changed without reading them. Not thread-safe; one materialize or import per directory at a time.
 */
final class StatCache {
  /*
   * Layout in the metadata store, one key per file so that an update costs O(changed):
   *   vst/stat/<dirId>          version, root address of the tree the directory holds, the path
   *   vst/stat/<dirId>/<path>   one Entry (see encode)
   * dirId is 16 hex digits of the BLAKE3 of the directory's real absolute path.
   *
   * Entries are kept for files, executables and symlinks (content), for gitlinks (an empty
   * directory on disk; the entry remembers which commit it stands for) and for empty
   * directories (so that one removed by hand is noticed).
   *
   * Racy entries. A file changed within the granularity of its timestamp after it was recorded
   * can keep the same size and mtime, so its stat cannot prove it unchanged. Git calls this
   * "racy git" and handles it by comparing mtimes with the index file's own mtime; here each
   * entry whose mtime is within RACY_WINDOW of the moment the cache was written is flagged
   * racy, and a racy entry is never trusted: its file is read and hashed again next time, and
   * the entry rewritten (no longer racy once the file has aged). Two seconds covers the
   * coarsest common timestamps (FAT) and modest clock skew between the file system and this
   * process.
   */

  /** The prefix of every stat cache key. */
  static final String PREFIX = "vst/stat/";

  /** Files whose mtime is this close to the cache's writing (or later) are re-hashed. */
  static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final int RECORD_VERSION = 1;
  private static final int ENTRY_VERSION = 1;
  private static final int ENTRY_LENGTH = 3 + 6 * Long.BYTES + Hash.LENGTH;
  private static final long UNKNOWN = Long.MIN_VALUE;
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IXUSR = 0100;

  private final KeyValueStore meta;
  private final Path directory;
  private final String dirId;

  /** The cache of {@code directory}, which must be a real path (see {@link Path#toRealPath}). */
  StatCache(KeyValueStore meta, Path directory) {
    this.meta = meta;
    this.directory = directory;
    this.dirId = dirId(directory);
  }

  /** 16 hex digits of the BLAKE3 of the directory's path. */
  static String dirId(Path realDirectory) {
    Hash h = Blake3.hash(realDirectory.toString().getBytes(StandardCharsets.UTF_8));
    return h.toHex().substring(0, 16);
  }

  /** The root address of the tree the directory holds, or empty when nothing is recorded. */
  Optional<Hash> recordedRoot() throws IOException {
    Optional<byte[]> value = meta.get(recordKey());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = value.get();
    if (bytes.length < 1 + Hash.LENGTH || bytes[0] != RECORD_VERSION) {
      return Optional.empty(); // unknown or damaged: a full pass rebuilds it
    }
    return Optional.of(Hash.fromBytes(bytes, 1));
  }

  /** Every entry, by path; unknown or damaged entries are left out (they are rebuilt). */
  Map<String, Entry> load() throws IOException {
    byte[] prefix = entryKey("");
    Map<String, Entry> entries = new HashMap<>();
    for (KeyValueStore.Entry e : meta.scan(prefix, Integer.MAX_VALUE)) {
      Entry entry = decode(e.value());
      if (entry != null) {
        String path =
            new String(
                e.key(), prefix.length, e.key().length - prefix.length, StandardCharsets.UTF_8);
        entries.put(path, entry);
      }
    }
    return entries;
  }

  /** Adds to {@code batch} the change of the entry at {@code path} from {@code old}, if any. */
  void update(KvBatch batch, String path, @Nullable Entry old, @Nullable Entry now) {
    if (now == null) {
      if (old != null) {
        batch.delete(entryKey(path));
      }
    } else if (!now.equals(old)) {
      batch.put(entryKey(path), encode(now));
    }
  }

  /** Adds to {@code batch} the record that the directory holds the tree at {@code root}. */
  void record(KvBatch batch, Hash root) {
    byte[] path = directory.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + Hash.LENGTH + path.length);
    out.put((byte) RECORD_VERSION);
    root.writeTo(out);
    out.put(path);
    batch.put(recordKey(), out.array());
  }

  private byte[] recordKey() {
    return (PREFIX + dirId).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] entryKey(String path) {
    return (PREFIX + dirId + "/" + path).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What Helios recorded about one path.
   *
   * @param kind what the path holds
   * @param hash the content hash (files and symlinks), the padded gitlink id, or for a directory
   *     the empty directory's address
   * @param contentSize the content length (files and symlinks), otherwise 0
   * @param stat the file's stat when recorded
   * @param racy whether the stat was too recent to be trusted (see the class notes)
   */
  record Entry(EntryKind kind, Hash hash, long contentSize, FileStat stat, boolean racy) {
    /** An entry for {@code stat}, racy when its mtime is near {@code nowNanos} or later. */
    static Entry of(EntryKind kind, Hash hash, long contentSize, FileStat stat, long nowNanos) {
      boolean racy = stat.mtimeNanos() >= nowNanos - RACY_WINDOW_NANOS;
      return new Entry(kind, hash, contentSize, stat, racy);
    }

    /** Whether the entry says, by stat alone, that the file on disk is what it recorded. */
    boolean trusts(@Nullable FileStat disk) {
      if (disk == null) {
        return false;
      }
      if (kind == EntryKind.DIRECTORY || kind == EntryKind.GITLINK) {
        return disk.kind() == EntryKind.DIRECTORY;
      }
      return !racy && stat.sameAs(disk);
    }

    /** Whether the entry records this content. */
    boolean holds(EntryKind k, Hash h) {
      return kind == k && hash.equals(h);
    }
  }

  /**
   * The stat of a file, not following symlinks.
   *
   * @param kind {@link EntryKind#FILE}, {@link EntryKind#EXECUTABLE} (owner executable bit), {@link
   *     EntryKind#SYMLINK} or {@link EntryKind#DIRECTORY}; null for anything else (a fifo, socket
   *     or device)
   * @param size the size in bytes
   * @param mtimeNanos the modification time, nanoseconds since the epoch
   * @param ctimeNanos the status change time, or {@code Long.MIN_VALUE} when unknown
   * @param device the device id, or 0 when unknown
   * @param inode the inode (or another file key), or 0 when unknown
   */
  record FileStat(
      @Nullable EntryKind kind,
      long size,
      long mtimeNanos,
      long ctimeNanos,
      long device,
      long inode) {

    /** Whether two stats describe the same, unchanged file. */
    boolean sameAs(FileStat other) {
      return kind == other.kind
          && size == other.size
          && mtimeNanos == other.mtimeNanos
          && device == other.device
          && inode == other.inode
          && (ctimeNanos == UNKNOWN
              || other.ctimeNanos == UNKNOWN
              || ctimeNanos == other.ctimeNanos);
    }

    /**
     * Reads the stat of {@code file}, or returns null when there is no such file (or a parent is
     * not a directory).
     *
     * @throws IOException if it cannot be read
     */
    static @Nullable FileStat read(Path file) throws IOException {
      try {
        if (file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
          return readUnix(file);
        }
        return readOther(file);
      } catch (NoSuchFileException e) {
        return null;
      } catch (FileSystemException e) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          return null; // e.g. ENOTDIR: a parent is no longer a directory
        }
        throw e;
      }
    }

    private static FileStat readUnix(Path file) throws IOException {
      Map<String, Object> a =
          Files.readAttributes(
              file, "unix:mode,size,lastModifiedTime,ctime,dev,ino", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      EntryKind kind =
          switch (mode & S_IFMT) {
            case S_IFREG -> (mode & S_IXUSR) != 0 ? EntryKind.EXECUTABLE : EntryKind.FILE;
            case S_IFDIR -> EntryKind.DIRECTORY;
            case S_IFLNK -> EntryKind.SYMLINK;
            default -> null;
          };
      return new FileStat(
          kind,
          (Long) a.get("size"),
          nanos((FileTime) a.get("lastModifiedTime")),
          nanos((FileTime) a.get("ctime")),
          (Long) a.get("dev"),
          (Long) a.get("ino"));
    }

    private static FileStat readOther(Path file) throws IOException {
      BasicFileAttributes a;
      boolean executable = false;
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        PosixFileAttributes p =
            Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        executable = p.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        a = p;
      } else {
        a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      EntryKind kind =
          a.isSymbolicLink()
              ? EntryKind.SYMLINK
              : a.isDirectory()
                  ? EntryKind.DIRECTORY
                  : !a.isRegularFile() ? null : executable ? EntryKind.EXECUTABLE : EntryKind.FILE;
      Object key = a.fileKey();
      return new FileStat(
          kind,
          a.size(),
          nanos(a.lastModifiedTime()),
          UNKNOWN,
          0,
          key == null ? 0 : key.hashCode());
    }

    private static long nanos(FileTime time) {
      return time.to(TimeUnit.NANOSECONDS);
    }
  }

  // version, kind, flags, content size, size, mtime, ctime, device, inode, hash: 83 bytes.
  static byte[] encode(Entry e) {
    ByteBuffer out = ByteBuffer.allocate(ENTRY_LENGTH);
    out.put((byte) ENTRY_VERSION);
    out.put((byte) e.kind().code());
    FileStat s = e.stat();
    out.put((byte) ((e.racy() ? 1 : 0) | (s.kind() == null ? 0 : s.kind().code() << 1)));
    out.putLong(e.contentSize());
    out.putLong(s.size());
    out.putLong(s.mtimeNanos());
    out.putLong(s.ctimeNanos());
    out.putLong(s.device());
    out.putLong(s.inode());
    e.hash().writeTo(out);
    return out.array();
  }

  static @Nullable Entry decode(byte[] bytes) {
    if (bytes.length != ENTRY_LENGTH || bytes[0] != ENTRY_VERSION) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    EntryKind kind = EntryKind.fromCode(in.get());
    int flags = in.get();
    long contentSize = in.getLong();
    FileStat stat =
        new FileStat(
            EntryKind.fromCode(flags >> 1),
            in.getLong(),
            in.getLong(),
            in.getLong(),
            in.getLong(),
            in.getLong());
    Hash hash = Hash.fromBytes(bytes, bytes.length - Hash.LENGTH);
    if (kind == null || contentSize < 0) {
      return null;
    }
    return new Entry(kind, hash, contentSize, stat, (flags & 1) != 0);
  }
}
