package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.lifecycle.LifecycleTable.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LifecycleTableTest {
  private static final LifecycleConfig CONFIG = LifecycleConfig.commerce();
  private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);

  private static ActiveDays utc() {
    return ActiveDays.of(Fixture.shop(), CONFIG, Fixture.AS_OF, ZoneOffset.UTC);
  }

  private static Row row(String day, int nw, int ret, int res, int dormant) {
    return new Row(LocalDate.parse(day), nw, ret, res, dormant);
  }

  @Test
  void daily_matchesTheHandComputedTable_includingEmptyDays() {
    LifecycleTable table = LifecycleTable.of(utc(), Interval.DAY, JAN_1);

    assertThat(table.rows()).containsExactly(
        row("2024-01-01", 1, 0, 1, 0),   // A new; B first seen Dec 31 so resurrecting, not new
        row("2024-01-02", 0, 2, 0, 0),   // A and B returning
        row("2024-01-03", 0, 0, 0, -2),  // nobody active: A and B dormant
        row("2024-01-04", 0, 0, 1, 0),   // A resurrecting
        row("2024-01-05", 0, 0, 1, -1),  // C (first seen Jan 3 by an impression) resurrecting; A dormant
        row("2024-01-06", 0, 0, 1, -1),  // G back after 52 days; C dormant
        row("2024-01-07", 1, 0, 0, -1)); // D new; G dormant. A's Jan 8 purchase is after as-of
  }

  @Test
  void weekly_firstSeenEarlierInTheSameWeekIsStillNew() {
    LifecycleTable table = LifecycleTable.of(utc(), Interval.WEEK, LocalDate.of(2023, 12, 25));

    assertThat(table.rows()).containsExactly(
        row("2023-12-25", 0, 0, 1, 0),   // F (Dec 25) resurrecting after Dec 1
        row("2024-01-01", 3, 0, 2, -1)); // A, C, D new; B (seen Dec 31) and G resurrecting; F dormant
  }

  @Test
  void monthly_countsEachUserOncePerMonth() {
    LifecycleTable table = LifecycleTable.of(utc(), Interval.MONTH, LocalDate.of(2023, 11, 1));

    assertThat(table.rows()).containsExactly(
        row("2023-11-01", 2, 0, 0, 0),   // E, G new
        row("2023-12-01", 1, 0, 0, -2),  // F new; E, G dormant
        row("2024-01-01", 3, 0, 2, -1)); // A, C, D new; B, G resurrecting; F dormant
  }

  @Test
  void timeZone_movesALateEventToTheNextDay() {
    ActivityLog log = ActivityLog.builder()
        .event("Z", Fixture.t("2024-01-05T23:30:00Z"), "view", Double.NaN, null, "x", 0).build();
    Instant asOf = Instant.parse("2024-01-08T00:00:00Z");

    LifecycleTable utc = LifecycleTable.of(ActiveDays.of(log, CONFIG, asOf, ZoneOffset.UTC),
        Interval.DAY, LocalDate.of(2024, 1, 5));
    LifecycleTable tokyo = LifecycleTable.of(ActiveDays.of(log, CONFIG, asOf,
        ZoneId.of("Asia/Tokyo")), Interval.DAY, LocalDate.of(2024, 1, 5));

    assertThat(utc.rows().get(0)).isEqualTo(row("2024-01-05", 1, 0, 0, 0));
    assertThat(tokyo.rows().get(0)).isEqualTo(row("2024-01-05", 0, 0, 0, 0));
    assertThat(tokyo.rows().get(1)).isEqualTo(row("2024-01-06", 1, 0, 0, 0));
    // as-of 2024-01-08T00:00Z is 09:00 on Jan 8 in Tokyo: one more (partial) day
    assertThat(tokyo.rows()).hasSize(4);
    assertThat(utc.rows()).hasSize(3);
  }

  @Test
  void daylightSavingChange_keepsLocalDays() {
    // 01:30 EST and 23:30 EDT on 2024-03-10, the day New York springs forward
    ActivityLog log = ActivityLog.builder()
        .event("Z", Fixture.t("2024-03-10T06:30:00Z"), "view", Double.NaN, null, "x", 0)
        .event("Z", Fixture.t("2024-03-11T03:30:00Z"), "view", Double.NaN, null, "x", 0).build();
    Instant asOf = Instant.parse("2024-03-12T12:00:00Z");

    ActiveDays ny = ActiveDays.of(log, CONFIG, asOf, ZoneId.of("America/New_York"));
    ActiveDays utc = ActiveDays.of(log, CONFIG, asOf, ZoneOffset.UTC);

    assertThat(ny.end(0) - ny.start(0)).isEqualTo(1);
    assertThat(ny.day(0)).isEqualTo(LocalDate.of(2024, 3, 10).toEpochDay());
    assertThat(utc.end(0) - utc.start(0)).isEqualTo(2);
  }

  @Test
  void splitByAttribute_keepsOnlyThatSegment() {
    LifecycleTable uk = LifecycleTable.of(utc(), Interval.WEEK, JAN_1,
        Segments.byAttribute(Fixture.shop(), "country").get("UK"));

    assertThat(uk.rows()).containsExactly(row("2024-01-01", 1, 0, 0, 0));
  }

  /**
   * Invariants on random logs: active(p) is the number of distinct users active in p, and
   * returning(p) + |dormant(p)| = active(p - 1).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomLogs_activeCountsAndDormancyBalance(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ActivityLog.Builder b = ActivityLog.builder();
    long base = Fixture.t("2024-01-01T00:00:00Z");
    int users = 1 + r.nextInt(30);
    for (int u = 0; u < users; u++) {
      if (r.nextInt(3) == 0) {
        b.user("u" + u, base + r.nextLong(40L * 86_400_000L), Map.of());
      }
      int events = r.nextInt(15);
      for (int k = 0; k < events; k++) {
        String type = r.nextInt(5) == 0 ? "impression" : "view";
        b.event("u" + u, base + r.nextLong(60L * 86_400_000L), type, Double.NaN, null, "i", 0);
      }
    }
    ActivityLog log = b.build();
    Instant asOf = Instant.ofEpochMilli(base + 61L * 86_400_000L);
    ZoneId zone = ZoneId.of(seed % 2 == 0 ? "Europe/London" : "America/Los_Angeles");
    for (Interval interval : Interval.values()) {
      ActiveDays a = ActiveDays.of(log, CONFIG, asOf, zone);
      LocalDate from = LocalDate.of(2023, 12, 1);
      LifecycleTable table = LifecycleTable.of(a, interval, from);
      for (int i = 0; i < table.rows().size(); i++) {
        Row row = table.rows().get(i);
        int period = interval.period((int) row.start().toEpochDay());
        assertThat(row.active()).isEqualTo(activeIn(log, asOf, zone, interval, period));
        if (i > 0) {
          assertThat(row.returning() - row.dormant())
              .isEqualTo(table.rows().get(i - 1).active());
        }
      }
    }
  }

  private static int activeIn(ActivityLog log, Instant asOf, ZoneId zone, Interval interval,
      int period) {
    Set<Integer> users = new HashSet<>();
    for (int u = 0; u < log.users(); u++) {
      for (int e = log.userStart(u); e < log.userEnd(u); e++) {
        Instant t = Instant.ofEpochMilli(log.timeMs(e));
        if (t.isBefore(asOf) && log.typeName(log.type(e)).equals("view")
            && interval.period((int) t.atZone(zone).toLocalDate().toEpochDay()) == period) {
          users.add(u);
        }
      }
    }
    return users.size();
  }
}
