package dev.helios.git.storage.internal;

import dev.helios.engine.cas.file.ChunkedFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;

/** A positioned read channel over a chunked file. Not thread-safe; closing it frees nothing. */
final class CasReadableChannel implements ReadableChannel {
  private final ChunkedFileReader reader;
  private long position;
  private boolean open = true;

  CasReadableChannel(ChunkedFileReader reader) {
    this.reader = reader;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    if (dst.hasArray()) {
      n = reader.read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      byte[] tmp = new byte[Math.min(dst.remaining(), 1 << 20)];
      n = reader.read(position, tmp, 0, tmp.length);
      if (n > 0) {
        dst.put(tmp, 0, n);
      }
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + newPosition);
    }
    position = newPosition;
  }

  @Override
  public long size() {
    return reader.size();
  }

  @Override
  public int blockSize() {
    // Chunks vary in size: no alignment helps, so let the block cache use its own block size.
    return 0;
  }

  @Override
  public void setReadAheadBytes(int bufferSize) {
    // Each read fetches whole chunks (~64 KiB) from the chunk store; nothing more to prefetch.
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
