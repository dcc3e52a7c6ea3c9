package dev.helios.engine.vst;

import dev.helios.engine.hash.Hash;
import java.util.List;
import java.util.Optional;

/**
 * What is stored about a workspace.
 *
 * @param name the workspace's name
 * @param branch the branch it is on
 * @param head the snapshot that branch points at, empty before the first commit
 * @param branches every branch of the workspace, sorted
 * @param hasSavedChanges whether changes saved with {@link Workspace#save} are not committed
 */
public record WorkspaceInfo(
    String name, String branch, Optional<Hash> head, List<String> branches,
    boolean hasSavedChanges) {}
