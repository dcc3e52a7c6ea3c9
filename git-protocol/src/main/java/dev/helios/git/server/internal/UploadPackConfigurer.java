package dev.helios.git.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.TransferConfig;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.eclipse.jgit.transport.resolver.UploadPackFactory;

/**
 * Creates the {@link UploadPack} of a fetch or clone, with the capabilities modern clients
 * expect turned on by default. Stateless and thread-safe.
 */
final class UploadPackConfigurer implements UploadPackFactory<HttpServletRequest> {
  /*
   * Defaults below the repository's own config (a repository may turn any of them off):
   *   uploadpack.allowFilter             partial clone (blob:none, blob:limit=N, tree:0)
   *   uploadpack.allowTipSHA1InWant      fetch by the id of an advertised or hidden tip
   *   uploadpack.allowReachableSHA1InWant fetch by any reachable id (what git fetch origin SHA
   *                                       needs, and submodules pinned to a commit)
   *   uploadpack.allowRefInWant          protocol v2 want-ref
   * With both SHA1-in-want settings on (the default), wants are checked by
   * ReachableWantValidator, which also accepts blobs and trees only older commits reach (lazy
   * fetches of partial clones).
   * Shallow, deepen-since/-not, side-band-64k, ofs-delta, thin-pack and include-tag are always
   * offered by JGit. Protocol v2 is chosen by the client through the Git-Protocol header (as
   * "version=2"), passed through exactly as JGit's DefaultUploadPackFactory does.
   */

  @Override
  public UploadPack create(HttpServletRequest req, Repository db)
      throws ServiceNotEnabledException {
    if (!db.getConfig().getBoolean("http", "uploadpack", true)) {
      throw new ServiceNotEnabledException("fetching is disabled for this repository");
    }
    UploadPack up = new UploadPack(db);
    TransferConfig transfer = new TransferConfig(effectiveConfig(db));
    up.setTransferConfig(transfer);
    if (up.getRequestPolicy() == UploadPack.RequestPolicy.REACHABLE_COMMIT_TIP) {
      up.setRequestValidator(new ReachableWantValidator());
    }
    String protocol = req.getHeader("Git-Protocol");
    if (protocol != null) {
      up.setExtraParameters(Arrays.asList(protocol.split(":")));
    }
    return up;
  }

  static Config effectiveConfig(Repository db) {
    Config defaults = new Config();
    defaults.setBoolean("uploadpack", null, "allowfilter", true);
    defaults.setBoolean("uploadpack", null, "allowtipsha1inwant", true);
    defaults.setBoolean("uploadpack", null, "allowreachablesha1inwant", true);
    defaults.setBoolean("uploadpack", null, "allowrefinwant", true);
    Config effective = new Config(defaults);
    try {
      effective.fromText(db.getConfig().toText());
    } catch (ConfigInvalidException e) {
      // The repository's config parsed when it was opened, so this cannot happen; fall back to
      // the defaults rather than refuse every fetch.
      return defaults;
    }
    return effective;
  }
}
