package dev.helios.engine.cas.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A stream over a chunked file from a position. Not thread-safe. Closing it closes nothing else. */
final class ChunkedFileInputStream extends InputStream {
  private final ChunkedFileReader reader;
  private long position;
  private long mark;
  private boolean closed;

  ChunkedFileInputStream(ChunkedFileReader reader, long position) {
    this.reader = reader;
    this.position = Math.min(position, reader.size());
    this.mark = this.position;
  }

  @Override
  public int read() throws IOException {
    ensureOpen();
    if (position >= reader.size()) {
      return -1;
    }
    ChunkedFileReader.LoadedChunk chunk = reader.load(position);
    return chunk.bytes()[(int) (position++ - chunk.ref().offset())] & 0xff;
  }

  @Override
  public int read(byte[] dst, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, dst.length);
    ensureOpen();
    int n = reader.read(position, dst, offset, length);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    ensureOpen();
    long skipped = Math.max(0, Math.min(n, reader.size() - position));
    position += skipped;
    return skipped;
  }

  /** Returns the bytes left in the chunk already fetched: those are readable without I/O. */
  @Override
  public int available() throws IOException {
    ensureOpen();
    ChunkedFileReader.LoadedChunk chunk = reader.cachedChunk();
    if (chunk == null || position < chunk.ref().offset() || position >= chunk.ref().end()) {
      return 0;
    }
    return (int) (chunk.ref().end() - position);
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public void mark(int readLimit) {
    mark = position;
  }

  @Override
  public void reset() throws IOException {
    ensureOpen();
    position = mark;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream over " + reader + " is closed");
    }
  }
}
