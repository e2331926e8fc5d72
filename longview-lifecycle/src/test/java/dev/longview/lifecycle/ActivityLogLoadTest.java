package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.store.EventStore;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ActivityLog#load} (the store's column-only read) builds exactly the log that the former
 * load through one {@link Event} per row built: same users, order, codes, values and revenue.
 */
class ActivityLogLoadTest {
  static final OffsetDateTime T0 = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void columnarLoad_equalsTheEventByEventLoad(long seed) {
    Random r = new Random(seed);
    try (EventStore store = EventStore.open(dir.resolve("s" + seed + ".db").toString())) {
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        items.add(new Item("i" + i, List.of(), null, null, r.nextBoolean() ? null : 1.0 + i,
            Map.of(), null, false));
      }
      store.upsertItems(items);
      store.upsertUsers(List.of(new User("u3", Map.of("plan", "pro"), T0.plusDays(40).toInstant()),
          new User("u0", Map.of(), null)));
      String[] types = {"purchase", "view", "visit", "rating", "add_to_cart"};
      for (int batch = 0; batch < 4; batch++) { // batches out of time order: ties and reordering
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
          String type = types[r.nextInt(types.length)];
          String item = type.equals("visit") ? null : "i" + r.nextInt(12);
          Double value = switch (type) {
            case "purchase" -> (double) (r.nextInt(7) - 2 == 0 ? 1 : r.nextInt(7) - 2);
            case "rating" -> (double) (1 + r.nextInt(5));
            default -> null;
          };
          Map<String, Object> attrs = new HashMap<>();
          switch (r.nextInt(6)) {
            case 0 -> attrs.put("unitPrice", 0.5 + r.nextInt(20) / 4.0);
            case 1 -> attrs.put("amount", r.nextInt(30));
            case 2 -> {
              attrs.put("dollarValue", r.nextBoolean() ? 12.25 : "n/a");
              attrs.put("amount", 3);
            }
            case 3 -> attrs.put("unitPrice", "free");
            default -> { }
          }
          String session = r.nextInt(3) == 0 ? null : "s" + r.nextInt(15);
          OffsetDateTime time = T0.plusHours(r.nextInt(24 * 60)).plusMinutes(r.nextInt(2));
          events.add(new Event("u" + r.nextInt(10), item, type, value, time,
              new EventContext(session, null, null, null, attrs), null));
        }
        store.append(events);
      }

      ActivityLog columnar = ActivityLog.load(store);
      ActivityLog rows = ActivityLog.loadFromEvents(store);

      assertThat(columnar.users()).isEqualTo(rows.users());
      assertThat(columnar.events()).isEqualTo(rows.events()).isPositive();
      assertThat(columnar.items()).isEqualTo(rows.items());
      assertThat(columnar.typeCount()).isEqualTo(rows.typeCount());
      for (int c = 0; c < rows.typeCount(); c++) {
        assertThat(columnar.typeName(c)).isEqualTo(rows.typeName(c));
      }
      for (int u = 0; u < rows.users(); u++) {
        assertThat(columnar.userId(u)).isEqualTo(rows.userId(u));
        assertThat(columnar.firstSeenMs(u)).isEqualTo(rows.firstSeenMs(u));
        assertThat(columnar.attributes(u)).isEqualTo(rows.attributes(u));
        assertThat(columnar.userStart(u)).isEqualTo(rows.userStart(u));
        assertThat(columnar.userEnd(u)).isEqualTo(rows.userEnd(u));
      }
      for (int e = 0; e < rows.events(); e++) {
        assertThat(columnar.timeMs(e)).isEqualTo(rows.timeMs(e));
        assertThat(columnar.type(e)).isEqualTo(rows.type(e));
        assertThat(Double.valueOf(columnar.value(e))).isEqualTo(Double.valueOf(rows.value(e)));
        assertThat(columnar.order(e)).isEqualTo(rows.order(e));
        assertThat(columnar.item(e)).isEqualTo(rows.item(e));
        assertThat(Double.valueOf(columnar.revenue(e))).as("revenue of event %d", e)
            .isEqualTo(Double.valueOf(rows.revenue(e)));
      }
    }
  }
}
