package dev.helios.engine.vst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helios.engine.Storage;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Random workspace operations against a plain model of the tree. */
class WorkspaceModelPropertyTest {
  private static final String[] NAMES = {"a", "b", "c"};
  private static final String[] CONTENTS = {"", "x", "y", "zz"};

  /** Files by path, and every directory (parents included). */
  record Model(TreeMap<String, String> files, TreeSet<String> dirs) {
    Model() {
      this(new TreeMap<>(), new TreeSet<>());
    }

    Model copy() {
      return new Model(new TreeMap<>(files), new TreeSet<>(dirs));
    }

    boolean isFile(String p) {
      return files.containsKey(p);
    }

    boolean isDir(String p) {
      return dirs.contains(p);
    }

    boolean fileAbove(String p) {
      for (String parent : parents(p)) {
        if (isFile(parent)) {
          return true;
        }
      }
      return false;
    }

    void addParents(String p) {
      dirs.addAll(parents(p));
    }

    // Removes `p` and everything below; returns the removed files and directories, relative.
    Model cut(String p) {
      Model removed = new Model();
      if (isFile(p)) {
        removed.files.put("", files.remove(p));
      }
      if (dirs.remove(p)) {
        removed.dirs.add("");
      }
      String prefix = p + "/";
      for (String k : List.copyOf(files.keySet())) {
        if (k.startsWith(prefix)) {
          removed.files.put(k.substring(prefix.length()), files.remove(k));
        }
      }
      for (String k : List.copyOf(dirs)) {
        if (k.startsWith(prefix)) {
          dirs.remove(k);
          removed.dirs.add(k.substring(prefix.length()));
        }
      }
      return removed;
    }

    void paste(String p, Model subtree) {
      subtree.files.forEach((k, v) -> files.put(k.isEmpty() ? p : p + "/" + k, v));
      subtree.dirs.forEach(k -> dirs.add(k.isEmpty() ? p : p + "/" + k));
      addParents(p);
    }

    List<String> children(String dir) {
      TreeSet<String> names = new TreeSet<>(VstPaths::compareNames);
      String prefix = dir.isEmpty() ? "" : dir + "/";
      for (String p : files.keySet()) {
        if (p.startsWith(prefix) && !p.substring(prefix.length()).contains("/")) {
          names.add(p.substring(prefix.length()));
        }
      }
      for (String p : dirs) {
        if (p.startsWith(prefix) && !p.isEmpty() && !p.substring(prefix.length()).contains("/")) {
          names.add(p.substring(prefix.length()));
        }
      }
      return new ArrayList<>(names);
    }

    String kind(String p) {
      return isFile(p) ? "FILE" : isDir(p) ? "DIRECTORY" : null;
    }
  }

  @Property(tries = 200, seed = "3301")
  void randomOperations_matchTheModel(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    try (Storage storage = Storage.inMemory()) {
      Workspaces workspaces = storage.workspaces();
      Model model = new Model();
      List<Hash> snapshots = new ArrayList<>();
      List<Model> states = new ArrayList<>();
      try (Workspace ws = workspaces.create("w")) {
        for (int step = 0; step < 50; step++) {
          String context = "seed " + seed + " step " + step;
          int op = random.nextInt(100);
          if (op < 30) {
            write(ws, model, path(random), CONTENTS[random.nextInt(CONTENTS.length)], context);
          } else if (op < 42) {
            String p = path(random);
            boolean existed = model.isFile(p) || model.isDir(p);
            model.cut(p);
            assertThat(ws.delete(p)).as(context + " delete " + p).isEqualTo(existed);
          } else if (op < 52) {
            mkdir(ws, model, path(random), context);
          } else if (op < 67) {
            rename(ws, model, path(random), path(random), context);
          } else if (op < 85) {
            Hash id = ws.commit("step " + step);
            assertThat(ws.root()).as(context).isEqualTo(workspaces.snapshot(id).root());
            check(workspaces, ws, id, model, context);
            if (!snapshots.isEmpty()) {
              int earlier = random.nextInt(snapshots.size());
              assertThat(describe(workspaces.diff(snapshots.get(earlier), id)))
                  .as(context + " diff from snapshot " + earlier)
                  .containsExactlyElementsOf(diff(states.get(earlier), model));
            }
            snapshots.add(id);
            states.add(model.copy());
          } else if (op < 95 && !snapshots.isEmpty()) {
            int earlier = random.nextInt(snapshots.size());
            ws.restore(snapshots.get(earlier));
            model = states.get(earlier).copy();
          } else {
            String p = path(random);
            if (model.isFile(p)) {
              assertThat(new String(ws.read(p), StandardCharsets.UTF_8)).as(context).isEqualTo(model.files.get(p));
            } else {
              assertThatThrownBy(() -> ws.read(p)).as(context).isInstanceOf(FileSystemException.class);
            }
          }
        }
      }
    }
  }

  private static void write(Workspace ws, Model model, String p, String content, String context)
      throws IOException {
    if (model.isDir(p) || model.fileAbove(p)) {
      assertThatThrownBy(() -> ws.write(p, bytes(content)))
          .as(context + " write " + p).isInstanceOf(FileSystemException.class);
      return;
    }
    ws.write(p, bytes(content));
    model.files.put(p, content);
    model.addParents(p);
  }

  private static void mkdir(Workspace ws, Model model, String p, String context) throws IOException {
    if (model.isFile(p)) {
      assertThatThrownBy(() -> ws.mkdir(p))
          .as(context + " mkdir " + p).isInstanceOf(FileAlreadyExistsException.class);
      return;
    }
    if (model.fileAbove(p)) {
      assertThatThrownBy(() -> ws.mkdir(p))
          .as(context + " mkdir " + p).isInstanceOf(FileSystemException.class);
      return;
    }
    ws.mkdir(p);
    model.dirs.add(p);
    model.addParents(p);
  }

  private static void rename(Workspace ws, Model model, String from, String to, String context)
      throws IOException {
    String what = context + " rename " + from + " -> " + to;
    if (from.equals(to)) {
      ws.rename(from, to);
      return;
    }
    if (to.startsWith(from + "/")) {
      assertThatThrownBy(() -> ws.rename(from, to)).as(what).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    if (!model.isFile(from) && !model.isDir(from)) {
      assertThatThrownBy(() -> ws.rename(from, to)).as(what).isInstanceOf(NoSuchFileException.class);
      return;
    }
    if (model.isDir(to)) {
      assertThatThrownBy(() -> ws.rename(from, to)).as(what).isInstanceOf(FileAlreadyExistsException.class);
      return;
    }
    Model after = model.copy();
    Model moved = after.cut(from);
    if (after.fileAbove(to)) {
      assertThatThrownBy(() -> ws.rename(from, to)).as(what).isInstanceOf(FileSystemException.class);
      return;
    }
    ws.rename(from, to);
    after.cut(to);
    after.paste(to, moved);
    model.files.clear();
    model.files.putAll(after.files);
    model.dirs.clear();
    model.dirs.addAll(after.dirs);
  }

  // Reads every path of the model from the workspace and from the snapshot, and walks both.
  private static void check(Workspaces workspaces, Workspace ws, Hash id, Model model, String context)
      throws IOException {
    for (Map.Entry<String, String> f : model.files.entrySet()) {
      assertThat(new String(ws.read(f.getKey()), StandardCharsets.UTF_8)).as(context).isEqualTo(f.getValue());
      assertThat(new String(workspaces.read(id, f.getKey()), StandardCharsets.UTF_8))
          .as(context).isEqualTo(f.getValue());
    }
    for (String d : model.dirs) {
      assertThat(workspaces.list(id, d)).extracting(DirEntry::name)
          .as(context + " list " + d).containsExactlyElementsOf(model.children(d));
    }
    List<String> walked = new ArrayList<>();
    workspaces.walk(id, (path, entry) -> walked.add(path + " " + entry.kind()));
    List<String> expected = new ArrayList<>();
    walkModel(model, "", expected);
    assertThat(walked).as(context + " walk").containsExactlyElementsOf(expected);
  }

  private static void walkModel(Model model, String dir, List<String> out) {
    for (String name : model.children(dir)) {
      String p = VstPaths.child(dir, name);
      out.add(p + " " + model.kind(p));
      if (model.isDir(p)) {
        walkModel(model, p, out);
      }
    }
  }

  // The diff of two model states as DiffWalker reports it: path order, a directory that
  // appears or disappears first and then everything below it.
  static List<String> diff(Model before, Model after) {
    List<String> out = new ArrayList<>();
    diffDir(before, after, "", out);
    return out;
  }

  private static void diffDir(Model a, Model b, String dir, List<String> out) {
    TreeSet<String> names = new TreeSet<>(VstPaths::compareNames);
    if (a.isDir(dir) || dir.isEmpty()) {
      names.addAll(a.children(dir));
    }
    if (b.isDir(dir) || dir.isEmpty()) {
      names.addAll(b.children(dir));
    }
    for (String name : names) {
      String p = VstPaths.child(dir, name);
      String ka = a.kind(p);
      String kb = b.kind(p);
      if (ka == null) {
        emit(b, "ADDED", p, out);
      } else if (kb == null) {
        emit(a, "DELETED", p, out);
      } else if (ka.equals("DIRECTORY") && kb.equals("DIRECTORY")) {
        diffDir(a, b, p, out);
      } else if (!ka.equals(kb)) {
        emit(a, "DELETED", p, out);
        emit(b, "ADDED", p, out);
      } else if (!a.files.get(p).equals(b.files.get(p))) {
        out.add("MODIFIED " + p + " FILE");
      }
    }
  }

  private static void emit(Model m, String type, String p, List<String> out) {
    out.add(type + " " + p + " " + m.kind(p));
    if (m.isDir(p)) {
      for (String child : m.children(p)) {
        emit(m, type, VstPaths.child(p, child), out);
      }
    }
  }

  static List<String> describe(List<Change> changes) {
    List<String> out = new ArrayList<>();
    for (Change c : changes) {
      DirEntry e = c.after() != null ? c.after() : c.before();
      out.add(c.type() + " " + c.path() + " " + e.kind());
    }
    return out;
  }

  private static String path(Random random) {
    int depth = 1 + random.nextInt(3);
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        p.append('/');
      }
      p.append(NAMES[random.nextInt(NAMES.length)]);
    }
    return p.toString();
  }

  private static List<String> parents(String p) {
    List<String> parents = new ArrayList<>();
    for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
      parents.add(p.substring(0, i));
    }
    return parents;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
