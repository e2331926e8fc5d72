package dev.longview.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, so that a
 * committing writer does not do it. By default SQLite's committing connection runs the
 * checkpoint itself once the WAL passes 1,000 pages; a server batch of 1,000 events from random
 * users dirties about that many index pages, so nearly every API commit paid a checkpoint (copy
 * the pages and, at synchronous=NORMAL, fsync the database file) before its reply. Here
 * connections checkpoint themselves only past {@link Dialect#WAL_AUTOCHECKPOINT_PAGES} (a
 * safety net if this thread falls behind) and this thread runs a {@code PASSIVE} checkpoint
 * (never blocks readers or the writer) after commits, at most every {@link #MIN_INTERVAL_MS}.
 *
 * <p>Durability is unchanged: a transaction is durable when its commit is in the WAL (with the
 * guarantees of the configured {@code synchronous} level); the checkpoint only moves committed
 * pages into the main file. Thread-safe.
 */
final class WalCheckpointer implements AutoCloseable {
  static final long MIN_INTERVAL_MS = 50;

  private final Dialect dialect;
  private final String url;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean pending;
  private volatile boolean closed;
  private volatile long checkpoints;

  WalCheckpointer(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
    this.thread = Thread.ofPlatform().daemon().name("longview-wal-checkpoint").unstarted(this::run);
    thread.start();
  }

  /** Whether {@code url} is an SQLite database file (an in-memory one has no WAL). */
  static boolean applies(Dialect dialect, String url) {
    return dialect == Dialect.SQLITE && !url.contains(":memory:") && !url.contains("mode=memory");
  }

  /** Called after a commit: a checkpoint runs soon. */
  void committed() {
    synchronized (signal) {
      pending = true;
      signal.notifyAll();
    }
  }

  /** Checkpoints run so far (for tests). */
  long checkpoints() {
    return checkpoints;
  }

  private void run() {
    Connection c = null;
    try {
      while (!closed) {
        synchronized (signal) {
          while (!pending && !closed) {
            signal.wait();
          }
          pending = false;
        }
        if (closed) {
          break;
        }
        try {
          if (c == null) {
            c = dialect.connect(url);
          }
          checkpoint(c);
        } catch (SQLException e) {
          // The next commit retries; the writers' own autocheckpoint bounds the WAL meanwhile.
          closeQuietly(c);
          c = null;
        }
        Thread.sleep(MIN_INTERVAL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(c);
    }
  }

  private void checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
    }
    checkpoints++;
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing to save
    }
  }

  /** Stops the thread (the last connection to close checkpoints what is left). */
  @Override
  public void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
