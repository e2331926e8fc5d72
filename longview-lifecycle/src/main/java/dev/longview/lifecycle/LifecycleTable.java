package dev.longview.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The PostHog lifecycle per interval. For a user and a period:
 * <ul>
 *   <li><b>new</b>: active in the period and first seen in it;
 *   <li><b>returning</b>: active in the period and in the previous one, not new;
 *   <li><b>resurrecting</b>: active in the period, inactive in the previous one, not new (so a
 *       user first seen before their first active event resurrects, they are never new);
 *   <li><b>dormant</b>: inactive in the period, active in the previous one; reported as a
 *       negative count.
 * </ul>
 * Periods run from {@code firstPeriod} to the period that contains the as-of day (which may be
 * partial); periods with no activity are listed with zeros. Immutable.
 *
 * @param interval the interval
 * @param rows one row per period, oldest first
 */
public record LifecycleTable(Interval interval, List<Row> rows) {
  public LifecycleTable {
    rows = List.copyOf(rows);
  }

  /**
   * One period.
   *
   * @param dormant zero or negative
   */
  public record Row(LocalDate start, int newUsers, int returning, int resurrecting, int dormant) {
    /** new + returning + resurrecting. */
    public int active() {
      return newUsers + returning + resurrecting;
    }

    /**
     * The row as the JSON object of {@code longview lifecycle --json} and the dashboard's
     * lifecycle route: {@code {"start", "new", "returning", "resurrecting", "dormant"}}.
     */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", start.toString());
      m.put("new", newUsers);
      m.put("returning", returning);
      m.put("resurrecting", resurrecting);
      m.put("dormant", dormant);
      return m;
    }
  }

  /** Every row's {@link Row#toJson()}, oldest first. */
  public List<Map<String, Object>> jsonRows() {
    return rows.stream().map(Row::toJson).toList();
  }

  /** The table from the period containing {@code firstDay} to the as-of period, all users. */
  public static LifecycleTable of(ActiveDays activity, Interval interval, LocalDate firstDay) {
    return of(activity, interval, firstDay, u -> true);
  }

  /** As {@link #of(ActiveDays, Interval, LocalDate)} for the users {@code include} accepts. */
  public static LifecycleTable of(ActiveDays activity, Interval interval, LocalDate firstDay,
      IntPredicate include) {
    int first = interval.period((int) firstDay.toEpochDay());
    int last = interval.period(activity.asOfDay());
    int width = Math.max(0, last - first + 1);
    int[] nw = new int[width];
    int[] ret = new int[width];
    int[] res = new int[width];
    int[] dor = new int[width];
    int[] p = new int[Math.max(1, activity.maxDaysPerUser())];
    for (int u = 0; u < activity.users(); u++) {
      if (!include.test(u)) {
        continue;
      }
      int n = activity.periods(u, interval, p);
      int seen = activity.firstSeenDay(u) == Integer.MAX_VALUE ? Integer.MAX_VALUE
          : interval.period(activity.firstSeenDay(u));
      for (int k = 0; k < n; k++) {
        int i = p[k] - first;
        if (i >= 0 && i < width) {
          if (p[k] == seen) {
            nw[i]++;
          } else if (k > 0 && p[k - 1] == p[k] - 1) {
            ret[i]++;
          } else {
            res[i]++;
          }
        }
        boolean activeNext = k + 1 < n && p[k + 1] == p[k] + 1;
        int j = i + 1;
        if (!activeNext && j >= 0 && j < width) {
          dor[j]--;
        }
      }
    }
    List<Row> rows = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      rows.add(new Row(interval.start(first + i), nw[i], ret[i], res[i], dor[i]));
    }
    return new LifecycleTable(interval, rows);
  }
}
