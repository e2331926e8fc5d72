package dev.longview.lab.shop;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a generator run produced, for the demo to print and for tests to check.
 *
 * @param users users written
 * @param items items written
 * @param newItems items created during the period rather than before it
 * @param events events written
 * @param eventsByType events written per type, by type name in alphabetical order
 * @param sessions sessions ({@code session_start} events)
 * @param orders sessions with at least one purchase
 * @param purchases purchase events with a positive quantity
 * @param cancellations purchase events with a negative quantity
 * @param revenue sum of price times quantity over all purchase events, cancellations subtracting,
 *     rounded to cents
 * @param buyers users with at least one order
 * @param repeatBuyers users with at least two orders
 * @param firstEvent time of the first event, null when there is none
 * @param lastEvent time of the last event, null when there is none
 * @param truth the simulation's hidden lifecycle outcomes, which the observable events only hint at
 */
public record ShopSummary(
    int users,
    int items,
    int newItems,
    long events,
    Map<String, Long> eventsByType,
    long sessions,
    long orders,
    long purchases,
    long cancellations,
    double revenue,
    int buyers,
    int repeatBuyers,
    OffsetDateTime firstEvent,
    OffsetDateTime lastEvent,
    GroundTruth truth) {

  public ShopSummary {
    eventsByType = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByType));
  }

  /**
   * The hidden lifecycle of the simulated users: ground truth for churn prediction and lifecycle
   * analytics, never written to the store.
   *
   * @param bounced users who left for good after their first visit day (never activated)
   * @param churned users who left for good during the period, bounced ones included
   * @param wentDormant users who lapsed at least once intending to come back after 30 days or more
   * @param resurrected users who came back from dormancy within the period
   * @param dormantAtEnd users still dormant at the end (they would come back after the period)
   * @param activeAtEnd users neither churned nor dormant at the end
   */
  public record GroundTruth(
      int bounced, int churned, int wentDormant, int resurrected, int dormantAtEnd, int activeAtEnd) {}

  /** A few lines of plain text for people. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%,d users, %,d items (%,d new during the period), %,d events%n",
        users, items, newItems, events));
    b.append("events by type: ");
    String sep = "";
    for (Map.Entry<String, Long> e : eventsByType.entrySet()) {
      b.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
      sep = ", ";
    }
    b.append(System.lineSeparator());
    b.append(String.format(Locale.ROOT,
        "%,d sessions, %,d orders, %,d purchases, %,d cancellations, revenue %,.2f%n",
        sessions, orders, purchases, cancellations, revenue));
    b.append(String.format(Locale.ROOT, "%,d buyers, %,d repeat buyers%n", buyers, repeatBuyers));
    b.append("from ").append(firstEvent).append(" to ").append(lastEvent).append(System.lineSeparator());
    b.append(String.format(Locale.ROOT,
        "hidden lifecycle: %,d bounced, %,d churned, %,d went dormant, %,d resurrected, "
            + "%,d dormant and %,d active at the end",
        truth.bounced(), truth.churned(), truth.wentDormant(), truth.resurrected(),
        truth.dormantAtEnd(), truth.activeAtEnd()));
    return b.toString();
  }
}
