package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the dashboard's data is reloaded: after API writes (not too often), or when the store changed. */
class AnalyticsDataTest {
  static final OffsetDateTime T0 = OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  @TempDir Path dir;

  /** A clock that tests move by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void apiWritesMakeItStale_afterTheMinimumGap_andAReloadSeesTheNewEvents() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("a.db").toString())) {
      add(store, "u1", 0);
      AtomicLong generation = new AtomicLong();
      ManualClock clock = new ManualClock();
      AnalyticsData data = new AnalyticsData(store, generation::get, clock, Duration.ofSeconds(30),
          Duration.ofMinutes(5));
      AnalyticsData.Version v1 = data.current();
      assertThat(v1.number()).isEqualTo(1);
      assertThat(v1.log().events()).isEqualTo(1);
      assertThat(data.stale(v1)).isFalse();
      add(store, "u2", 1);
      generation.incrementAndGet();
      assertThat(data.stale(v1)).as("written but within the minimum gap").isFalse();
      clock.now = clock.now.plusSeconds(30);
      assertThat(data.stale(v1)).isTrue();
      assertThat(data.current()).isSameAs(v1); // served at once, reloaded in the background
      AnalyticsData.Version v2 = await(data, 2);
      assertThat(v2.log().events()).isEqualTo(2);
      assertThat(data.stale(v2)).isFalse();
    }
  }

  @Test
  void anUnchangedStoreIsOnlyRechecked_aChangedOneReloaded() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("b.db").toString())) {
      add(store, "u1", 0);
      ManualClock clock = new ManualClock();
      AnalyticsData data = new AnalyticsData(store, () -> 0, clock, Duration.ofSeconds(30),
          Duration.ofMinutes(5));
      AnalyticsData.Version v1 = data.current();
      clock.now = clock.now.plus(Duration.ofMinutes(5));
      assertThat(data.stale(v1)).isTrue();
      data.current();
      for (int i = 0; i < 500 && data.stale(data.current()); i++) {
        Thread.sleep(10);
      }
      assertThat(data.current().number()).as("same data, same version").isEqualTo(1);
      assertThat(data.current().checkedAt()).isEqualTo(clock.now);
      add(store, "u2", 1); // a writer outside the server
      clock.now = clock.now.plus(Duration.ofMinutes(5));
      data.current();
      assertThat(await(data, 2).log().events()).isEqualTo(2);
    }
  }

  private static AnalyticsData.Version await(AnalyticsData data, long number) throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      AnalyticsData.Version v = data.current();
      if (v.number() == number) {
        return v;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no version " + number);
  }

  private static void add(EventStore store, String user, int minutes) {
    try (StoreWriter w = store.writer()) {
      w.addEvent(Event.of(user, "i1", "view", T0.plusMinutes(minutes)));
      w.commit();
    }
  }
}
