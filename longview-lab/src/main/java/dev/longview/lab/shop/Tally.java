package dev.longview.lab.shop;

import dev.longview.core.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the generator writes, to build the {@link ShopSummary}. Not thread-safe. */
final class Tally {
  private final Catalogue catalogue;
  private final Map<String, Long> byType = new TreeMap<>();
  private final int[] orders;
  private final String[] lastOrderSession;
  private int users;
  private int items;
  private long events;
  private long purchases;
  private long cancellations;
  private long orderCount;
  private double revenue;
  private OffsetDateTime first;
  private OffsetDateTime last;

  Tally(Catalogue catalogue, int shoppers) {
    this.catalogue = catalogue;
    this.orders = new int[shoppers];
    this.lastOrderSession = new String[shoppers];
  }

  void item() {
    items++;
  }

  void user() {
    users++;
  }

  void event(Event e, Timeline.Pending p) {
    events++;
    byType.merge(e.type(), 1L, Long::sum);
    if (first == null) {
      first = e.time();
    }
    last = e.time();
    if (!e.type().equals("purchase")) {
      return;
    }
    revenue += catalogue.price[p.item()] * p.value();
    if (p.value() < 0) {
      cancellations++;
      return;
    }
    purchases++;
    int u = p.shopper().index;
    if (!p.sessionId().equals(lastOrderSession[u])) { // a session's purchases are consecutive
      lastOrderSession[u] = p.sessionId();
      orders[u]++;
      orderCount++;
    }
  }

  ShopSummary summary(Shopper[] shoppers) {
    int buyers = 0;
    int repeat = 0;
    for (int o : orders) {
      buyers += o >= 1 ? 1 : 0;
      repeat += o >= 2 ? 1 : 0;
    }
    int bounced = 0;
    int churned = 0;
    int wentDormant = 0;
    int resurrected = 0;
    int dormant = 0;
    int active = 0;
    for (Shopper s : shoppers) {
      bounced += s.bounced ? 1 : 0;
      wentDormant += s.dormancies > 0 ? 1 : 0;
      resurrected += s.resurrections > 0 ? 1 : 0;
      switch (s.state) {
        case CHURNED -> churned++;
        case DORMANT -> dormant++;
        case ACTIVE -> active++;
      }
    }
    double cents = BigDecimal.valueOf(revenue).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    return new ShopSummary(users, items, catalogue.newItems, events, byType,
        byType.getOrDefault("session_start", 0L), orderCount, purchases, cancellations, cents,
        buyers, repeat, first, last,
        new ShopSummary.GroundTruth(bounced, churned, wentDormant, resurrected, dormant, active));
  }
}
