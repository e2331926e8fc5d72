package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's monthly numbers on the real online-retail file against independent SQL GROUP BY
 * queries on the SQLite file it was imported into (UTC months; active = purchase lines with a
 * positive quantity).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineRetailSqlCrossCheckTest {
  private static final String MONTH = "strftime('%Y-%m', e.time_ms / 1000, 'unixepoch')";
  @TempDir static Path dir;
  Path db;
  ActivityLog log;
  ActiveDays activity;
  final Instant asOf = Instant.parse("2012-01-01T00:00:00Z");
  final LifecycleConfig config = LifecycleConfig.commerce();

  @BeforeAll
  void importOnce() {
    Path input = SharedData.require("online-retail/online_retail.csv.gz");
    db = dir.resolve("retail.db");
    try (EventStore store = EventStore.open(db.toString()); StoreWriter w = store.writer()) {
      Importer.run(ImportRequest.of("online-retail", input), w, ProgressListener.NONE);
    }
    try (EventStore store = EventStore.open(db.toString())) {
      log = ActivityLog.load(store);
    }
    activity = ActiveDays.of(log, config, asOf, ZoneOffset.UTC);
  }

  private Map<String, Double> sql(String query) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getDouble(2));
      }
    }
    return out;
  }

  @Test
  void monthlyActiveUsers_andNewUsers_matchSql() throws Exception {
    Map<String, Double> mau = sql("SELECT " + MONTH + " m, COUNT(DISTINCT e.user_ref)"
        + " FROM events e JOIN event_types t ON t.id = e.type_id"
        + " WHERE t.name = 'purchase' AND e.value > 0 GROUP BY m ORDER BY m");
    Map<String, Double> fresh = sql("SELECT " + MONTH + " m, COUNT(DISTINCT e.user_ref)"
        + " FROM events e JOIN event_types t ON t.id = e.type_id JOIN users u ON u.id = e.user_ref"
        + " WHERE t.name = 'purchase' AND e.value > 0"
        + " AND strftime('%Y-%m', u.first_seen / 1000, 'unixepoch') = " + MONTH
        + " GROUP BY m ORDER BY m");
    LifecycleTable table = LifecycleTable.of(activity, Interval.MONTH, LocalDate.of(2010, 12, 1));

    assertThat(mau).hasSize(13);
    Map<String, Double> engineMau = new LinkedHashMap<>();
    Map<String, Double> engineNew = new LinkedHashMap<>();
    for (LifecycleTable.Row row : table.rows()) {
      String m = row.start().toString().substring(0, 7);
      if (row.active() > 0) {
        engineMau.put(m, (double) row.active());
        engineNew.put(m, (double) row.newUsers());
      }
    }
    assertThat(engineMau).isEqualTo(mau);
    assertThat(engineNew).isEqualTo(fresh);
  }

  @Test
  void monthlyOrdersAndRevenue_matchSql() throws Exception {
    Map<String, Double> orders = sql("SELECT " + MONTH + " m,"
        + " COUNT(DISTINCT CASE WHEN e.value > 0 THEN e.user_ref || ':' || e.session_id END)"
        + " - COUNT(DISTINCT CASE WHEN e.value < 0 THEN e.user_ref || ':' || e.session_id END)"
        + " FROM events e JOIN event_types t ON t.id = e.type_id WHERE t.name = 'purchase'"
        + " GROUP BY m ORDER BY m");
    Map<String, Double> revenue = sql("SELECT " + MONTH + " m,"
        + " SUM(e.value * json_extract(e.attributes, '$.unitPrice'))"
        + " FROM events e JOIN event_types t ON t.id = e.type_id WHERE t.name = 'purchase'"
        + " GROUP BY m ORDER BY m");

    for (String m : orders.keySet()) {
      LocalDate start = LocalDate.parse(m + "-01");
      CommerceMetrics c = CommerceMetrics.of(log, config,
          start.atStartOfDay(ZoneOffset.UTC).toInstant(),
          start.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant(), u -> true);
      assertThat((double) c.orders()).as("orders in " + m).isEqualTo(orders.get(m));
      assertThat(c.revenue()).as("revenue in " + m).isCloseTo(revenue.get(m), within(1e-3));
    }
  }

  @Test
  void lastMonthDau_matchesSql() throws Exception {
    Map<String, Double> dau = sql("SELECT strftime('%Y-%m-%d', e.time_ms / 1000, 'unixepoch') d,"
        + " COUNT(DISTINCT e.user_ref) FROM events e JOIN event_types t ON t.id = e.type_id"
        + " WHERE t.name = 'purchase' AND e.value > 0 AND e.time_ms >= "
        + Instant.parse("2011-11-01T00:00:00Z").toEpochMilli() + " GROUP BY d ORDER BY d");
    int from = (int) LocalDate.of(2011, 11, 1).toEpochDay();
    int to = (int) LocalDate.of(2011, 12, 31).toEpochDay();
    int[] engine = Engagement.series(activity, from, to, 1, u -> true);
    for (Map.Entry<String, Double> e : dau.entrySet()) {
      int day = (int) LocalDate.parse(e.getKey()).toEpochDay();
      assertThat((double) engine[day - from]).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(java.util.Arrays.stream(engine).sum())
        .isEqualTo((int) dau.values().stream().mapToDouble(Double::doubleValue).sum());
  }
}
