package dev.helios.git.server.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Refuses force-pushes to, and deletion of, the repository's protected branches. Stateless and
 * thread-safe.
 */
final class ProtectedBranchHook implements PreReceiveHook {
  /*
   * Protected branches are listed in the repository's config as helios.protectedBranch (one
   * value per branch, full ref names); when none is set, refs/heads/main and refs/heads/master
   * are protected. Fast-forward updates and creation are always allowed; JGit has classified
   * each command (UPDATE vs UPDATE_NONFASTFORWARD) before this hook runs.
   */

  static final List<String> DEFAULT_PROTECTED = List.of("refs/heads/main", "refs/heads/master");

  @Override
  public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
    Set<String> protectedRefs = protectedRefs(rp);
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED
          || !protectedRefs.contains(cmd.getRefName())) {
        continue;
      }
      if (cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
        cmd.setResult(
            ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "protected branch " + cmd.getRefName() + ": force-push refused");
      } else if (cmd.getType() == ReceiveCommand.Type.DELETE) {
        cmd.setResult(
            ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "protected branch " + cmd.getRefName() + ": deletion refused");
      }
    }
  }

  static Set<String> protectedRefs(ReceivePack rp) {
    String[] configured =
        rp.getRepository().getConfig().getStringList("helios", null, "protectedBranch");
    if (configured.length == 0) {
      return Set.copyOf(DEFAULT_PROTECTED);
    }
    return Set.of(java.util.Arrays.stream(configured).map(String::strip).distinct()
        .toArray(String[]::new));
  }
}
