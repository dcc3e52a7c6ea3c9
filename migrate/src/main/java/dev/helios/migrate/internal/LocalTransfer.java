package dev.helios.migrate.internal;

import dev.helios.migrate.MigrationListener;
import dev.helios.migrate.MigrationTarget;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Copies objects and refs from a repository on this machine into another repository in the same
 * process: a pack written by {@link PackWriter} from the source, piped into the target's {@link
 * PackParser}, then every ref set in one batch. Used where JGit's local transport refuses a DFS
 * repository as the destination. Not thread-safe; one transfer per instance.
 *
 * <p>With {@code haves} (commits whose history the target already holds, through packs shared
 * from another repository of the fork network), the pack leaves out everything they reach. It
 * is never thin: PackWriter only deltifies against objects it sends unless told otherwise, so the
 * received pack resolves on its own.
 */
final class LocalTransfer {
  private LocalTransfer() {}

  static void copy(
      Repository source,
      Repository target,
      Map<String, Ref> refs,
      List<String> copied,
      Set<ObjectId> haves,
      MigrationTarget what,
      MigrationListener listener)
      throws IOException {
    Set<ObjectId> wants = new HashSet<>();
    for (String name : copied) {
      ObjectId id = refs.get(name).getObjectId();
      // A tip the target already holds (shared packs) has its history there too: nothing to send.
      if (!target.getObjectDatabase().has(id)) {
        wants.add(id);
      }
    }
    if (!wants.isEmpty()) {
      transfer(source, target, wants, haves, what, listener);
    }
    setRefs(target, refs, copied);
  }

  private static void transfer(
      Repository source,
      Repository target,
      Set<ObjectId> wants,
      Set<ObjectId> haves,
      MigrationTarget what,
      MigrationListener listener)
      throws IOException {
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(in);
    Thread writer =
        new Thread(
            () -> {
              PackConfig config = new PackConfig(source);
              try (out;
                  PackWriter pack = new PackWriter(config, source.newObjectReader())) {
                pack.setUseBitmaps(false);
                // The source's own shallow commits are honoured by its walk (JGit reads its shallow file).
                pack.setThin(false);
                pack.preparePack(NullProgressMonitor.INSTANCE, wants, haves, Set.of(), Set.of());
                pack.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
              } catch (Throwable t) {
                writeFailure.set(t);
              }
            },
            "helios-migrate-pack-" + what.name());
    writer.setDaemon(true);
    writer.start();
    try (in;
        ObjectInserter inserter = target.newObjectInserter()) {
      PackParser parser = inserter.newPackParser(in);
      parser.setAllowThin(false);
      parser.parse(new ProgressAdapter(what, listener));
      inserter.flush();
    } catch (IOException e) {
      Throwable t = writeFailure.get();
      if (t != null) {
        throw new MigrationFailure("cannot read the source's objects: " + t.getMessage(), t);
      }
      throw e;
    } finally {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable t = writeFailure.get();
    if (t != null) {
      throw new MigrationFailure("cannot read the source's objects: " + t.getMessage(), t);
    }
  }

  private static void setRefs(Repository target, Map<String, Ref> refs, List<String> copied)
      throws IOException {
    BatchRefUpdate batch = target.getRefDatabase().newBatchUpdate();
    batch.setAllowNonFastForwards(true);
    List<ReceiveCommand> commands = new ArrayList<>();
    for (String name : copied) {
      commands.add(new ReceiveCommand(ObjectId.zeroId(), refs.get(name).getObjectId(), name));
    }
    batch.addCommand(commands);
    try (RevWalk walk = new RevWalk(target)) {
      batch.execute(walk, NullProgressMonitor.INSTANCE);
    }
    for (ReceiveCommand command : commands) {
      if (command.getResult() != ReceiveCommand.Result.OK) {
        throw new MigrationFailure(
            "cannot set ref " + command.getRefName() + ": " + command.getResult()
                + (command.getMessage() == null ? "" : " " + command.getMessage()));
      }
    }
  }
}
