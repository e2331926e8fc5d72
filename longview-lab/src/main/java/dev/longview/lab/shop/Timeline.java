package dev.longview.lab.shop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Simulated events waiting to be emitted, bucketed by the local day they fall on.
 *
 * <p>The generator simulates day by day, but what happens on one day can land on a later one (a
 * session that runs past midnight, a cancellation a few days after the purchase, a review). Each
 * event goes into the bucket of its own day; when a day is over the generator drains its bucket,
 * sorted by time, which yields one stream in time order with no global sort. Events after the
 * period are dropped: the period is a window on a shop that goes on.
 *
 * <p>Days are local days of the configured zone, so a day may last 23 or 25 hours.
 */
final class Timeline {
  /** One simulated event, before it becomes a public {@code Event}. */
  record Pending(
      long epochSecond,
      Shopper shopper,
      int item,
      String type,
      double value,
      String sessionId,
      String device,
      String page,
      String query) {}

  private static final Comparator<Pending> BY_TIME = Comparator.comparingLong(Pending::epochSecond);

  /** {@code dayStart[d]} is the start of local day {@code d}; one more entry marks the end. */
  private final long[] dayStart;
  private final List<List<Pending>> buckets;

  Timeline(ShopConfig config) {
    int days = config.days();
    dayStart = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      dayStart[d] = config.startDate().plusDays(d).atStartOfDay(config.zone()).toEpochSecond();
    }
    buckets = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      buckets.add(new ArrayList<>());
    }
  }

  int days() {
    return buckets.size();
  }

  long dayStart(int day) {
    return dayStart[day];
  }

  int daySeconds(int day) {
    return (int) (dayStart[day + 1] - dayStart[day]);
  }

  /** Files an event under its day; drops it when it falls outside the period. */
  void add(Pending event) {
    long t = event.epochSecond();
    if (t < dayStart[0] || t >= dayStart[dayStart.length - 1]) {
      return;
    }
    int lo = 0;
    int hi = buckets.size() - 1;
    while (lo < hi) { // last day whose start is <= t
      int mid = (lo + hi + 1) >>> 1;
      if (dayStart[mid] <= t) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    buckets.get(lo).add(event);
  }

  /**
   * The events of {@code day} in time order (ties keep the order they were added in, so a
   * session's events stay in sequence), and forgets them. Call once per day, in order.
   */
  List<Pending> drain(int day) {
    List<Pending> events = buckets.get(day);
    buckets.set(day, List.of());
    events.sort(BY_TIME); // stable
    return events;
  }
}
