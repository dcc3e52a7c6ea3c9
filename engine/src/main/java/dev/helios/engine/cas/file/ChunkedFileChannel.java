package dev.helios.engine.cas.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a chunked file. Not thread-safe. Closing it closes nothing else. */
final class ChunkedFileChannel implements SeekableByteChannel {
  private final ChunkedFileReader reader;
  private long position;
  private boolean open = true;

  ChunkedFileChannel(ChunkedFileReader reader) {
    this.reader = reader;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position >= reader.size()) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining() && position < reader.size()) {
      ChunkedFileReader.LoadedChunk chunk = reader.load(position);
      int from = (int) (position - chunk.ref().offset());
      int n = Math.min(dst.remaining(), chunk.bytes().length - from);
      dst.put(chunk.bytes(), from, n);
      position += n;
      total += n;
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureOpen();
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    if (newPosition < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + newPosition);
    }
    ensureOpen();
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return reader.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    ensureOpen();
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
