package dev.helios.engine.vst;

/**
 * What {@link Workspace#importDirectory} did.
 *
 * @param scanned files and symlinks found in the directory
 * @param hashed files and symlinks read and hashed (new, changed, or not provably unchanged)
 * @param reused files and symlinks taken from the stat cache without being read
 * @param deleted entries deleted from the workspace because they are gone from the directory (a
 *     directory with everything in it counts once)
 * @param bytesHashed the bytes read and hashed
 */
public record ImportResult(
    long scanned, long hashed, long reused, long deleted, long bytesHashed) {}
