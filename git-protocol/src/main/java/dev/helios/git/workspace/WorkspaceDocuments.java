package dev.helios.git.workspace;

import dev.helios.engine.hash.Hash;
import dev.helios.engine.vst.Change;
import dev.helios.engine.vst.DirEntry;
import dev.helios.engine.vst.EntryKind;
import dev.helios.engine.vst.Snapshot;
import dev.helios.engine.vst.WorkspaceInfo;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of workspaces, snapshots, entries and changes, shared by the HTTP API and
 * {@code helios ws --json} so both print the same documents. Stateless.
 */
public final class WorkspaceDocuments {
  private WorkspaceDocuments() {}

  /** {@code {name, branch, head, branches, savedChanges}}; {@code head} is null before a commit. */
  public static Map<String, Object> workspace(WorkspaceInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", info.name());
    out.put("branch", info.branch());
    out.put("head", info.head().map(Hash::toHex).orElse(null));
    out.put("branches", info.branches());
    out.put("savedChanges", info.hasSavedChanges());
    return out;
  }

  /** {@code {id, root, parents, author, time, message, metadata}}. */
  public static Map<String, Object> snapshot(Snapshot s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id().toHex());
    out.put("root", s.root().toHex());
    List<String> parents = new ArrayList<>();
    s.parents().forEach(p -> parents.add(p.toHex()));
    out.put("parents", parents);
    out.put("author", s.author());
    out.put("time", s.time().toString());
    out.put("message", s.message());
    out.put("metadata", s.metadata());
    return out;
  }

  /**
   * {@code {name, kind, size, hash}}; kind is {@code file}, {@code executable}, {@code symlink},
   * {@code gitlink} or {@code directory}, and a gitlink's hash is the submodule commit's SHA-1.
   */
  public static Map<String, Object> entry(DirEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", e.name());
    out.put("kind", kind(e.kind()));
    out.put("size", e.size());
    out.put(
        "hash",
        e.kind() == EntryKind.GITLINK ? HexFormat.of().formatHex(e.gitlinkId()) : e.hash().toHex());
    return out;
  }

  /** {@code {type, path, before, after}}; type is added, deleted or modified. */
  public static Map<String, Object> change(Change c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", c.type().name().toLowerCase(Locale.ROOT));
    out.put("path", c.path());
    out.put("before", entryOrNull(c.before()));
    out.put("after", entryOrNull(c.after()));
    return out;
  }

  /** The lower-case name of {@code kind}, as documents spell it. */
  public static String kind(EntryKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static @Nullable Map<String, Object> entryOrNull(@Nullable DirEntry e) {
    return e == null ? null : entry(e);
  }
}
