package dev.helios.git.storage.internal;

import dev.helios.engine.cas.file.ChunkedFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/**
 * Writes one file of a new pack as content-defined chunks; on close the file is attached to its
 * pack description, ready for commit. Not thread-safe, like every {@link DfsOutputStream}.
 */
final class CasOutputStream extends DfsOutputStream {
  /*
   * Chunks go to the store (through the pack's tracking store) as the chunker cuts them, in
   * batches; read() serves bytes written so far from the pending batch, the store or the
   * unchunked tail (ChunkedFileWriter.read). Nothing is visible to readers of the repository
   * until the pack list names the file.
   */

  private final ChunkedFileWriter writer;
  private final CasPackDescription pack;
  private final PackExt ext;
  private boolean closed;

  CasOutputStream(ChunkedFileWriter writer, CasPackDescription pack, PackExt ext) {
    this.writer = writer;
    this.pack = pack;
    this.ext = ext;
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    writer.write(buf, off, len);
  }

  @Override
  public int read(long position, ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    int n;
    if (buf.hasArray()) {
      n = writer.read(position, buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      if (n > 0) {
        buf.position(buf.position() + n);
      }
    } else {
      byte[] tmp = new byte[buf.remaining()];
      n = writer.read(position, tmp, 0, tmp.length);
      if (n > 0) {
        buf.put(tmp, 0, n);
      }
    }
    return n;
  }

  @Override
  public void flush() {
    // Chunks reach the store in batches as they are cut; the file exists only once closed.
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pack.setFile(ext, writer.finish());
    } finally {
      writer.close();
    }
  }
}
