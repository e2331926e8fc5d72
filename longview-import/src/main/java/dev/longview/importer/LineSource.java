package dev.longview.importer;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Lines of a text file, numbered from 1, with gzip and a UTF-8 byte order mark handled
 * transparently.
 *
 * <p>Gzip is recognised by its magic bytes (1f 8b), whatever the file is called. A UTF-8 BOM
 * (ef bb bf) at the start of the (decompressed) text is skipped, and the text is then decoded as
 * UTF-8 even if another charset was asked for, since the BOM says so. Malformed bytes become
 * U+FFFD. Progress counts bytes of the file on disk (compressed bytes for gzip). Not thread-safe.
 */
final class LineSource implements Closeable {
  private static final int PROGRESS_EVERY_LINES = 16_384;

  private final Path file;
  private final CountingInputStream counting;
  private final BufferedReader reader;
  private final ProgressListener progress;
  private final long totalBytes;
  private long lineNumber;

  private LineSource(Path file, CountingInputStream counting, BufferedReader reader,
      ProgressListener progress, long totalBytes) {
    this.file = file;
    this.counting = counting;
    this.reader = reader;
    this.progress = progress;
    this.totalBytes = totalBytes;
  }

  static LineSource open(Path file, Charset charset, ProgressListener progress) throws IOException {
    long size;
    InputStream raw;
    try {
      size = Files.size(file);
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("input file " + file + " does not exist; check the path");
    }
    CountingInputStream counting = new CountingInputStream(raw);
    InputStream in = new BufferedInputStream(counting, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    in.mark(3);
    if (in.read() == 0xef && in.read() == 0xbb && in.read() == 0xbf) {
      charset = StandardCharsets.UTF_8;
    } else {
      in.reset();
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    return new LineSource(file, counting, reader, progress, size);
  }

  /** The next line without its terminator, or null at the end. */
  String next() {
    try {
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
        if (lineNumber % PROGRESS_EVERY_LINES == 0) {
          progress.progress(counting.count, totalBytes);
        }
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + " at line " + (lineNumber + 1), e);
    }
  }

  /** Number of the line last returned by {@link #next()}. */
  /** Handles one line of a main file; a {@link RowProblem} rejects the row. */
  interface RowHandler {
    void row(String line, long lineNumber) throws RowProblem;
  }

  /**
   * The loop every line-based main file shares: blank lines are skipped, every other line counts
   * as read and goes to {@code handler}; a line the handler rejects goes to
   * {@link ImportContext#reject}.
   */
  void forEachRow(ImportContext context, RowHandler handler) {
    String line;
    while ((line = next()) != null) {
      if (line.isBlank()) {
        continue;
      }
      context.rowRead();
      long number = lineNumber();
      try {
        handler.row(line, number);
      } catch (RowProblem p) {
        context.reject(fileName(), number, line, p);
      }
    }
  }

  long lineNumber() {
    return lineNumber;
  }

  String fileName() {
    return file.getFileName().toString();
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    progress.progress(counting.count, totalBytes);
    reader.close();
  }

  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
