package dev.longview.server;

import dev.longview.lifecycle.ActiveDays;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.CommerceMetrics;
import dev.longview.lifecycle.Engagement;
import dev.longview.lifecycle.Interval;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.LifecycleTable;
import dev.longview.lifecycle.RetentionTable;
import dev.longview.lifecycle.Segments;
import dev.longview.lifecycle.Stage;
import dev.longview.lifecycle.UserState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The dashboard's analytics as JSON-ready maps, computed with the lifecycle module's own
 * definitions ({@link ActiveDays}, {@link LifecycleTable}, {@link RetentionTable},
 * {@link Engagement}, {@link CommerceMetrics}, {@link LifecycleClassifier}, {@link Segments}):
 * this class only picks the range, aggregates their outputs (funnel totals, cohort-weighted
 * curves, counts per interval) and names the fields. No HTTP, no caching: see
 * {@link AnalyticsEndpoints}. Static; thread-safe.
 */
final class AnalyticsReports {
  /** Segments shown when splitting by an attribute; the rest are summed into "(other)". */
  static final int MAX_SEGMENTS = 8;
  static final String OTHER = "(other)";

  private AnalyticsReports() {}

  /** The range block of every answer. */
  static Map<String, Object> range(AnalyticsQuery q) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("from", q.from().toString());
    o.put("to", q.to().toString());
    o.put("interval", q.interval().label());
    o.put("zone", q.zone().getId());
    o.put("profile", q.profile());
    o.put("asOf", q.asOf().toString());
    o.put("firstPeriodStart", q.firstPeriodStart().toString());
    return o;
  }

  /**
   * Totals, DAU/WAU/MAU per day, DAU/MAU, active users and events per interval, events by type in
   * the range.
   */
  static Map<String, Object> overview(ActivityLog log, ActiveDays activity, AnalyticsQuery q) {
    int fromDay = (int) q.from().toEpochDay();
    int toDay = activity.asOfDay();
    Map<String, Object> o = new LinkedHashMap<>();
    long asOfMs = q.asOf().toEpochMilli();
    long fromMs = q.fromInstant().toEpochMilli();
    // Events per interval and by type, in [start of the first interval, as-of).
    long[] bounds = periodBounds(q);
    long[] eventsPerPeriod = new long[bounds.length - 1];
    long[] byType = new long[log.typeCount()];
    long eventsInRange = 0;
    long usersSeen = 0;
    for (int u = 0; u < log.users(); u++) {
      if (log.firstSeenMs(u) < asOfMs) {
        usersSeen++;
      }
      for (int e = log.userStart(u); e < log.userEnd(u); e++) {
        long t = log.timeMs(e);
        if (t >= asOfMs) {
          break;
        }
        if (t < bounds[0]) {
          continue;
        }
        int p = Arrays.binarySearch(bounds, t);
        eventsPerPeriod[p >= 0 ? p : -p - 2]++;
        if (t >= fromMs) {
          byType[log.type(e)]++;
          eventsInRange++;
        }
      }
    }
    int days = Math.max(1, toDay - fromDay + 1);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("users", usersSeen);
    totals.put("items", log.items());
    totals.put("events", log.events());
    totals.put("eventsInRange", eventsInRange);
    totals.put("activeUsersInRange", toDay < fromDay ? 0
        : Engagement.series(activity, toDay, toDay, days, u -> true)[0]);
    o.put("totals", totals);
    Engagement.ActiveUsers now = Engagement.on(activity, u -> true);
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("day", LocalDate.ofEpochDay(now.day()).toString());
    current.put("dau", now.dau());
    current.put("wau", now.wau());
    current.put("mau", now.mau());
    current.put("dauOverMau", round(now.dauOverMau(), 4));
    o.put("current", current);
    List<Map<String, Object>> daily = new ArrayList<>();
    if (toDay >= fromDay) {
      int[] dau = Engagement.series(activity, fromDay, toDay, 1, u -> true);
      int[] wau = Engagement.series(activity, fromDay, toDay, 7, u -> true);
      int[] mau = Engagement.series(activity, fromDay, toDay, 30, u -> true);
      for (int i = 0; i < dau.length; i++) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("date", LocalDate.ofEpochDay(fromDay + i).toString());
        d.put("dau", dau[i]);
        d.put("wau", wau[i]);
        d.put("mau", mau[i]);
        d.put("dauOverMau", mau[i] == 0 ? 0.0 : round((double) dau[i] / mau[i], 4));
        daily.add(d);
      }
      o.put("meanDauOverMau", round(Engagement.meanDauOverMau(activity, fromDay, toDay,
          u -> true), 4));
    } else {
      o.put("meanDauOverMau", 0.0);
    }
    o.put("daily", daily);
    LifecycleTable table = LifecycleTable.of(activity, q.interval(), q.from());
    List<Map<String, Object>> perInterval = new ArrayList<>();
    for (int i = 0; i < table.rows().size(); i++) {
      LifecycleTable.Row r = table.rows().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", r.start().toString());
      m.put("activeUsers", r.active());
      m.put("events", i < eventsPerPeriod.length ? eventsPerPeriod[i] : 0);
      perInterval.add(m);
    }
    o.put("perInterval", perInterval);
    List<Map<String, Object>> types = new ArrayList<>();
    for (int t = 0; t < byType.length; t++) {
      if (byType[t] > 0) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", log.typeName(t));
        m.put("events", byType[t]);
        types.add(m);
      }
    }
    types.sort(Comparator.comparingLong((Map<String, Object> m) -> (long) m.get("events"))
        .reversed().thenComparing(m -> (String) m.get("type")));
    o.put("eventsByType", types);
    return o;
  }

  /**
   * The PostHog lifecycle per interval, current user states and AARRR stages with the funnel, and
   * the same split by a user attribute ({@code splitBy}, may be null).
   */
  static Map<String, Object> lifecycle(ActivityLog log, ActiveDays activity,
      LifecycleClassifier.Result states, AnalyticsQuery q, String splitBy) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("periods", LifecycleTable.of(activity, q.interval(), q.from()).jsonRows());
    o.put("states", stateRows(states, u -> true));
    o.put("funnel", funnel(states, u -> true));
    o.put("splitBy", splitBy);
    o.put("splitOptions", attributeKeys(log));
    List<Map<String, Object>> segments = new ArrayList<>();
    if (splitBy != null) {
      for (Map.Entry<String, IntPredicate> s : segments(log, splitBy).entrySet()) {
        IntPredicate include = s.getValue();
        Map<String, Object> seg = new LinkedHashMap<>();
        seg.put("value", s.getKey());
        int users = 0;
        for (int u = 0; u < log.users(); u++) {
          if (states.state()[u] != null && include.test(u)) {
            users++;
          }
        }
        seg.put("users", users);
        seg.put("periods", LifecycleTable.of(activity, q.interval(), q.from(), include).jsonRows());
        seg.put("states", stateRows(states, include));
        seg.put("funnel", funnel(states, include));
        segments.add(seg);
      }
    }
    o.put("segments", segments);
    return o;
  }

  /**
   * The largest {@link #MAX_SEGMENTS} values of attribute {@code key} (by users, then by value),
   * and "(other)" for the rest when there are more; from {@link Segments#byAttribute}.
   */
  static Map<String, IntPredicate> segments(ActivityLog log, String key) {
    Map<String, IntPredicate> all = Segments.byAttribute(log, key);
    List<String> names = new ArrayList<>(all.keySet());
    int[] size = new int[names.size()];
    int[] segmentOf = new int[log.users()];
    for (int u = 0; u < log.users(); u++) {
      for (int s = 0; s < names.size(); s++) {
        if (all.get(names.get(s)).test(u)) {
          segmentOf[u] = s;
          size[s]++;
          break;
        }
      }
    }
    Integer[] order = new Integer[names.size()];
    for (int s = 0; s < order.length; s++) {
      order[s] = s;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer s) -> -size[s])
        .thenComparing(s -> names.get(s)));
    Map<String, IntPredicate> out = new LinkedHashMap<>();
    boolean[] shown = new boolean[names.size()];
    int keep = order.length > MAX_SEGMENTS ? MAX_SEGMENTS - 1 : order.length;
    for (int k = 0; k < keep; k++) {
      int s = order[k];
      shown[s] = true;
      out.put(names.get(s), all.get(names.get(s)));
    }
    if (keep < order.length) {
      out.put(OTHER, u -> !shown[segmentOf[u]]);
    }
    return out;
  }

  /** The user attribute keys, sorted (for the split-by picker). */
  static List<String> attributeKeys(ActivityLog log) {
    TreeSet<String> keys = new TreeSet<>();
    for (int u = 0; u < log.users(); u++) {
      keys.addAll(log.attributes(u).keySet());
    }
    return List.copyOf(keys);
  }

  private static List<Map<String, Object>> stateRows(LifecycleClassifier.Result r,
      IntPredicate include) {
    int[] counts = new int[UserState.values().length];
    for (int u = 0; u < r.state().length; u++) {
      if (r.state()[u] != null && include.test(u)) {
        counts[r.state()[u].ordinal()]++;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (UserState s : UserState.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", s.label());
      m.put("users", counts[s.ordinal()]);
      rows.add(m);
    }
    return rows;
  }

  /**
   * The AARRR funnel: users whose furthest stage is each stage, users who reached it (that stage
   * or a later one), and the conversion from the previous stage and from the first.
   */
  static List<Map<String, Object>> funnel(LifecycleClassifier.Result r, IntPredicate include) {
    int stages = Stage.values().length;
    int[] at = new int[stages];
    for (int u = 0; u < r.stage().length; u++) {
      if (r.stage()[u] != null && include.test(u)) {
        at[r.stage()[u].ordinal()]++;
      }
    }
    int[] reached = new int[stages];
    for (int s = stages - 1; s >= 0; s--) {
      reached[s] = at[s] + (s + 1 < stages ? reached[s + 1] : 0);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Stage s : Stage.values()) {
      int i = s.ordinal();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", s.label());
      m.put("users", at[i]);
      m.put("reached", reached[i]);
      m.put("conversionFromPrevious", i == 0 ? null
          : reached[i - 1] == 0 ? 0.0 : round((double) reached[i] / reached[i - 1], 4));
      m.put("conversionFromFirst", reached[0] == 0 ? 0.0 : round((double) reached[i] / reached[0], 4));
      rows.add(m);
    }
    return rows;
  }

  /**
   * The cohort table from {@link RetentionTable} and the retention curve: per column, the
   * returned users over the sizes of the cohorts that report that column.
   *
   * @param brackets the bracket columns, used only for the bracket variant
   */
  static Map<String, Object> retention(ActiveDays activity, AnalyticsQuery q,
      RetentionTable.Cohorts cohorts, RetentionTable.Variant variant,
      List<RetentionTable.Bracket> brackets) {
    RetentionTable table;
    List<String> columns = new ArrayList<>();
    if (variant == RetentionTable.Variant.BRACKET) {
      table = RetentionTable.brackets(activity, q.interval(), cohorts, q.from(), brackets, u -> true);
      for (RetentionTable.Bracket b : brackets) {
        columns.add(b.lo() == b.hi() ? Integer.toString(b.lo()) : b.lo() + "-" + b.hi());
      }
    } else {
      int maxOffset = Math.max(0, q.periods() - 1);
      table = RetentionTable.of(activity, q.interval(), cohorts, variant, q.from(), maxOffset,
          u -> true);
      for (int n = 0; n <= maxOffset; n++) {
        columns.add(variant == RetentionTable.Variant.UNBOUNDED ? n + "+" : Integer.toString(n));
      }
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("cohorts", cohorts == RetentionTable.Cohorts.FIRST_TIME ? "first-time" : "recurring");
    o.put("variant", variant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    o.put("columns", columns);
    long[] returned = new long[columns.size()];
    long[] base = new long[columns.size()];
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RetentionTable.Cohort c : table.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", c.start().toString());
      m.put("size", c.size());
      int[] r = c.returned();
      m.put("returned", r);
      double[] v = c.values();
      double[] rounded = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        rounded[i] = round(v[i], 4);
        returned[i] += r[i];
        base[i] += c.size();
      }
      m.put("values", rounded);
      rows.add(m);
    }
    o.put("rows", rows);
    List<Map<String, Object>> curve = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (base[i] == 0) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", columns.get(i));
      m.put("cohortUsers", base[i]);
      m.put("returned", returned[i]);
      m.put("value", round((double) returned[i] / base[i], 4));
      curve.add(m);
    }
    o.put("curve", curve);
    return o;
  }

  /** Commerce metrics over the whole range and per interval, from {@link CommerceMetrics}. */
  static Map<String, Object> commerce(ActivityLog log, AnalyticsQuery q) {
    LifecycleConfig config = q.config();
    long[] bounds = periodBounds(q);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("total", commerceRow(CommerceMetrics.of(log, config, Instant.ofEpochMilli(bounds[0]),
        q.asOf(), u -> true)));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", q.interval().start(q.interval().period((int) q.from().toEpochDay()) + i)
          .toString());
      m.putAll(commerceRow(CommerceMetrics.of(log, config, Instant.ofEpochMilli(bounds[i]),
          Instant.ofEpochMilli(bounds[i + 1]), u -> true)));
      rows.add(m);
    }
    o.put("perInterval", rows);
    return o;
  }

  static Map<String, Object> commerceRow(CommerceMetrics c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("orders", c.orders());
    m.put("revenue", round(c.revenue(), 2));
    m.put("aov", round(c.aov(), 2));
    m.put("customers", c.customers());
    m.put("repeatCustomers", c.repeatCustomers());
    m.put("repeatPurchaseRate", round(c.repeatPurchaseRate(), 4));
    m.put("purchaseFrequency", round(c.purchaseFrequency(), 4));
    m.put("activeUsers", c.activeUsers());
    m.put("conversionRate", round(c.conversionRate(), 4));
    return m;
  }

  /**
   * One user's lifecycle: state and AARRR stage as of the query, the history of state changes at
   * the end of each interval, and their activity (events, first and last, orders and revenue).
   */
  static Map<String, Object> user(ActivityLog log, AnalyticsQuery q, int u) {
    LifecycleConfig config = q.config();
    Map<String, Object> o = new LinkedHashMap<>();
    LifecycleClassifier.Result r = LifecycleClassifier.classifyUser(log, config, q.asOf(),
        q.zone(), u, Double.NaN);
    o.put("state", r.state()[0] == null ? null : r.state()[0].label());
    o.put("stage", r.stage()[0] == null ? null : r.stage()[0].label());
    List<Map<String, Object>> history = new ArrayList<>();
    for (LifecycleClassifier.Transition t : LifecycleClassifier.history(log, config, q.asOf(),
        q.zone(), u, q.interval())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", t.at().toString());
      m.put("from", t.from() == null ? null : t.from().label());
      m.put("to", t.to() == null ? null : t.to().label());
      history.add(m);
    }
    o.put("history", history);
    Map<String, Object> activity = new LinkedHashMap<>();
    long asOfMs = q.asOf().toEpochMilli();
    int events = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int e = log.userStart(u); e < log.userEnd(u) && log.timeMs(e) < asOfMs; e++) {
      events++;
      first = Math.min(first, log.timeMs(e));
      last = Math.max(last, log.timeMs(e));
    }
    activity.put("events", events);
    activity.put("firstEvent", events == 0 ? null : Instant.ofEpochMilli(first).toString());
    activity.put("lastEvent", events == 0 ? null : Instant.ofEpochMilli(last).toString());
    CommerceMetrics c = CommerceMetrics.of(log, config, Instant.EPOCH, q.asOf(), v -> v == u);
    activity.put("orders", c.orders());
    activity.put("revenue", round(c.revenue(), 2));
    o.put("activity", activity);
    return o;
  }

  /**
   * Users whose id contains {@code text} (any case; all users when blank): exact match first,
   * then ids starting with it, then the rest; within each, most events first.
   */
  static Map<String, Object> search(ActivityLog log, String text, int limit) {
    String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    List<int[]> hits = new ArrayList<>();
    for (int u = 0; u < log.users(); u++) {
      String id = log.userId(u).toLowerCase(Locale.ROOT);
      int rank = needle.isEmpty() ? 2 : id.equals(needle) ? 0 : id.startsWith(needle) ? 1
          : id.contains(needle) ? 2 : -1;
      if (rank >= 0) {
        hits.add(new int[] {rank, u, log.userEnd(u) - log.userStart(u)});
      }
    }
    hits.sort(Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> -h[2])
        .thenComparing(h -> log.userId(h[1])));
    List<Map<String, Object>> users = new ArrayList<>();
    for (int[] h : hits.subList(0, Math.min(limit, hits.size()))) {
      int u = h[1];
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", log.userId(u));
      m.put("events", h[2]);
      m.put("lastEvent", h[2] == 0 ? null
          : Instant.ofEpochMilli(log.timeMs(log.userEnd(u) - 1)).toString());
      m.put("attributes", log.attributes(u));
      users.add(m);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("query", text == null ? "" : text);
    o.put("matches", hits.size());
    o.put("users", users);
    return o;
  }

  /**
   * Epoch-ms starts of the query's intervals, from the one containing {@code from} to the one
   * containing the as-of day, plus the as-of instant as the last bound (the last interval may be
   * partial).
   */
  static long[] periodBounds(AnalyticsQuery q) {
    Interval iv = q.interval();
    int first = iv.period((int) q.from().toEpochDay());
    int n = q.periods();
    long[] b = new long[n + 1];
    for (int i = 0; i < n; i++) {
      b[i] = iv.start(first + i).atStartOfDay(q.zone()).toInstant().toEpochMilli();
    }
    b[n] = Math.max(b[n - 1], q.asOf().toEpochMilli());
    return b;
  }

  static double round(double x, int digits) {
    if (!Double.isFinite(x)) {
      return x;
    }
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }
}
