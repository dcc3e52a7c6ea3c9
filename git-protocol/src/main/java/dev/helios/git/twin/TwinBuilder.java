package dev.helios.git.twin;

import dev.helios.engine.Storage;
import dev.helios.engine.SyncPolicy;
import dev.helios.engine.cas.ChunkBatch;
import dev.helios.engine.errors.StoreException;
import dev.helios.engine.hash.Blake3;
import dev.helios.engine.hash.Hash;
import dev.helios.engine.kv.KvBatch;
import dev.helios.engine.vst.Annotation;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.NodeWriter;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.VstPaths;
import dev.helios.engine.vst.Workspaces;
import dev.helios.git.RepositoryName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Computes the twins of the objects of one repository reachable from its refs: writes those not
 * twinned yet (build), or recomputes all of them and compares (check). One use per instance;
 * not thread-safe.
 */
final class TwinBuilder {
  /*
   * Order: a twin refers to the twins of what its object refers to, so children come first: a
   * commit after its tree and its parents (an iterative post-order walk that stops at commits
   * already twinned — their ancestors are twinned too, because index entries are written in
   * batches in that order), a tree after its entries, a tag after its target.
   *
   * Fidelity: a tree's twin is its entries as a directory node. When the Git bytes are not the
   * canonical serialization of those entries (a mode such as 100664 or 040000, entries out of
   * Git's order or repeated, a name that is not Unicode or not a valid VST name), the twin alone
   * cannot give back the bytes, so the exact object is kept as a chunk (twin/raw/<sha1>). A
   * commit's twin is a snapshot whose metadata "git.header" holds the header lines after tree
   * and parents, and whose message is the raw message: with the twins of tree and parents that
   * rebuilds the commit; when header or message are not UTF-8, the raw object is kept too. A
   * tag's twin is an annotation node holding the whole tag object.
   *
   * Durability and resumption: nodes and index entries go out in batches (Storage.commit, one
   * atomic write each, children's batches before or with their parents'). A crash loses at most
   * the batch in flight; the next build finds what is twinned and goes on from there.
   */

  private static final int FLUSH_OBJECTS = 2_000;
  private static final long FLUSH_BYTES = 8L << 20;

  private final Storage storage;
  private final RepositoryName name;
  private final Repository repository;
  private final boolean checkOnly;
  private final @Nullable Consumer<TwinProblem> problems;
  private final Map<ObjectId, Twin> memo = new HashMap<>();
  private ChunkBatch chunks = new ChunkBatch();
  private KvBatch meta = new KvBatch();
  private int pendingObjects;
  private long pendingBytes;
  private long blobs;
  private long trees;
  private long commits;
  private long tags;
  private long rawKept;
  private long nodeBytes;
  private long indexBytes;

  TwinBuilder(
      Storage storage, RepositoryName name, Repository repository, boolean checkOnly,
      @Nullable Consumer<TwinProblem> problems) {
    this.storage = storage;
    this.name = name;
    this.repository = repository;
    this.checkOnly = checkOnly;
    this.problems = problems;
  }

  TwinReport run() throws IOException {
    long start = System.nanoTime();
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        if (ref.getObjectId() == null) {
          continue;
        }
        twinOf(walk, reader, ref.getObjectId());
      }
      flush();
    }
    return new TwinReport(
        blobs, trees, commits, tags, rawKept, nodeBytes, indexBytes,
        (System.nanoTime() - start) / 1_000_000);
  }

  private Twin twinOf(RevWalk walk, ObjectReader reader, ObjectId id) throws IOException {
    Twin known = known(id);
    if (known != null) {
      return known;
    }
    RevObject object = walk.parseAny(id);
    return switch (object.getType()) {
      case Constants.OBJ_COMMIT -> commitsFrom(walk, reader, (RevCommit) object);
      case Constants.OBJ_TREE -> tree(reader, id);
      case Constants.OBJ_BLOB -> blob(reader, id);
      case Constants.OBJ_TAG -> tag(walk, reader, (RevTag) object);
      default -> throw new StoreException("object " + id.name() + " has an unknown type");
    };
  }

  // Post-order over the commits not twinned yet, iteratively (histories are long).
  private Twin commitsFrom(RevWalk walk, ObjectReader reader, RevCommit tip) throws IOException {
    Deque<RevCommit> stack = new ArrayDeque<>();
    Set<ObjectId> expanded = new HashSet<>();
    stack.push(tip);
    while (!stack.isEmpty()) {
      RevCommit c = stack.peek();
      if (known(c) != null) {
        stack.pop();
        continue;
      }
      walk.parseHeaders(c);
      if (expanded.add(c.copy())) {
        for (RevCommit p : c.getParents()) {
          if (known(p) == null) {
            stack.push(p);
          }
        }
        continue;
      }
      stack.pop();
      commit(reader, c);
    }
    return known(tip);
  }

  private @Nullable Twin known(AnyObjectId id) throws IOException {
    Twin twin = memo.get(id);
    if (twin == null && !checkOnly) {
      twin = TwinIndex.lookup(storage.meta(), id).orElse(null);
    }
    return twin;
  }

  private Twin commit(ObjectReader reader, RevCommit c) throws IOException {
    byte[] raw = c.getRawBuffer();
    Twin tree = tree(reader, c.getTree().copy());
    List<Hash> parents = new ArrayList<>();
    for (RevCommit p : c.getParents()) {
      parents.add(known(p).address());
    }
    int pos = 0;
    pos = skipLine(raw, pos, "tree ");
    while (startsWith(raw, pos, "parent ")) {
      pos = skipLine(raw, pos, "parent ");
    }
    int blank = indexOf(raw, pos, "\n\n");
    String header = null;
    String message = null;
    if (pos > 0 && blank >= 0) {
      header = utf8(raw, pos, blank + 1 - pos);
      message = utf8(raw, blank + 2, raw.length - blank - 2);
    }
    boolean keepRaw = header == null || message == null;
    TreeMap<String, String> metadata = new TreeMap<>();
    if (!keepRaw) {
      metadata.put("git.header", header);
    }
    var author = c.getAuthorIdent();
    Snapshot.Draft draft =
        new Snapshot.Draft(
            tree.address(), parents,
            author == null ? "" : author.getName() + " <" + author.getEmailAddress() + ">",
            author == null ? Instant.EPOCH : author.getWhenAsInstant(),
            keepRaw ? c.getFullMessage() : message, metadata);
    commits++;
    Hash id = NodeWriter.snapshot(draft, chunks);
    return record(c.copy(), new Twin(Twin.Kind.COMMIT, id, 0, keepRaw), keepRaw ? raw : null);
  }

  private Twin tree(ObjectReader reader, ObjectId id) throws IOException {
    Twin known = known(id);
    if (known != null) {
      return known;
    }
    byte[] raw = reader.open(id, Constants.OBJ_TREE).getCachedBytes();
    List<DirEntry> entries = new ArrayList<>();
    boolean canonical = true;
    byte[] previous = null;
    boolean previousTree = false;
    int pos = 0;
    while (pos < raw.length) {
      int space = indexOf(raw, pos, " ");
      int nul = space < 0 ? -1 : indexOf(raw, space + 1, "\0");
      if (space < 0 || nul < 0 || nul + 21 > raw.length) {
        throw new StoreException("tree " + id.name() + " is malformed");
      }
      String modeText = new String(raw, pos, space - pos, StandardCharsets.US_ASCII);
      byte[] nameBytes = Arrays.copyOfRange(raw, space + 1, nul);
      ObjectId child = ObjectId.fromRaw(raw, nul + 1);
      pos = nul + 21;
      int mode = parseMode(modeText);
      EntryKind kind = kindOf(mode);
      canonical &= kind != null && modeText.equals(Integer.toOctalString(kind.gitMode()));
      boolean isTree = kind == EntryKind.DIRECTORY;
      if (previous != null && gitOrder(previous, previousTree, nameBytes, isTree) >= 0) {
        canonical = false;
      }
      previous = nameBytes;
      previousTree = isTree;
      String entryName = utf8(nameBytes, 0, nameBytes.length);
      if (kind == null || entryName == null || VstPaths.nameProblem(entryName) != null) {
        canonical = false;
        continue;
      }
      entries.add(
          switch (kind) {
            case DIRECTORY -> new DirEntry(entryName, kind, tree(reader, child).address(), 0);
            case GITLINK -> DirEntry.gitlink(entryName, rawId(child));
            default -> {
              Twin blob = blob(reader, child);
              yield new DirEntry(entryName, kind, blob.address(), blob.size());
            }
          });
    }
    entries.sort((a, b) -> VstPaths.compareNames(a.name(), b.name()));
    List<DirEntry> unique = new ArrayList<>(entries.size());
    for (DirEntry e : entries) {
      if (!unique.isEmpty() && unique.get(unique.size() - 1).name().equals(e.name())) {
        canonical = false;
        continue;
      }
      unique.add(e);
    }
    trees++;
    Hash address = NodeWriter.directory(unique, chunks);
    return record(id, new Twin(Twin.Kind.TREE, address, 0, !canonical), canonical ? null : raw);
  }

  private Twin blob(ObjectReader reader, ObjectId id) throws IOException {
    Twin known = known(id);
    if (known != null) {
      return known;
    }
    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
    Hash hash;
    if (loader.isLarge()) {
      Blake3.Hasher hasher = Blake3.newHasher();
      byte[] buffer = new byte[64 << 10];
      try (InputStream in = loader.openStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          hasher.update(buffer, 0, n);
        }
      }
      hash = hasher.finish();
    } else {
      hash = Blake3.hash(loader.getCachedBytes());
    }
    blobs++;
    if (!checkOnly) {
      KvBatch index = new KvBatch();
      Workspaces.indexExternalContent(index, hash, TwinIndex.CONTENT_SOURCE, TwinIndex.locator(name, id));
      for (KvBatch.Op op : index.ops()) {
        indexBytes += TwinIndex.put(meta, op.key(), op.value());
      }
    }
    return record(id.copy(), new Twin(Twin.Kind.BLOB, hash, loader.getSize(), false), null);
  }

  private Twin tag(RevWalk walk, ObjectReader reader, RevTag tag) throws IOException {
    Twin target = twinOf(walk, reader, tag.getObject().copy());
    Annotation.TargetKind kind =
        switch (target.kind()) {
          case COMMIT -> Annotation.TargetKind.SNAPSHOT;
          case TREE -> Annotation.TargetKind.DIRECTORY;
          case BLOB -> Annotation.TargetKind.CONTENT;
          case TAG -> Annotation.TargetKind.ANNOTATION;
        };
    tags++;
    Hash id = NodeWriter.annotation(kind, target.address(), target.size(), tag.getRawBuffer(), chunks);
    return record(tag.copy(), new Twin(Twin.Kind.TAG, id, 0, false), null);
  }

  // Remembers a twin; in a build, queues its index entries (and raw bytes) for writing.
  private Twin record(ObjectId id, Twin twin, byte @Nullable [] raw) throws IOException {
    memo.put(id, twin);
    if (twin.rawKept()) {
      rawKept++;
    }
    if (checkOnly) {
      compare(id, twin);
      return twin;
    }
    if (raw != null) {
      Hash rawChunk = chunks.add(raw);
      indexBytes += TwinIndex.put(meta, TwinIndex.rawKey(id), rawChunk.toBytes());
    }
    indexBytes += TwinIndex.put(meta, TwinIndex.objectKey(id), TwinIndex.encode(twin));
    if (twin.kind() != Twin.Kind.BLOB) {
      indexBytes +=
          TwinIndex.put(meta, TwinIndex.reverseKey(twin.address()), TwinIndex.encodeReverse(twin.kind(), id));
    }
    pendingObjects++;
    if (pendingObjects >= FLUSH_OBJECTS || chunks.bytes() + pendingBytes >= FLUSH_BYTES) {
      flush();
    }
    return twin;
  }

  private void compare(ObjectId id, Twin computed) throws IOException {
    Optional<Twin> stored = TwinIndex.lookup(storage.meta(), id);
    if (stored.isEmpty()) {
      problem(id, "has no twin");
      return;
    }
    if (!stored.get().address().equals(computed.address())
        || stored.get().size() != computed.size()
        || stored.get().kind() != computed.kind()) {
      problem(
          id,
          "twin mismatch: stored " + stored.get().address().abbreviate(16) + ", recomputed "
              + computed.address().abbreviate(16));
      return;
    }
    if (computed.kind() != Twin.Kind.BLOB) {
      try {
        if (storage.chunks().get(computed.address()).isEmpty()
            && !computed.address().equals(NodeWriter.emptyDirectory())) {
          problem(id, "twin node " + computed.address() + " is missing");
        }
      } catch (IOException e) {
        problem(id, "twin node unreadable: " + e.getMessage());
      }
    }
  }

  private void problem(AnyObjectId id, String message) {
    if (problems != null) {
      problems.accept(new TwinProblem(id.name(), message));
    }
  }

  private void flush() throws IOException {
    if (checkOnly || (chunks.isEmpty() && meta.isEmpty())) {
      return;
    }
    for (byte[] value : chunks.chunks().values()) {
      nodeBytes += value.length;
    }
    storage.commit(chunks, meta, SyncPolicy.WAL);
    chunks = new ChunkBatch();
    meta = new KvBatch();
    pendingObjects = 0;
    pendingBytes = 0;
  }

  // ---- parsing helpers ----

  private static int parseMode(String text) {
    if (text.isEmpty() || text.length() > 7) {
      return -1;
    }
    int mode = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '7') {
        return -1;
      }
      mode = mode * 8 + (c - '0');
    }
    return mode;
  }

  private static @Nullable EntryKind kindOf(int mode) {
    if (mode < 0) {
      return null;
    }
    return switch (mode & 0170000) {
      case 0040000 -> EntryKind.DIRECTORY;
      case 0120000 -> EntryKind.SYMLINK;
      case 0160000 -> EntryKind.GITLINK;
      case 0100000 -> (mode & 0111) != 0 ? EntryKind.EXECUTABLE : EntryKind.FILE;
      default -> null;
    };
  }

  // Git's tree order: names compared as bytes, a tree's name as if followed by '/'.
  private static int gitOrder(byte[] a, boolean aTree, byte[] b, boolean bTree) {
    int n = Math.min(a.length, b.length);
    int c = Arrays.compareUnsigned(a, 0, n, b, 0, n);
    if (c != 0) {
      return c;
    }
    int ca = a.length > n ? a[n] & 0xff : (aTree ? '/' : 0);
    int cb = b.length > n ? b[n] & 0xff : (bTree ? '/' : 0);
    if (ca == cb && a.length == b.length) {
      return 0;
    }
    return ca - cb != 0 ? ca - cb : a.length - b.length;
  }

  private static byte[] rawId(ObjectId id) {
    byte[] raw = new byte[20];
    id.copyRawTo(raw, 0);
    return raw;
  }

  private static @Nullable String utf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] raw, int pos, String prefix) {
    if (pos + prefix.length() > raw.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[pos + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // The position after the line at pos when it starts with prefix, else 0 (not parsed).
  private static int skipLine(byte[] raw, int pos, String prefix) {
    if (!startsWith(raw, pos, prefix)) {
      return 0;
    }
    int end = indexOf(raw, pos, "\n");
    return end < 0 ? 0 : end + 1;
  }

  private static int indexOf(byte[] raw, int from, String needle) {
    outer:
    for (int i = Math.max(0, from); i + needle.length() <= raw.length; i++) {
      for (int k = 0; k < needle.length(); k++) {
        if (raw[i + k] != needle.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
