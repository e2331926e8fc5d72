package dev.longview.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small pool of open connections, so that a stream of short calls (the server's event batches,
 * reads) does not pay a connection set-up each (SQLite: open the file, five PRAGMAs; PostgreSQL:
 * a TCP connection and authentication, milliseconds). {@link #borrow} hands out an idle
 * connection or opens a new one (it never waits); closing the handed-out connection gives it
 * back: rolled back if a transaction was left open, auto-commit restored, kept if fewer than
 * {@link #MAX_IDLE} are idle, else closed. A connection that fails its rollback is closed, so a
 * broken one is not reused. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
  static final int MAX_IDLE = 4;

  private final Dialect dialect;
  private final String url;
  private final ArrayBlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
  private volatile boolean closed;

  ConnectionPool(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
  }

  /** An open connection; close it to give it back. */
  Connection borrow() throws SQLException {
    Connection raw = idle.poll();
    if (raw == null) {
      raw = dialect.connect(url);
    }
    return handle(raw);
  }

  private Connection handle(Connection raw) {
    AtomicBoolean returned = new AtomicBoolean();
    InvocationHandler h = (proxy, method, args) -> {
      switch (method.getName()) {
        case "close" -> {
          if (returned.compareAndSet(false, true)) {
            release(raw);
          }
          return null;
        }
        case "isClosed" -> {
          return returned.get() || raw.isClosed();
        }
        default -> {
          if (returned.get()) {
            throw new SQLException("this connection was already given back to the pool");
          }
          try {
            return method.invoke(raw, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  /**
   * A view of {@code raw} whose {@code close()} only ends its transaction (rolled back if still
   * open, auto-commit restored) and keeps the connection open for the owner's next use.
   */
  static Connection keepOpen(Connection raw) {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("close")) {
        if (!raw.isClosed() && !raw.getAutoCommit()) {
          raw.rollback();
          raw.setAutoCommit(true);
        }
        return null;
      }
      try {
        return method.invoke(raw, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private void release(Connection raw) {
    try {
      if (raw.isClosed()) {
        return;
      }
      if (!raw.getAutoCommit()) {
        raw.rollback();
        raw.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(raw);
      return;
    }
    if (closed || !idle.offer(raw)) {
      closeQuietly(raw);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing to save
    }
  }

  /** Closes the idle connections; connections handed out close when given back. */
  @Override
  public void close() {
    closed = true;
    for (Connection c; (c = idle.poll()) != null; ) {
      closeQuietly(c);
    }
  }
}
