package dev.helios.engine.vst.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Path lookup and copy-on-write path update on a tree given by its root. Stateless. */
public final class Trees {
  private Trees() {}

  /**
   * Returns the entry at {@code names} below {@code root}, or null when there is none (or a
   * parent is not a directory). The root itself has no entry: {@code names} must not be empty.
   */
  public static @Nullable Entry find(DirRef root, List<String> names, NodeSource source)
      throws IOException {
    DirRef dir = root;
    for (int i = 0; ; i++) {
      Entry entry = Directories.get(dir.load(source), names.get(i), source);
      if (entry == null || i == names.size() - 1) {
        return entry;
      }
      if (entry.dir == null) {
        return null;
      }
      dir = entry.dir;
    }
  }

  /**
   * Returns the directory at {@code names} ({@code root} for none).
   *
   * @throws NoSuchFileException if it does not exist
   * @throws NotDirectoryException if it, or a parent, is not a directory
   */
  public static DirRef directory(DirRef root, List<String> names, NodeSource source)
      throws IOException {
    DirRef dir = root;
    for (int i = 0; i < names.size(); i++) {
      Entry entry = Directories.get(dir.load(source), names.get(i), source);
      String path = String.join("/", names.subList(0, i + 1));
      if (entry == null) {
        throw new NoSuchFileException(path);
      }
      if (entry.dir == null) {
        throw new NotDirectoryException(path);
      }
      dir = entry.dir;
    }
    return dir;
  }

  /**
   * Returns a new root where the entry at {@code names} (not empty) is {@code entry} — renamed
   * to the last name — or is removed when {@code entry} is null. Missing parent directories are
   * created when {@code createParents}; removing what is absent returns {@code root} itself.
   * A directory is never replaced by an entry that is not one.
   *
   * @throws FileSystemException if {@code entry} is not a directory and a directory is there
   * @throws NoSuchFileException if a parent is missing and not to be created
   * @throws NotDirectoryException if a parent is not a directory
   */
  public static DirRef update(
      DirRef root, List<String> names, @Nullable Entry entry, boolean createParents,
      NodeSource source)
      throws IOException {
    return update(root, names, 0, entry, createParents, source);
  }

  private static DirRef update(
      DirRef ref, List<String> names, int i, @Nullable Entry entry, boolean createParents,
      NodeSource source)
      throws IOException {
    Dir dir = ref.load(source);
    String name = names.get(i);
    Dir updated;
    if (i == names.size() - 1) {
      if (entry == null) {
        updated = Directories.remove(dir, name, source);
      } else {
        if (entry.dir == null) {
          // Checked here, in the one walk down the path, rather than by a lookup beforehand.
          Entry existing = Directories.get(dir, name, source);
          if (existing != null && existing.dir != null) {
            throw new FileSystemException(String.join("/", names), null, "is a directory");
          }
        }
        updated = Directories.put(dir, name.equals(entry.name) ? entry : entry.renamed(name), source);
      }
    } else {
      Entry child = Directories.get(dir, name, source);
      DirRef childDir;
      String path = String.join("/", names.subList(0, i + 1));
      if (child == null) {
        if (entry == null) {
          return ref;
        }
        if (!createParents) {
          throw new NoSuchFileException(path);
        }
        childDir = DirRef.of(LeafDir.EMPTY, 0);
      } else if (child.dir == null) {
        if (entry == null) {
          return ref;
        }
        throw new NotDirectoryException(path);
      } else {
        childDir = child.dir;
      }
      DirRef newChild = update(childDir, names, i + 1, entry, createParents, source);
      if (newChild == childDir && child != null) {
        return ref;
      }
      updated = Directories.put(dir, Entry.directory(name, newChild), source);
    }
    return updated == dir ? ref : DirRef.of(updated, 0);
  }
}
