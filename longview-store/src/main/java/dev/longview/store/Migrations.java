package dev.longview.store;

import dev.longview.core.EventType;
import dev.longview.core.EventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations. Each migration runs once, in its own transaction, and records its
 * version in {@code schema_version}; opening a store applies the missing ones in order. A
 * database whose version is newer than the newest migration here is refused, so that an old
 * build never writes into a schema it does not understand.
 *
 * <p>Schema (version 1), the same in both dialects:
 *
 * <ul>
 *   <li>{@code users}: internal id, external id (unique), attributes as JSON text, first seen
 *       (epoch milliseconds, null when unknown);
 *   <li>{@code items}: internal id, external id (unique), categories (JSON array), title,
 *       description, price, attributes (JSON), created (epoch ms), hidden (0/1);
 *   <li>{@code event_types}: small id, name, weight, polarity, value mode, whether an item is
 *       required; seeded with {@link EventTypes#defaultTypes()};
 *   <li>{@code events}: sequence number (insertion order), user and item references, type id,
 *       value, time (epoch ms) and the client's UTC offset (seconds), context columns, JSON
 *       attributes, client event id and a 64-bit event key ({@link EventKey}). Unique indexes on
 *       (time, event key) and on the client event id where there is one deduplicate events (the
 *       first also serves time-range reads); (user, time, seq) serves a user's history.
 * </ul>
 *
 * <p>There are no foreign-key constraints: the store itself creates users and items before
 * their events and deletes a user's events with the user, in one transaction.
 */
final class Migrations {
  private Migrations() {}

  /** One step of the schema's history. */
  interface Step {
    void apply(Connection c, Dialect d) throws SQLException;
  }

  record Migration(int version, String description, Step step) {}

  static final List<Migration> ALL = List.of(
      new Migration(1, "users, items, event types and events", Migrations::v1));

  static int latest() {
    return ALL.get(ALL.size() - 1).version();
  }

  /** Applies every migration newer than the database's version. */
  static void migrate(Connection c, Dialect d) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      }
      c.commit();
      int current = currentVersion(c);
      if (current > latest()) {
        throw new StoreException("the database's schema is version " + current
            + " but this Longview knows versions up to " + latest()
            + "; use a newer Longview with this database");
      }
      for (Migration m : ALL) {
        if (m.version() <= current) {
          continue;
        }
        m.step().apply(c, d);
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.setLong(3, System.currentTimeMillis());
          ps.executeUpdate();
        }
        c.commit();
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void v1(Connection c, Dialect d) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(d.sql("CREATE TABLE users ("
          + "id {id}, ext_id TEXT NOT NULL UNIQUE, attributes TEXT, first_seen BIGINT)"));
      s.execute(d.sql("CREATE TABLE items ("
          + "id {id}, ext_id TEXT NOT NULL UNIQUE, categories TEXT, title TEXT, description TEXT,"
          + " price {double}, attributes TEXT, created BIGINT, hidden INTEGER NOT NULL DEFAULT 0)"));
      s.execute(d.sql("CREATE TABLE event_types ("
          + "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, weight {double} NOT NULL,"
          + " polarity TEXT NOT NULL, value_mode TEXT NOT NULL, item_required INTEGER NOT NULL)"));
      s.execute(d.sql("CREATE TABLE events ("
          + "seq {id}, user_ref BIGINT NOT NULL, item_ref BIGINT, type_id INTEGER NOT NULL,"
          + " value {double}, time_ms BIGINT NOT NULL, offset_s INTEGER NOT NULL,"
          + " session_id TEXT, device TEXT, query TEXT, page TEXT, attributes TEXT, event_id TEXT,"
          + " event_key BIGINT NOT NULL)"));
      // Deduplication and time-range reads share one index; its (time, key) order makes the
      // inserts of a time-ordered import append to the B-tree instead of landing at random.
      s.execute("CREATE UNIQUE INDEX events_time_key ON events (time_ms, event_key)");
      s.execute("CREATE UNIQUE INDEX events_client_id ON events (event_id) WHERE event_id IS NOT NULL");
      s.execute("CREATE INDEX events_user_time ON events (user_ref, time_ms, seq)");
    }
    int id = 1;
    for (EventType t : EventTypes.defaultTypes()) {
      JdbcEventStore.insertEventType(c, id++, t);
    }
  }
}
