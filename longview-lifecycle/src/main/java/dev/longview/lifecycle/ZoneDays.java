package dev.longview.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Maps instants to local epoch days in one zone without allocating: the zone's offset
 * transitions inside a time range are looked up once, then each instant is a binary search.
 * Immutable.
 */
final class ZoneDays {
  private static final long DAY_MS = 86_400_000L;
  private final ZoneId zone;
  private final long[] fromMs;
  private final long[] offsetMs;

  ZoneDays(ZoneId zone, long minMs, long maxMs) {
    this.zone = zone;
    ZoneRules rules = zone.getRules();
    long[] from = new long[8];
    long[] off = new long[8];
    int n = 0;
    from[n] = Long.MIN_VALUE;
    off[n++] = rules.getOffset(Instant.ofEpochMilli(minMs)).getTotalSeconds() * 1000L;
    ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochMilli(minMs));
    while (t != null && t.getInstant().toEpochMilli() <= maxMs) {
      if (n == from.length) {
        from = Arrays.copyOf(from, n * 2);
        off = Arrays.copyOf(off, n * 2);
      }
      from[n] = t.getInstant().toEpochMilli();
      off[n++] = t.getOffsetAfter().getTotalSeconds() * 1000L;
      t = rules.nextTransition(t.getInstant());
    }
    this.fromMs = Arrays.copyOf(from, n);
    this.offsetMs = Arrays.copyOf(off, n);
  }

  /** Local epoch day of an instant inside the range given at construction. */
  int epochDay(long ms) {
    int lo = 0;
    int hi = fromMs.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (fromMs[mid] <= ms) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return (int) Math.floorDiv(ms + offsetMs[lo], DAY_MS);
  }

  /** The instant (epoch ms) at which local day {@code epochDay} starts. */
  long startOfDayMs(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
  }

  ZoneId zone() {
    return zone;
  }
}
