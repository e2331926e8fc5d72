package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One write transaction on one connection. Events are validated when added, buffered in
 * primitive columns and sent as {@code INSERT ... ON CONFLICT DO NOTHING} statements of
 * {@link Dialect#rowsPerInsert()} rows (multi-row VALUES on SQLite, arrays on PostgreSQL); the database's unique indexes (see {@link Migrations})
 * skip duplicates, and the statement's update count tells how many rows were new. Users and items are
 * resolved to internal ids through the store's {@link IdCache} (filled only by committed writes),
 * else the database, and created when unknown; statements are prepared once per transaction.
 */
final class JdbcStoreWriter implements StoreWriter {
  private final JdbcEventStore store;
  private static final String INSERT_EVENTS = "INSERT INTO events (user_ref, item_ref, type_id,"
      + " value, time_ms, offset_s, session_id, device, query, page, attributes, event_id,"
      + " event_key) VALUES ";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String ON_CONFLICT = " ON CONFLICT DO NOTHING";
  private static final String INSERT_EVENTS_UNNEST = INSERT_EVENTS.replace(" VALUES ", "")
      + " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::float8[], ?::bigint[],"
      + " ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
      + ON_CONFLICT;

  private final Connection c;
  private final JdbcEventStore.TypeTable types;
  private final EventKey key = new EventKey();
  private final Map<String, UserRef> users = new HashMap<>();
  private final Map<String, Long> items = new HashMap<>();
  private final int capacity;
  private PreparedStatement fullInsert;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  // Buffered rows, column by column.
  private final long[] userRef;
  private final String[] userExt;
  private final String[] itemExt;
  private final long[] itemRef;
  private final int[] typeId;
  private final double[] value;
  private final boolean[] hasValue;
  private final long[] timeMs;
  private final int[] offsetS;
  private final String[] session;
  private final String[] device;
  private final String[] query;
  private final String[] page;
  private final String[] attributes;
  private final String[] eventId;
  private final long[] eventKey;
  private int buffered;

  private long offered;
  private long stored;
  private long usersCreated;
  private long itemsCreated;
  private boolean done;

  JdbcStoreWriter(JdbcEventStore store, Connection c) throws SQLException {
    this.c = c;
    this.store = store;
    this.types = store.typeTable();
    c.setAutoCommit(false);
    capacity = store.dialectEnum().rowsPerInsert();
    userRef = new long[capacity];
    userExt = new String[capacity];
    itemExt = new String[capacity];
    itemRef = new long[capacity];
    typeId = new int[capacity];
    value = new double[capacity];
    hasValue = new boolean[capacity];
    timeMs = new long[capacity];
    offsetS = new int[capacity];
    session = new String[capacity];
    device = new String[capacity];
    query = new String[capacity];
    page = new String[capacity];
    attributes = new String[capacity];
    eventId = new String[capacity];
    eventKey = new long[capacity];
  }

  /** A user's internal id and the earliest event time this transaction gave them. */
  private static final class UserRef {
    final long id;
    long minTimeMs = Long.MAX_VALUE;
    /** first_seen is known to be at or before this (from the id cache); MAX_VALUE: unknown. */
    long firstSeenAtMost = Long.MAX_VALUE;

    UserRef(long id) {
      this.id = id;
    }
  }

  @Override
  public void putUser(User user) {
    checkOpen();
    try {
      Long firstSeen = user.firstSeen() == null ? null : user.firstSeen().toEpochMilli();
      String attrs = Json.write(user.attributes());
      long id = insertIfAbsent("INSERT INTO users (ext_id, attributes, first_seen) VALUES (?, ?, ?)",
          user.id(), attrs, firstSeen);
      if (id >= 0) {
        usersCreated++;
      } else {
        id = lookUp("SELECT id FROM users WHERE ext_id = ?", user.id());
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET"
            + " attributes = COALESCE(?, attributes),"
            + " first_seen = CASE WHEN first_seen IS NULL OR (? IS NOT NULL AND ? < first_seen)"
            + " THEN ? ELSE first_seen END WHERE id = ?")) {
          ps.setString(1, attrs);
          setLong(ps, 2, firstSeen);
          setLong(ps, 3, firstSeen);
          setLong(ps, 4, firstSeen);
          ps.setLong(5, id);
          ps.executeUpdate();
        }
      }
      users.putIfAbsent(user.id(), new UserRef(id));
    } catch (SQLException e) {
      throw fail("cannot store user \"" + user.id() + "\"", e);
    }
  }

  @Override
  public void putItem(Item item) {
    checkOpen();
    try {
      String categories = Json.writeList(item.categories());
      Double price = item.price();
      String attrs = Json.write(item.attributes());
      Long created = item.created() == null ? null : item.created().toEpochMilli();
      long id = insertIfAbsent("INSERT INTO items (ext_id, categories, title, description, price,"
              + " attributes, created, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          item.id(), categories, item.title(), item.description(), price, attrs, created,
          item.hidden() ? 1 : 0);
      if (id >= 0) {
        itemsCreated++;
      } else {
        id = lookUp("SELECT id FROM items WHERE ext_id = ?", item.id());
        try (PreparedStatement ps = c.prepareStatement("UPDATE items SET categories = ?, title = ?,"
            + " description = ?, price = ?, attributes = ?, created = ?, hidden = ? WHERE id = ?")) {
          bind(ps, 1, categories, item.title(), item.description(), price, attrs, created,
              item.hidden() ? 1 : 0, id);
          ps.executeUpdate();
        }
      }
      items.put(item.id(), id);
    } catch (SQLException e) {
      throw fail("cannot store item \"" + item.id() + "\"", e);
    }
  }

  @Override
  public void addEvent(Event event) {
    checkOpen();
    String problem = types.types().problem(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    try {
      long t = event.time().toInstant().toEpochMilli();
      int k = buffered;
      // Ids are resolved for the whole buffer at flush (resolveIds): one multi-row statement
      // for the unknown users and items instead of one per new id.
      userExt[k] = event.userId();
      itemExt[k] = event.itemId();
      typeId[k] = types.idByName().get(event.type());
      hasValue[k] = event.value() != null;
      value[k] = hasValue[k] ? event.value() : 0;
      timeMs[k] = t;
      offsetS[k] = event.time().getOffset().getTotalSeconds();
      EventContext ctx = event.context();
      session[k] = ctx.sessionId();
      device[k] = ctx.device();
      query[k] = ctx.query();
      page[k] = ctx.page();
      attributes[k] = Json.write(ctx.attributes());
      eventId[k] = event.eventId();
      eventKey[k] = key.compute(event, attributes[k]);
      buffered++;
      offered++;
      if (buffered == capacity) {
        flush();
      }
    } catch (SQLException e) {
      throw fail("cannot store events", e);
    }
  }

  /** Rows per multi-row id statement (well under SQLite's and PostgreSQL's parameter limits). */
  private static final int ID_CHUNK = 500;

  /**
   * Fills userRef/itemRef of the buffered events from their external ids: this transaction's
   * map, else the store's {@link IdCache} of committed ids, else the database, where the unknown
   * ones are created with one multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING} per
   * {@link #ID_CHUNK} ids (a new user gets first_seen = its earliest event here) and the rest read
   * with one {@code SELECT ... IN (...)} per chunk. Before this, each new id was a statement of
   * its own: for a batch of 1,000 events from new users, 1,000 round trips.
   */
  private void resolveIds() throws SQLException {
    Map<String, Long> newUserMinTime = new java.util.LinkedHashMap<>();
    java.util.Set<String> newItems = new java.util.LinkedHashSet<>();
    for (int k = 0; k < buffered; k++) {
      String u = userExt[k];
      if (!users.containsKey(u)) {
        IdCache.UserIds known = store.ids().user(u);
        if (known != null) {
          UserRef ref = new UserRef(known.id());
          ref.firstSeenAtMost = known.firstSeenAtMost();
          users.put(u, ref);
        } else {
          newUserMinTime.merge(u, timeMs[k], Math::min);
        }
      }
      String i = itemExt[k];
      if (i != null && !items.containsKey(i)) {
        Long known = store.ids().item(i);
        if (known != null) {
          items.put(i, known);
        } else {
          newItems.add(i);
        }
      }
    }
    if (!newUserMinTime.isEmpty()) {
      Map<String, Long> created = new HashMap<>();
      List<String> ids = new java.util.ArrayList<>(newUserMinTime.keySet());
      for (int from = 0; from < ids.size(); from += ID_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
        StringBuilder sql = new StringBuilder("INSERT INTO users (ext_id, first_seen) VALUES ");
        for (int r = 0; r < chunk.size(); r++) {
          sql.append(r == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(" ON CONFLICT (ext_id) DO NOTHING RETURNING id, ext_id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
          int p = 1;
          for (String id : chunk) {
            ps.setString(p++, id);
            ps.setLong(p++, newUserMinTime.get(id));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              created.put(rs.getString(2), rs.getLong(1));
            }
          }
        }
      }
      usersCreated += created.size();
      for (Map.Entry<String, Long> e : created.entrySet()) {
        UserRef ref = new UserRef(e.getValue());
        ref.firstSeenAtMost = newUserMinTime.get(e.getKey());
        users.put(e.getKey(), ref);
      }
      List<String> existing = ids.stream().filter(id -> !created.containsKey(id)).toList();
      for (Map.Entry<String, Long> e : selectIds("users", existing).entrySet()) {
        users.put(e.getKey(), new UserRef(e.getValue()));
      }
    }
    if (!newItems.isEmpty()) {
      List<String> ids = new java.util.ArrayList<>(newItems);
      Map<String, Long> created = new HashMap<>();
      for (int from = 0; from < ids.size(); from += ID_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
        StringBuilder sql = new StringBuilder("INSERT INTO items (ext_id) VALUES ");
        for (int r = 0; r < chunk.size(); r++) {
          sql.append(r == 0 ? "(?)" : ", (?)");
        }
        sql.append(" ON CONFLICT (ext_id) DO NOTHING RETURNING id, ext_id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
          for (int r = 0; r < chunk.size(); r++) {
            ps.setString(r + 1, chunk.get(r));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              created.put(rs.getString(2), rs.getLong(1));
            }
          }
        }
      }
      itemsCreated += created.size();
      items.putAll(created);
      items.putAll(selectIds("items", ids.stream().filter(id -> !created.containsKey(id)).toList()));
    }
    for (int k = 0; k < buffered; k++) {
      UserRef ref = users.get(userExt[k]);
      if (ref == null) {
        throw new SQLException("user \"" + userExt[k] + "\" vanished during the transaction");
      }
      ref.minTimeMs = Math.min(ref.minTimeMs, timeMs[k]);
      userRef[k] = ref.id;
      if (itemExt[k] == null) {
        itemRef[k] = -1;
      } else {
        Long item = items.get(itemExt[k]);
        if (item == null) {
          throw new SQLException("item \"" + itemExt[k] + "\" vanished during the transaction");
        }
        itemRef[k] = item;
      }
    }
  }

  /** Row ids of existing {@code ext_ids} of {@code table}, one SELECT per chunk. */
  private Map<String, Long> selectIds(String table, List<String> extIds) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    for (int from = 0; from < extIds.size(); from += ID_CHUNK) {
      List<String> chunk = extIds.subList(from, Math.min(extIds.size(), from + ID_CHUNK));
      StringBuilder sql = new StringBuilder("SELECT id, ext_id FROM " + table + " WHERE ext_id IN (");
      for (int r = 0; r < chunk.size(); r++) {
        sql.append(r == 0 ? "?" : ", ?");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.append(")").toString())) {
        for (int r = 0; r < chunk.size(); r++) {
          ps.setString(r + 1, chunk.get(r));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(2), rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  /** A statement prepared once per transaction and reused. */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Inserts a row keyed by its external id unless one exists; returns the new id or -1. */
  private long insertIfAbsent(String insert, Object... values) throws SQLException {
    PreparedStatement ps = statement(insert + " ON CONFLICT (ext_id) DO NOTHING RETURNING id");
    bind(ps, 1, values);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private long lookUp(String select, String extId) throws SQLException {
    PreparedStatement ps = statement(select);
    ps.setString(1, extId);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("row for \"" + extId + "\" vanished during the transaction");
      }
      return rs.getLong(1);
    }
  }

  private static void bind(PreparedStatement ps, int first, Object... values) throws SQLException {
    for (int k = 0; k < values.length; k++) {
      Object v = values[k];
      int p = first + k;
      if (v == null) {
        ps.setNull(p, Types.NULL);
      } else if (v instanceof String s) {
        ps.setString(p, s);
      } else if (v instanceof Long l) {
        ps.setLong(p, l);
      } else if (v instanceof Integer i) {
        ps.setInt(p, i);
      } else if (v instanceof Double d) {
        ps.setDouble(p, d);
      } else {
        throw new IllegalArgumentException("cannot bind " + v.getClass());
      }
    }
  }

  private static void setLong(PreparedStatement ps, int p, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(p, Types.BIGINT);
    } else {
      ps.setLong(p, v);
    }
  }

  private void flush() throws SQLException {
    if (buffered == 0) {
      return;
    }
    resolveIds();
    if (store.dialectEnum() == Dialect.POSTGRESQL) {
      flushArrays();
      return;
    }
    PreparedStatement ps;
    boolean full = buffered == capacity;
    if (full) {
      if (fullInsert == null) {
        fullInsert = c.prepareStatement(insertSql(capacity));
      }
      ps = fullInsert;
    } else {
      ps = c.prepareStatement(insertSql(buffered));
    }
    try {
      int p = 1;
      for (int k = 0; k < buffered; k++) {
        ps.setLong(p++, userRef[k]);
        if (itemRef[k] < 0) {
          ps.setNull(p++, Types.BIGINT);
        } else {
          ps.setLong(p++, itemRef[k]);
        }
        ps.setInt(p++, typeId[k]);
        if (hasValue[k]) {
          ps.setDouble(p++, value[k]);
        } else {
          ps.setNull(p++, Types.DOUBLE);
        }
        ps.setLong(p++, timeMs[k]);
        ps.setInt(p++, offsetS[k]);
        ps.setString(p++, session[k]);
        ps.setString(p++, device[k]);
        ps.setString(p++, query[k]);
        ps.setString(p++, page[k]);
        ps.setString(p++, attributes[k]);
        ps.setString(p++, eventId[k]);
        ps.setLong(p++, eventKey[k]);
      }
      stored += ps.executeUpdate();
    } finally {
      if (!full) {
        ps.close();
      }
    }
    buffered = 0;
  }

  /** PostgreSQL: the buffered rows as 13 arrays in one statement. */
  private void flushArrays() throws SQLException {
    int n = buffered;
    Long[] users = new Long[n];
    Long[] itemRefs = new Long[n];
    Integer[] typeIds = new Integer[n];
    Double[] values = new Double[n];
    Long[] times = new Long[n];
    Integer[] offsets = new Integer[n];
    Long[] keys = new Long[n];
    for (int k = 0; k < n; k++) {
      users[k] = userRef[k];
      itemRefs[k] = itemRef[k] < 0 ? null : itemRef[k];
      typeIds[k] = typeId[k];
      values[k] = hasValue[k] ? value[k] : null;
      times[k] = timeMs[k];
      offsets[k] = offsetS[k];
      keys[k] = eventKey[k];
    }
    if (fullInsert == null) {
      fullInsert = c.prepareStatement(INSERT_EVENTS_UNNEST);
    }
    PreparedStatement ps = fullInsert;
    ps.setArray(1, c.createArrayOf("bigint", users));
    ps.setArray(2, c.createArrayOf("bigint", itemRefs));
    ps.setArray(3, c.createArrayOf("integer", typeIds));
    ps.setArray(4, c.createArrayOf("float8", values));
    ps.setArray(5, c.createArrayOf("bigint", times));
    ps.setArray(6, c.createArrayOf("integer", offsets));
    ps.setArray(7, c.createArrayOf("text", java.util.Arrays.copyOf(session, n)));
    ps.setArray(8, c.createArrayOf("text", java.util.Arrays.copyOf(device, n)));
    ps.setArray(9, c.createArrayOf("text", java.util.Arrays.copyOf(query, n)));
    ps.setArray(10, c.createArrayOf("text", java.util.Arrays.copyOf(page, n)));
    ps.setArray(11, c.createArrayOf("text", java.util.Arrays.copyOf(attributes, n)));
    ps.setArray(12, c.createArrayOf("text", java.util.Arrays.copyOf(eventId, n)));
    ps.setArray(13, c.createArrayOf("bigint", keys));
    stored += ps.executeUpdate();
    buffered = 0;
  }

  private static String insertSql(int rows) {
    StringBuilder sql = new StringBuilder(INSERT_EVENTS.length() + rows * (ROW.length() + 2) + 32);
    sql.append(INSERT_EVENTS);
    for (int k = 0; k < rows; k++) {
      if (k > 0) {
        sql.append(", ");
      }
      sql.append(ROW);
    }
    return sql.append(ON_CONFLICT).toString();
  }

  @Override
  public WriteSummary progress() {
    checkOpen();
    try {
      flush();
    } catch (SQLException e) {
      throw fail("cannot store events", e);
    }
    return new WriteSummary(offered, stored, offered - stored, usersCreated, itemsCreated);
  }

  @Override
  public WriteSummary commit() {
    checkOpen();
    try {
      flush();
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET first_seen = ?"
          + " WHERE id = ? AND (first_seen IS NULL OR first_seen > ?)")) {
        int pending = 0;
        for (UserRef ref : users.values()) {
          // Skip users whose first_seen is already known to be at or before these events: for
          // events arriving in time order, that is nearly every user of a batch.
          if (ref.minTimeMs != Long.MAX_VALUE && ref.minTimeMs < ref.firstSeenAtMost) {
            ps.setLong(1, ref.minTimeMs);
            ps.setLong(2, ref.id);
            ps.setLong(3, ref.minTimeMs);
            ps.addBatch();
            if (++pending == 1_000) {
              ps.executeBatch();
              pending = 0;
            }
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
      }
      c.commit();
      done = true;
      closeConnection();
      store.committed();
      for (Map.Entry<String, UserRef> e : users.entrySet()) {
        UserRef ref = e.getValue();
        store.ids().putUser(e.getKey(), ref.id, Math.min(ref.minTimeMs, ref.firstSeenAtMost));
      }
      store.ids().putItems(items);
      return new WriteSummary(offered, stored, offered - stored, usersCreated, itemsCreated);
    } catch (SQLException e) {
      throw fail("cannot commit the write", e);
    }
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // closing the connection rolls back as well
    }
    closeConnection();
  }

  private void closeConnection() {
    try {
      if (fullInsert != null) {
        fullInsert.close();
      }
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      c.close();
    } catch (SQLException ignored) {
      // nothing left to save
    }
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("this writer was already committed or closed; start a new one with store.writer()");
    }
  }

  /** Rolls back and makes the writer unusable: after a database error nothing is half-written. */
  private StoreException fail(String what, SQLException e) {
    close();
    return new StoreException(what + " (the whole transaction was rolled back): " + e.getMessage(), e);
  }
}
