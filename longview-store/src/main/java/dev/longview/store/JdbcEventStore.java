package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.EventType;
import dev.longview.core.EventTypes;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The JDBC {@link EventStore} for SQLite and PostgreSQL (see {@link Dialect} for what differs and
 * {@link Migrations} for the schema). Calls borrow a connection from a small
 * {@link ConnectionPool} and give it back; writers hold one for their transaction. Thread-safe.
 */
final class JdbcEventStore implements EventStore {
  private static final String EVENT_COLUMNS = "e.user_ref, e.item_ref, e.type_id, e.value, e.time_ms,"
      + " e.offset_s, e.session_id, e.device, e.query, e.page, e.attributes, e.event_id,"
      + " u.ext_id, i.ext_id";
  private static final String EVENT_FROM = " FROM events e JOIN users u ON u.id = e.user_ref"
      + " LEFT JOIN items i ON i.id = e.item_ref";

  private final String url;
  private final Dialect dialect;
  private volatile TypeTable types;
  private final IdCache ids = new IdCache();
  private final ConnectionPool pool;
  /** SQLite files: checkpoints the WAL off the committing thread; else null. */
  private final WalCheckpointer checkpointer;

  private JdbcEventStore(String url, Dialect dialect) {
    this.url = url;
    this.dialect = dialect;
    this.pool = new ConnectionPool(dialect, url);
    this.checkpointer = WalCheckpointer.applies(dialect, url) ? new WalCheckpointer(dialect, url) : null;
  }

  /** Background WAL checkpoints run so far (0 when there is no checkpointer; for tests). */
  long checkpoints() {
    return checkpointer == null ? 0 : checkpointer.checkpoints();
  }

  /** Called by a writer after its commit. */
  void committed() {
    if (checkpointer != null) {
      checkpointer.committed();
    }
  }

  static EventStore open(String location) {
    String url = Dialect.urlOf(location);
    Dialect d = Dialect.of(url);
    d.prepare(url);
    JdbcEventStore store = new JdbcEventStore(url, d);
    try (Connection c = store.connect()) {
      Migrations.migrate(c, d);
      store.types = TypeTable.load(c);
    } catch (SQLException | RuntimeException e) {
      store.close();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("cannot open the database " + redact(url) + ": " + e.getMessage(), e);
    }
    return store;
  }

  /** The URL without a password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /**
   * A writer on a connection of the caller's, which it keeps after the transaction: the journal's
   * applier writes every transaction on one connection so that SQLite's page cache of it stays
   * warm (a pooled connection's cache is dropped whenever another connection wrote meanwhile).
   */
  StoreWriter writerOn(Connection dedicated) {
    try {
      return new JdbcStoreWriter(this, ConnectionPool.keepOpen(dedicated));
    } catch (SQLException e) {
      throw new StoreException("cannot start a write transaction: " + e.getMessage(), e);
    }
  }

  /** A new connection outside the pool, with the dialect's settings; the caller closes it. */
  Connection connectDedicated() throws SQLException {
    return dialect.connect(url);
  }

  /** A pooled connection (see {@link ConnectionPool}); closing it gives it back. */
  Connection connect() throws SQLException {
    return pool.borrow();
  }

  Dialect dialectEnum() {
    return dialect;
  }

  IdCache ids() {
    return ids;
  }

  TypeTable typeTable() {
    return types;
  }

  @Override
  public String dialect() {
    return dialect.label;
  }

  @Override
  public EventTypes eventTypes() {
    return types.types();
  }

  @Override
  public void putEventType(EventType type) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      Integer id = types.idByName().get(type.name());
      if (id == null) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM event_types")) {
          rs.next();
          insertEventType(c, rs.getInt(1), type);
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("UPDATE event_types SET weight = ?,"
            + " polarity = ?, value_mode = ?, item_required = ? WHERE id = ?")) {
          ps.setDouble(1, type.weight());
          ps.setString(2, type.polarity().name());
          ps.setString(3, type.valueMode().name());
          ps.setInt(4, type.itemRequired() ? 1 : 0);
          ps.setInt(5, id);
          ps.executeUpdate();
        }
      }
      c.commit();
      types = TypeTable.load(c);
    } catch (SQLException e) {
      throw new StoreException("cannot save event type \"" + type.name() + "\": " + e.getMessage(), e);
    }
  }

  static void insertEventType(Connection c, int id, EventType t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_types"
        + " (id, name, weight, polarity, value_mode, item_required) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, t.name());
      ps.setDouble(3, t.weight());
      ps.setString(4, t.polarity().name());
      ps.setString(5, t.valueMode().name());
      ps.setInt(6, t.itemRequired() ? 1 : 0);
      ps.executeUpdate();
    }
  }

  @Override
  public StoreWriter writer() {
    try {
      return new JdbcStoreWriter(this, connect());
    } catch (SQLException e) {
      throw new StoreException("cannot start a write transaction: " + e.getMessage(), e);
    }
  }

  // Reads -------------------------------------------------------------------------------------

  @Override
  public Optional<User> user(String userId) {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT ext_id, attributes, first_seen FROM users WHERE ext_id = ?")) {
      ps.setString(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readUser(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read user \"" + userId + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Item> item(String itemId) {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT ext_id, categories, title, description,"
            + " price, attributes, created, hidden FROM items WHERE ext_id = ?")) {
      ps.setString(1, itemId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readItem(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read item \"" + itemId + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public Stream<Event> events(Instant from, Instant to) {
    return query("SELECT " + EVENT_COLUMNS + EVENT_FROM
            + " WHERE e.time_ms >= ? AND e.time_ms < ? ORDER BY e.time_ms, e.seq",
        ps -> {
          ps.setLong(1, from.toEpochMilli());
          ps.setLong(2, to.toEpochMilli());
        }, this::readEvent, "events from " + from + " to " + to);
  }

  @Override
  public Stream<Event> eventsOfUser(String userId) {
    return query("SELECT " + EVENT_COLUMNS + EVENT_FROM
            + " WHERE e.user_ref = (SELECT id FROM users WHERE ext_id = ?) ORDER BY e.time_ms, e.seq",
        ps -> ps.setString(1, userId), this::readEvent, "events of user \"" + userId + "\"");
  }

  @Override
  public Stream<User> users() {
    return query("SELECT ext_id, attributes, first_seen FROM users ORDER BY id", ps -> {},
        JdbcEventStore::readUser, "users");
  }

  @Override
  public Stream<Item> items() {
    return query("SELECT ext_id, categories, title, description, price, attributes, created, hidden"
        + " FROM items ORDER BY id", ps -> {}, JdbcEventStore::readItem, "items");
  }

  @Override
  public StoreCounts counts() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      long users;
      long items;
      long events;
      Instant first = null;
      Instant last = null;
      try (ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM users),"
          + " (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM events),"
          + " (SELECT MIN(time_ms) FROM events), (SELECT MAX(time_ms) FROM events)")) {
        rs.next();
        users = rs.getLong(1);
        items = rs.getLong(2);
        events = rs.getLong(3);
        long min = rs.getLong(4);
        if (!rs.wasNull()) {
          first = Instant.ofEpochMilli(min);
          last = Instant.ofEpochMilli(rs.getLong(5));
        }
      }
      Map<String, Long> byType = new LinkedHashMap<>();
      TypeTable t = types;
      try (ResultSet rs = s.executeQuery(
          "SELECT type_id, COUNT(*) FROM events GROUP BY type_id ORDER BY COUNT(*) DESC, type_id")) {
        while (rs.next()) {
          byType.put(t.name(rs.getInt(1)), rs.getLong(2));
        }
      }
      return new StoreCounts(users, items, events, first, last, byType);
    } catch (SQLException e) {
      throw new StoreException("cannot count the store's contents: " + e.getMessage(), e);
    }
  }

  @Override
  public long deleteUser(String userId) {
    ids.removeUser(userId);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        long ref;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE ext_id = ?")) {
          ps.setString(1, userId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return -1;
            }
            ref = rs.getLong(1);
          }
        }
        long deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE user_ref = ?")) {
          ps.setLong(1, ref);
          deleted = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
          ps.setLong(1, ref);
          ps.executeUpdate();
        }
        c.commit();
        ids.removeUser(userId); // a writer may have cached it while this ran
        return deleted;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot delete user \"" + userId + "\": " + e.getMessage(), e);
    }
  }

  // Snapshot ----------------------------------------------------------------------------------

  @Override
  public InteractionSnapshot snapshot() {
    SnapshotBuilder b = new SnapshotBuilder();
    try (Connection c = connect()) {
      c.setAutoCommit(false); // one consistent read; PostgreSQL streams with a cursor
      int[] userDense = new int[16];
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery(
            "SELECT id, ext_id, first_seen, attributes FROM users ORDER BY id")) {
          while (rs.next()) {
            int ref = Math.toIntExact(rs.getLong(1));
            long firstSeen = rs.getLong(3);
            Instant fs = rs.wasNull() ? null : Instant.ofEpochMilli(firstSeen);
            userDense = put(userDense, ref, b.addUser(rs.getString(2), fs, Json.readMap(rs.getString(4))));
          }
        }
      }
      int[] itemDense = new int[16];
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery(
            "SELECT id, ext_id, categories, title, price, hidden FROM items ORDER BY id")) {
          while (rs.next()) {
            int ref = Math.toIntExact(rs.getLong(1));
            double price = rs.getDouble(5);
            Double p = rs.wasNull() ? null : price;
            itemDense = put(itemDense, ref, b.addItem(rs.getString(2), Json.readList(rs.getString(3)),
                rs.getString(4), p, rs.getInt(6) != 0));
          }
        }
      }
      TypeTable t = types;
      EventType[] byId = t.byId();
      // Types whose weight is zero whatever the value (impressions, visits) never become
      // interactions: leave them in the database instead of reading them row by row.
      StringBuilder weightless = new StringBuilder();
      for (int id = 0; id < byId.length; id++) {
        if (byId[id] != null && byId[id].interactionWeight(false, 0) == 0f
            && byId[id].interactionWeight(true, 1) == 0f) {
          weightless.append(weightless.isEmpty() ? " AND type_id NOT IN (" : ", ").append(id);
        }
      }
      if (!weightless.isEmpty()) {
        weightless.append(')');
      }
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery("SELECT user_ref, item_ref, type_id, value, time_ms"
            + " FROM events WHERE item_ref IS NOT NULL" + weightless)) {
          while (rs.next()) {
            int typeId = rs.getInt(3);
            EventType type = typeId < byId.length ? byId[typeId] : null;
            if (type == null) {
              continue; // a type removed from the table: no weight known
            }
            double value = rs.getDouble(4);
            boolean hasValue = !rs.wasNull();
            float w = type.interactionWeight(hasValue, value);
            if (w == 0f) {
              continue;
            }
            int user = userDense[(int) rs.getLong(1)];
            int item = itemDense[(int) rs.getLong(2)];
            b.addInteraction(user, item, w, Math.floorDiv(rs.getLong(5), 1000L));
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot build the training snapshot: " + e.getMessage(), e);
    }
    return b.build();
  }

  // Activity (column-only read for analytics) -------------------------------------------------

  /**
   * SQLite: the numeric context attributes, extracted by the JSON1 functions; {@code instr}
   * skips the JSON parse of rows whose text cannot hold the key (the writer never escapes ASCII
   * letters in keys).
   */
  private static final String SQLITE_ACTIVITY = "SELECT user_ref, item_ref, type_id, value,"
      + " time_ms, session_id,"
      + " CASE WHEN attributes IS NULL OR instr(attributes, '\"unitPrice\"') = 0 THEN NULL"
      + "  WHEN json_type(attributes, '$.unitPrice') IN ('integer', 'real')"
      + "  THEN json_extract(attributes, '$.unitPrice') END,"
      + " CASE WHEN attributes IS NULL THEN NULL"
      + "  WHEN instr(attributes, '\"dollarValue\"') > 0"
      + "   AND json_type(attributes, '$.dollarValue') IS NOT NULL"
      + "  THEN CASE WHEN json_type(attributes, '$.dollarValue') IN ('integer', 'real')"
      + "   THEN json_extract(attributes, '$.dollarValue') END"
      + "  WHEN instr(attributes, '\"amount\"') > 0"
      + "   AND json_type(attributes, '$.amount') IN ('integer', 'real')"
      + "  THEN json_extract(attributes, '$.amount') END"
      + " FROM events ORDER BY seq";

  /** PostgreSQL: the same, through jsonb (the attributes column is JSON text). */
  private static final String POSTGRES_ACTIVITY = "SELECT e.user_ref, e.item_ref, e.type_id,"
      + " e.value, e.time_ms, e.session_id,"
      + " CASE WHEN jsonb_typeof(j.a -> 'unitPrice') = 'number'"
      + "  THEN (j.a ->> 'unitPrice')::double precision END,"
      + " CASE WHEN j.a -> 'dollarValue' IS NOT NULL"
      + "  THEN CASE WHEN jsonb_typeof(j.a -> 'dollarValue') = 'number'"
      + "   THEN (j.a ->> 'dollarValue')::double precision END"
      + "  WHEN jsonb_typeof(j.a -> 'amount') = 'number'"
      + "  THEN (j.a ->> 'amount')::double precision END"
      + " FROM events e CROSS JOIN LATERAL (SELECT CAST(e.attributes AS jsonb) AS a) j"
      + " ORDER BY e.seq";

  @Override
  public void activity(ActivitySink sink) {
    try (Connection c = connect()) {
      c.setAutoCommit(false); // one consistent read; PostgreSQL streams with a cursor
      int[] userDense = new int[16];
      int users = 0;
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery(
            "SELECT id, ext_id, first_seen, attributes FROM users ORDER BY id")) {
          while (rs.next()) {
            int ref = Math.toIntExact(rs.getLong(1));
            long firstSeen = rs.getLong(3);
            Instant fs = rs.wasNull() ? null : Instant.ofEpochMilli(firstSeen);
            sink.user(rs.getString(2), fs, Json.readMap(rs.getString(4)));
            userDense = put(userDense, ref, users++);
          }
        }
      }
      int[] itemDense = new int[16];
      int items = 0;
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery("SELECT id, ext_id, price FROM items ORDER BY id")) {
          while (rs.next()) {
            int ref = Math.toIntExact(rs.getLong(1));
            double price = rs.getDouble(3);
            if (rs.wasNull()) {
              price = Double.NaN;
            }
            sink.item(rs.getString(2), price);
            itemDense = put(itemDense, ref, items++);
          }
        }
      }
      TypeTable t = types;
      String[] typeNames = new String[0];
      try (Statement s = c.createStatement()) {
        s.setFetchSize(10_000);
        try (ResultSet rs = s.executeQuery(
            dialect == Dialect.SQLITE ? SQLITE_ACTIVITY : POSTGRES_ACTIVITY)) {
          while (rs.next()) {
            int user = userDense[Math.toIntExact(rs.getLong(1))];
            long itemRef = rs.getLong(2);
            int item = rs.wasNull() ? -1 : itemDense[Math.toIntExact(itemRef)];
            int typeId = rs.getInt(3);
            if (typeId >= typeNames.length) {
              typeNames = Arrays.copyOf(typeNames, typeId + 1);
            }
            String type = typeNames[typeId];
            if (type == null) {
              type = typeNames[typeId] = t.name(typeId);
            }
            double value = rs.getDouble(4);
            if (rs.wasNull()) {
              value = Double.NaN;
            }
            long time = rs.getLong(5);
            String session = rs.getString(6);
            double unitPrice = rs.getDouble(7);
            if (rs.wasNull()) {
              unitPrice = Double.NaN;
            }
            double amount = rs.getDouble(8);
            if (rs.wasNull()) {
              amount = Double.NaN;
            }
            sink.event(user, item, type, time, value, session, unitPrice, amount);
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot read the store's activity: " + e.getMessage(), e);
    }
  }

  private static int[] put(int[] dense, int ref, int index) {
    if (ref >= dense.length) {
      int old = dense.length;
      dense = Arrays.copyOf(dense, Math.max(ref + 1, old * 2));
      Arrays.fill(dense, old, dense.length, -1);
    }
    dense[ref] = index;
    return dense;
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    pool.close();
  }

  // Row mapping -------------------------------------------------------------------------------

  private static User readUser(ResultSet rs) throws SQLException {
    long fs = rs.getLong(3);
    Instant firstSeen = rs.wasNull() ? null : Instant.ofEpochMilli(fs);
    return new User(rs.getString(1), Json.readMap(rs.getString(2)), firstSeen);
  }

  private static Item readItem(ResultSet rs) throws SQLException {
    double price = rs.getDouble(5);
    Double p = rs.wasNull() ? null : price;
    long created = rs.getLong(7);
    Instant cr = rs.wasNull() ? null : Instant.ofEpochMilli(created);
    return new Item(rs.getString(1), Json.readList(rs.getString(2)), rs.getString(3),
        rs.getString(4), p, Json.readMap(rs.getString(6)), cr, rs.getInt(8) != 0);
  }

  private Event readEvent(ResultSet rs) throws SQLException {
    double v = rs.getDouble(4);
    Double value = rs.wasNull() ? null : v;
    OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(rs.getLong(5)),
        ZoneOffset.ofTotalSeconds(rs.getInt(6)));
    String session = rs.getString(7);
    String device = rs.getString(8);
    String query = rs.getString(9);
    String page = rs.getString(10);
    String attrs = rs.getString(11);
    EventContext context = session == null && device == null && query == null && page == null
        && attrs == null ? EventContext.EMPTY
        : new EventContext(session, device, query, page, Json.readMap(attrs));
    return new Event(rs.getString(13), rs.getString(14), types.name(rs.getInt(3)), value, time,
        context, rs.getString(12));
  }

  // Streaming queries -------------------------------------------------------------------------

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * A lazily read result set as a stream. The connection stays open until the stream is closed;
   * on PostgreSQL the read runs in a transaction so that the driver uses a cursor.
   */
  private <T> Stream<T> query(String sql, Binder binder, RowReader<T> reader, String what) {
    Connection c = null;
    try {
      c = connect();
      c.setAutoCommit(false);
      PreparedStatement ps = c.prepareStatement(sql);
      ps.setFetchSize(1_000);
      binder.bind(ps);
      ResultSet rs = ps.executeQuery();
      Connection conn = c;
      Spliterator<T> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
          Spliterator.ORDERED | Spliterator.NONNULL) {
        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
          try {
            if (!rs.next()) {
              return false;
            }
            action.accept(reader.read(rs));
            return true;
          } catch (SQLException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
          }
        }
      };
      return StreamSupport.stream(split, false).onClose(() -> {
        try (conn; ps; rs) {
          conn.rollback();
        } catch (SQLException e) {
          throw new StoreException("cannot close the read of " + what + ": " + e.getMessage(), e);
        }
      });
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the original failure is what the caller needs to see
      }
    }
  }

  /** The event types with their small ids. Immutable. */
  record TypeTable(EventTypes types, Map<String, Integer> idByName, EventType[] byId) {
    static TypeTable load(Connection c) throws SQLException {
      List<EventType> list = new ArrayList<>();
      Map<String, Integer> ids = new HashMap<>();
      EventType[] byId = new EventType[0];
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT id, name, weight, polarity, value_mode, item_required FROM event_types ORDER BY id")) {
        while (rs.next()) {
          EventType t = new EventType(rs.getString(2), (float) rs.getDouble(3),
              EventType.Polarity.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
              EventType.ValueMode.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
              rs.getInt(6) != 0);
          int id = rs.getInt(1);
          list.add(t);
          ids.put(t.name(), id);
          if (id >= byId.length) {
            byId = Arrays.copyOf(byId, id + 1);
          }
          byId[id] = t;
        }
      }
      return new TypeTable(EventTypes.of(list), Map.copyOf(ids), byId);
    }

    String name(int id) {
      EventType t = id < byId.length ? byId[id] : null;
      return t == null ? "type#" + id : t.name();
    }
  }
}
