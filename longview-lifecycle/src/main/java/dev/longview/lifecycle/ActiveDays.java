package dev.longview.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * For every user, the sorted distinct local days (epoch days in one zone) on which they had a
 * qualifying active event strictly before an as-of instant, and the local day they were first
 * seen. Every interval metric (lifecycle, retention, stickiness, DAU/WAU/MAU) is computed from
 * this, so they all share one definition of "active". Immutable.
 *
 * <p>An event is active when its type is one of {@link LifecycleConfig#activeTypes()} and it is
 * not a cancellation (an event of the conversion type with a negative value).
 */
public final class ActiveDays {
  private final int[] start;
  private final int[] days;
  private final int[] firstSeenDay;
  private final int asOfDay;
  private final ZoneDays zoneDays;

  private ActiveDays(int[] start, int[] days, int[] firstSeenDay, int asOfDay, ZoneDays zoneDays) {
    this.start = start;
    this.days = days;
    this.firstSeenDay = firstSeenDay;
    this.asOfDay = asOfDay;
    this.zoneDays = zoneDays;
  }

  /** Extracts the active days of every user of {@code log} before {@code asOf} in {@code zone}. */
  public static ActiveDays of(ActivityLog log, LifecycleConfig config, Instant asOf, ZoneId zone) {
    long asOfMs = asOf.toEpochMilli();
    long[] range = log.timeRange();
    ZoneDays zd = new ZoneDays(zone, Math.min(range[0], asOfMs), Math.max(range[1], asOfMs));
    boolean[] active = activeTypes(log, config);
    int conversion = log.typeCode(config.conversionType());
    int users = log.users();
    int[] start = new int[users + 1];
    int[] days = new int[16];
    int[] firstSeen = new int[users];
    int n = 0;
    for (int u = 0; u < users; u++) {
      start[u] = n;
      long fs = log.firstSeenMs(u);
      firstSeen[u] = fs < asOfMs ? zd.epochDay(fs) : Integer.MAX_VALUE;
      int last = Integer.MIN_VALUE;
      boolean sorted = true;
      for (int e = log.userStart(u), end = log.userEnd(u); e < end; e++) {
        long t = log.timeMs(e);
        if (t >= asOfMs) {
          break;
        }
        int ty = log.type(e);
        if (!active[ty] || (ty == conversion && log.value(e) < 0)) {
          continue;
        }
        int d = zd.epochDay(t);
        if (d == last) {
          continue;
        }
        sorted &= d > last;
        if (n == days.length) {
          days = Arrays.copyOf(days, n * 2);
        }
        days[n++] = d;
        last = d;
      }
      if (!sorted) {
        n = start[u] + sortDistinct(days, start[u], n);
      }
    }
    start[users] = n;
    return new ActiveDays(start, Arrays.copyOf(days, n), firstSeen,
        zd.epochDay(asOfMs - 1), zd);
  }

  static boolean[] activeTypes(ActivityLog log, LifecycleConfig config) {
    boolean[] active = new boolean[log.typeCount()];
    for (int i = 0; i < active.length; i++) {
      active[i] = config.activeTypes().contains(log.typeName(i));
    }
    return active;
  }

  private static int sortDistinct(int[] a, int from, int to) {
    Arrays.sort(a, from, to);
    int w = from;
    for (int i = from; i < to; i++) {
      if (i == from || a[i] != a[w - 1]) {
        a[w++] = a[i];
      }
    }
    return w - from;
  }

  public int users() {
    return firstSeenDay.length;
  }

  /** Local epoch day of the last instant before as-of (the current, possibly partial, day). */
  public int asOfDay() {
    return asOfDay;
  }

  /** Local epoch day first seen, or {@link Integer#MAX_VALUE} when not seen before as-of. */
  public int firstSeenDay(int u) {
    return firstSeenDay[u];
  }

  public int start(int u) {
    return start[u];
  }

  public int end(int u) {
    return start[u + 1];
  }

  public int day(int i) {
    return days[i];
  }

  public ZoneId zone() {
    return zoneDays.zone();
  }

  ZoneDays zoneDays() {
    return zoneDays;
  }

  /** Distinct periods of user {@code u}'s active days, ascending, into {@code out}; returns the count. */
  int periods(int u, Interval interval, int[] out) {
    int n = 0;
    for (int i = start[u]; i < start[u + 1]; i++) {
      int p = interval.period(days[i]);
      if (n == 0 || out[n - 1] != p) {
        out[n++] = p;
      }
    }
    return n;
  }

  int maxDaysPerUser() {
    int m = 0;
    for (int u = 0; u < users(); u++) {
      m = Math.max(m, start[u + 1] - start[u]);
    }
    return m;
  }
}
