package dev.longview.lifecycle;

import java.util.function.IntPredicate;

/**
 * Active-user counts and stickiness, on local days of {@link ActiveDays}.
 *
 * <ul>
 *   <li>DAU on day d: users active on d; WAU: active on any of d-6..d; MAU: any of d-29..d.
 *   <li>DAU/MAU: DAU(d) / MAU(d); {@link #meanDauOverMau} averages it over days with MAU > 0.
 *   <li>Stickiness: the distribution of users by the number of intervals they were active in,
 *       over a span of intervals; {@code L7} and {@code L28} are the daily version over the 7 and
 *       28 days ending on the as-of day. Element k counts users active in exactly k intervals
 *       (k >= 1; element 0 is always 0: users inactive in the span are not counted).
 * </ul>
 * Static functions; thread-safe.
 */
public final class Engagement {
  private Engagement() {}

  /** DAU, WAU and MAU on one day. */
  public record ActiveUsers(int day, int dau, int wau, int mau) {
    public double dauOverMau() {
      return mau == 0 ? 0 : (double) dau / mau;
    }
  }

  /** DAU, WAU and MAU on the as-of day. */
  public static ActiveUsers on(ActiveDays activity, IntPredicate include) {
    int d = activity.asOfDay();
    return new ActiveUsers(d, series(activity, d, d, 1, include)[0],
        series(activity, d, d, 7, include)[0], series(activity, d, d, 30, include)[0]);
  }

  /**
   * For each day {@code fromDay..toDay}, the number of users active in the {@code window} days
   * ending on it (1 = DAU, 7 = WAU, 30 = MAU).
   */
  public static int[] series(ActiveDays activity, int fromDay, int toDay, int window,
      IntPredicate include) {
    if (window < 1 || toDay < fromDay) {
      throw new IllegalArgumentException("window " + window + " over days " + fromDay + ".."
          + toDay + "; need window >= 1 and fromDay <= toDay");
    }
    int width = toDay - fromDay + 1;
    int[] diff = new int[width + 1];
    for (int u = 0; u < activity.users(); u++) {
      if (!include.test(u)) {
        continue;
      }
      int runStart = Integer.MIN_VALUE;
      int runEnd = Integer.MIN_VALUE;
      for (int i = activity.start(u); i < activity.end(u); i++) {
        int a = activity.day(i);
        int e = a + window - 1;
        if (a <= runEnd + 1) {
          runEnd = e;
        } else {
          add(diff, fromDay, toDay, runStart, runEnd);
          runStart = a;
          runEnd = e;
        }
      }
      add(diff, fromDay, toDay, runStart, runEnd);
    }
    int[] out = new int[width];
    int acc = 0;
    for (int i = 0; i < width; i++) {
      acc += diff[i];
      out[i] = acc;
    }
    return out;
  }

  private static void add(int[] diff, int fromDay, int toDay, int a, int b) {
    if (a == Integer.MIN_VALUE) {
      return;
    }
    int lo = Math.max(a, fromDay);
    int hi = Math.min(b, toDay);
    if (lo <= hi) {
      diff[lo - fromDay]++;
      diff[hi - fromDay + 1]--;
    }
  }

  /** Mean of DAU(d)/MAU(d) over {@code fromDay..toDay}, skipping days with MAU 0. */
  public static double meanDauOverMau(ActiveDays activity, int fromDay, int toDay,
      IntPredicate include) {
    int[] dau = series(activity, fromDay, toDay, 1, include);
    int[] mau = series(activity, fromDay, toDay, 30, include);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < dau.length; i++) {
      if (mau[i] > 0) {
        sum += (double) dau[i] / mau[i];
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * Users by number of active intervals among the {@code span} intervals ending with the as-of
   * interval: element k (0..span) counts users active in exactly k of them; element 0 is 0.
   */
  public static int[] stickiness(ActiveDays activity, Interval interval, int span,
      IntPredicate include) {
    if (span < 1) {
      throw new IllegalArgumentException("span was " + span + "; use at least 1 interval");
    }
    int last = interval.period(activity.asOfDay());
    int first = last - span + 1;
    int[] out = new int[span + 1];
    int[] p = new int[Math.max(1, activity.maxDaysPerUser())];
    for (int u = 0; u < activity.users(); u++) {
      if (!include.test(u)) {
        continue;
      }
      int n = activity.periods(u, interval, p);
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (p[i] >= first && p[i] <= last) {
          k++;
        }
      }
      if (k > 0) {
        out[k]++;
      }
    }
    return out;
  }

  /** L7: users by active days among the 7 days ending on the as-of day. */
  public static int[] l7(ActiveDays activity, IntPredicate include) {
    return stickiness(activity, Interval.DAY, 7, include);
  }

  /** L28: users by active days among the 28 days ending on the as-of day. */
  public static int[] l28(ActiveDays activity, IntPredicate include) {
    return stickiness(activity, Interval.DAY, 28, include);
  }
}
