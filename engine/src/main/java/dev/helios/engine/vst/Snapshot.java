package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable committed state of a tree: its root directory, the snapshots it follows, who made
 * it and when, a message and free-form metadata. Its {@link #id} is the BLAKE3 of its encoding,
 * so equal snapshots have equal ids.
 *
 * @param id the snapshot's address
 * @param root the address of the root directory node
 * @param parents the snapshots this one follows (none for the first), first parent first
 * @param author who made it, typically {@code Name <email>}
 * @param time when it was made, to the millisecond
 * @param message what it is about
 * @param metadata free-form key/value pairs, sorted by key
 */
public record Snapshot(
    Hash id,
    Hash root,
    List<Hash> parents,
    String author,
    Instant time,
    String message,
    SortedMap<String, String> metadata) {

  public Snapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(root, "root");
    parents = List.copyOf(parents);
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /** The fields of a snapshot before it has an id. */
  public record Draft(
      Hash root, List<Hash> parents, String author, Instant time, String message,
      Map<String, String> metadata) {}
}
