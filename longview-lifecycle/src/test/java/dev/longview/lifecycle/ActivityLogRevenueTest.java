package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.Item;
import dev.longview.store.EventStore;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an event's revenue comes from: the line's own price first, the catalogue second. */
class ActivityLogRevenueTest {
  static final OffsetDateTime T0 = OffsetDateTime.of(2025, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void purchaseWithoutALinePrice_usesTheCatalogPrice_otherEventsDoNot() {
    try (EventStore store = EventStore.open(dir.resolve("shop.db").toString())) {
      store.upsertItems(List.of(new Item("mug", List.of(), "Mug", null, 7.5, Map.of(), null, false)));
      store.append(List.of(
          new Event("u1", "mug", "purchase", 2.0, T0, EventContext.EMPTY, null),
          new Event("u1", "mug", "purchase", -1.0, T0.plusDays(1), EventContext.EMPTY, null),
          new Event("u1", "mug", "purchase", 3.0, T0.plusDays(2),
              new EventContext("inv-9", null, null, null, Map.of("unitPrice", 2.0)), null),
          new Event("u1", "mug", "rating", 4.0, T0.plusDays(3), EventContext.EMPTY, null)));

      ActivityLog log = ActivityLog.load(store);

      assertThat(log.events()).isEqualTo(4);
      assertThat(new double[] {log.revenue(0), log.revenue(1), log.revenue(2), log.revenue(3)})
          .containsExactly(15.0, -7.5, 6.0, 0.0); // 2 x 7.5, a cancellation, the line's 3 x 2, a rating
    }
  }
}
