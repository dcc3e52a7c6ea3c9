package dev.helios.git.twin;

/**
 * What one twin build did.
 *
 * @param blobs blobs twinned now
 * @param trees trees twinned now
 * @param commits commits twinned now
 * @param tags annotated tags twinned now
 * @param rawKept objects among those whose raw bytes were kept
 * @param nodeBytes bytes of VST nodes (and kept raw objects) written
 * @param indexBytes bytes of index entries written (keys and values)
 * @param millis how long it took
 */
public record TwinReport(
    long blobs, long trees, long commits, long tags, long rawKept, long nodeBytes, long indexBytes,
    long millis) {

  /** Objects twinned now. */
  public long objects() {
    return blobs + trees + commits + tags;
  }

  /** Bytes added to the storage: nodes, kept raw objects and index entries. */
  public long bytesAdded() {
    return nodeBytes + indexBytes;
  }
}
