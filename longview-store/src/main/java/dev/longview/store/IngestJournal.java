package dev.longview.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, checksummed log of records on disk, forced to storage before {@link #append}
 * returns, with group commit: the durable half of {@link JournaledEventStore}.
 *
 * <h2>Format (version 1)</h2>
 * A journal is a folder of segment files {@code NNNNNNNNNNNNNNNNNNNN.lvj} (20-digit segment number,
 * written in increasing order) and a {@code lock} file. Every segment starts with a 16-byte header:
 * the magic {@code "LVIJ"} (4 bytes), the format version (int, 1) and the segment number (long).
 * Records follow back to back, each {@code length} (int, payload bytes, 1 to {@link #MAX_RECORD}),
 * {@code crc} (int, CRC32C of the payload), then the payload; all integers big-endian. A record is
 * valid when its length is in range, the file holds the whole payload and the checksum matches.
 * Reading stops at the first invalid record: the crash happened while it was being written, so it
 * (and anything after it) was never forced, never acknowledged, and is cut off the file.
 *
 * <h2>Durability</h2>
 * {@link #append} writes its record under a short lock and then makes sure a
 * {@link FileChannel#force} that started after the write has finished: the first appender to get
 * the force lock forces everything written so far, and the appenders whose records were covered
 * return without forcing again (group commit: concurrent requests share one force). A segment is
 * forced before the journal moves on to the next one, so only the last segment can end with a torn
 * record. {@link #applied} deletes segments whose records are all in the store; the active segment
 * is replaced by a new one once it is fully applied and larger than {@link #ROTATE_APPLIED_BYTES}
 * (or, whatever is applied, beyond {@link #MAX_SEGMENT_BYTES}).
 *
 * <p>One process at a time: {@link #open} takes an exclusive lock on the folder's {@code lock}
 * file, released by {@link #close} or by the process's death. Thread-safe.
 */
final class IngestJournal implements AutoCloseable {
  static final int MAGIC = 0x4C56494A; // "LVIJ"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  static final int RECORD_HEADER_BYTES = 8;
  /** Largest payload accepted (a batch of 10,000 events with long attributes stays far below). */
  static final int MAX_RECORD = 256 << 20;
  static final long ROTATE_APPLIED_BYTES = 4L << 20;
  static final long MAX_SEGMENT_BYTES = 256L << 20;
  private static final String SUFFIX = ".lvj";

  private record Segment(long number, Path path, long firstSeq, long lastSeq) {}

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  /** Guards the active segment, the byte counters and the segment list. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Held while forcing (and while rotating, so that no force runs on a closed channel). */
  private final ReentrantLock forceLock = new ReentrantLock();
  private final List<Segment> closed = new ArrayList<>();
  private FileChannel active;
  private long activeNumber;
  private long activeFirstSeq;
  private long activeBytes;
  /** Bytes written since open, over all segments; a record is durable once forcedBytes covers it. */
  private long writtenBytes;
  private volatile long forcedBytes;
  private long lastSeq;
  private final List<byte[]> recovered;
  private final CRC32C crc = new CRC32C();

  private IngestJournal(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.recovered = new ArrayList<>();
    long next = 1;
    for (Path p : segmentFiles(dir)) {
      long number = number(p);
      long first = lastSeq + 1;
      readSegment(p, number, recovered, true);
      lastSeq = recovered.size();
      closed.add(new Segment(number, p, first, lastSeq));
      next = number + 1;
    }
    startSegment(next);
  }

  /**
   * Opens (creating when absent) the journal in {@code dir}, reads back the records of earlier
   * runs (see {@link #recovered()}) and cuts off a torn last record.
   *
   * @throws StoreException when another process holds the journal or a record before the end is
   *     damaged
   */
  static IngestJournal open(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel lc = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = lc.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        lc.close();
        throw new StoreException("the ingest journal " + dir + " is in use by another process"
            + " (a running `longview serve` on this database?); stop it first");
      }
      try {
        return new IngestJournal(dir, lc, l);
      } catch (IOException | RuntimeException e) {
        l.release();
        lc.close();
        throw e;
      }
    } catch (IOException e) {
      throw new StoreException("cannot open the ingest journal " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The records found at open, oldest first, numbered 1..n (their sequence numbers). */
  List<byte[]> recovered() {
    return recovered;
  }

  /** Where a written record ended up: its sequence number and the journal's byte count after it. */
  record Written(long seq, long end) {}

  /**
   * Appends one record and returns its sequence number once it is forced to storage.
   *
   * @throws StoreException when the write or the force fails (then the record may or may not be
   *     in the journal: the caller must not acknowledge it)
   */
  long append(byte[] payload) {
    Written w = write(payload);
    awaitForced(w.end());
    return w.seq();
  }

  /**
   * Writes one record without waiting for the disk; {@link #awaitForced} with its {@code end}
   * makes it durable. Callers that must order records among themselves call this under their own
   * lock and force outside it, so that concurrent records share one force.
   */
  Written write(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_RECORD) {
      throw new IllegalArgumentException("a journal record must have 1 to " + MAX_RECORD
          + " bytes, got " + payload.length);
    }
    if (activeBytesUnlocked() > MAX_SEGMENT_BYTES) {
      rotate(false);
    }
    ByteBuffer buf = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length).order(ByteOrder.BIG_ENDIAN);
    writeLock.lock();
    try {
      crc.reset();
      crc.update(payload);
      buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
      long before = active.position();
      try {
        writeFully(active, buf);
      } catch (IOException e) {
        active.truncate(before); // leave no half record in front of the next one
        throw e;
      }
      activeBytes += buf.limit();
      writtenBytes += buf.limit();
      return new Written(++lastSeq, writtenBytes);
    } catch (IOException e) {
      throw new StoreException("cannot write to the ingest journal in " + dir + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  private long activeBytesUnlocked() {
    writeLock.lock();
    try {
      return activeBytes;
    } finally {
      writeLock.unlock();
    }
  }

  /** Group commit: returns once a force that covers {@code end} has completed. */
  void awaitForced(long end) {
    if (forcedBytes >= end) {
      return;
    }
    forceLock.lock();
    try {
      if (forcedBytes >= end) {
        return; // another appender's force covered this record while we waited
      }
      long target;
      FileChannel ch;
      writeLock.lock();
      try {
        target = writtenBytes;
        ch = active;
      } finally {
        writeLock.unlock();
      }
      ch.force(false);
      forcedBytes = target;
    } catch (IOException e) {
      throw new StoreException("cannot force the ingest journal in " + dir + " to disk: " + e.getMessage(), e);
    } finally {
      forceLock.unlock();
    }
  }

  /** Sequence number of the last record appended (or recovered). */
  long lastSeq() {
    writeLock.lock();
    try {
      return lastSeq;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Every record up to {@code seq} is in the store: deletes the segments that hold nothing newer
   * and starts a new active segment when the current one is fully applied and large.
   */
  void applied(long seq) {
    boolean rotate;
    writeLock.lock();
    try {
      deleteClosedUpTo(seq);
      rotate = seq >= lastSeq && activeBytes > ROTATE_APPLIED_BYTES;
    } finally {
      writeLock.unlock();
    }
    if (rotate) {
      rotate(true);
      writeLock.lock();
      try {
        deleteClosedUpTo(seq);
      } finally {
        writeLock.unlock();
      }
    }
  }

  private void deleteClosedUpTo(long seq) {
    for (var it = closed.iterator(); it.hasNext(); ) {
      Segment s = it.next();
      if (s.lastSeq() <= seq) {
        try {
          Files.deleteIfExists(s.path());
        } catch (IOException e) {
          throw new StoreException("cannot delete the applied journal segment " + s.path() + ": "
              + e.getMessage(), e);
        }
        it.remove();
      }
    }
  }

  /** Closes the active segment (forced first) and starts the next one. */
  private void rotate(boolean onlyIfLarge) {
    forceLock.lock();
    try {
      writeLock.lock();
      try {
        if (onlyIfLarge && activeBytes <= ROTATE_APPLIED_BYTES) {
          return;
        }
        active.force(false);
        forcedBytes = writtenBytes;
        active.close();
        closed.add(new Segment(activeNumber, segmentPath(activeNumber), activeFirstSeq, lastSeq));
        startSegment(activeNumber + 1);
      } finally {
        writeLock.unlock();
      }
    } catch (IOException e) {
      throw new StoreException("cannot start a new ingest journal segment in " + dir + ": " + e.getMessage(), e);
    } finally {
      forceLock.unlock();
    }
  }

  private void startSegment(long number) throws IOException {
    Path p = segmentPath(number);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN)
        .putInt(MAGIC).putInt(VERSION).putLong(number).flip();
    writeFully(ch, h);
    ch.force(true);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the new file's name is durable too
    } catch (IOException ignored) {
      // some file systems cannot force a folder; the segment's own force still holds its records
    }
    active = ch;
    activeNumber = number;
    activeFirstSeq = lastSeq + 1;
    activeBytes = HEADER_BYTES;
  }

  private Path segmentPath(long number) {
    return dir.resolve(String.format("%020d", number) + SUFFIX);
  }

  private static long number(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
  }

  /** The segment files of a journal folder in order (none when the folder does not exist). */
  static List<Path> segmentFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{20}\\" + SUFFIX)).sorted().toList();
    }
  }

  /**
   * Reads a segment's valid records into {@code out}; a torn tail is cut off the file when
   * {@code truncate}. A bad header is an error: that file was not written by this journal.
   */
  static void readSegment(Path p, long number, List<byte[]> out, boolean truncate) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size < HEADER_BYTES) {
        // created but its header never reached the disk: nothing was written to it
        if (truncate) {
          ch.truncate(0);
          ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(number).flip();
          writeFully(ch, h);
        }
        return;
      }
      ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
      readFully(ch, h, 0);
      h.flip();
      int magic = h.getInt();
      int version = h.getInt();
      if (magic != MAGIC) {
        throw new StoreException(p + " is not an ingest journal segment (its first bytes are not \"LVIJ\")");
      }
      if (version != VERSION) {
        throw new StoreException(p + " is an ingest journal segment of format version " + version
            + "; this Longview reads version " + VERSION + ": apply it with the Longview that wrote it");
      }
      long pos = HEADER_BYTES;
      CRC32C crc = new CRC32C();
      ByteBuffer rh = ByteBuffer.allocate(RECORD_HEADER_BYTES);
      while (pos < size) {
        String torn = null;
        if (size - pos < RECORD_HEADER_BYTES) {
          torn = "a record header cut short";
        } else {
          rh.clear();
          readFully(ch, rh, pos);
          rh.flip();
          int len = rh.getInt();
          int sum = rh.getInt();
          if (len <= 0 || len > MAX_RECORD || len > size - pos - RECORD_HEADER_BYTES) {
            torn = "a record of " + len + " bytes that the file does not hold";
          } else {
            ByteBuffer payload = ByteBuffer.allocate(len);
            readFully(ch, payload, pos + RECORD_HEADER_BYTES);
            crc.reset();
            crc.update(payload.array());
            if ((int) crc.getValue() != sum) {
              torn = "a record whose CRC32C does not match";
            } else {
              out.add(payload.array());
              pos += RECORD_HEADER_BYTES + len;
              continue;
            }
          }
        }
        System.getLogger(IngestJournal.class.getName()).log(System.Logger.Level.WARNING,
            "ingest journal " + p + ": " + torn + " at byte " + pos + " of " + size
            + " (a write cut off by a crash, never acknowledged); dropping the last "
            + (size - pos) + " bytes");
        if (truncate) {
          ch.truncate(pos);
          ch.force(true);
        }
        break;
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  /** Closes the active segment and releases the folder's lock; the files stay. */
  @Override
  public void close() {
    forceLock.lock();
    writeLock.lock();
    try {
      if (active.isOpen()) {
        active.force(false);
        active.close();
      }
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new StoreException("cannot close the ingest journal " + dir + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
      forceLock.unlock();
    }
  }

  /** Deletes every segment and the lock file (the journal was fully applied and closed). */
  static void deleteAll(Path dir) throws IOException {
    for (Path p : segmentFiles(dir)) {
      Files.deleteIfExists(p);
    }
    Files.deleteIfExists(dir.resolve("lock"));
    Files.deleteIfExists(dir);
  }
}
