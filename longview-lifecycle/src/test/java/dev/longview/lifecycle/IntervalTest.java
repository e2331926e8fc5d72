package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {
  @Test
  void weeksStartOnMonday_monthsOnTheFirst() {
    int sunday = (int) LocalDate.of(2023, 12, 31).toEpochDay();
    int monday = (int) LocalDate.of(2024, 1, 1).toEpochDay();
    assertThat(Interval.WEEK.period(monday)).isEqualTo(Interval.WEEK.period(sunday) + 1);
    assertThat(Interval.WEEK.start(Interval.WEEK.period(sunday))).isEqualTo(LocalDate.of(2023, 12, 25));
    assertThat(Interval.MONTH.start(Interval.MONTH.period(sunday))).isEqualTo(LocalDate.of(2023, 12, 1));
    assertThat(Interval.MONTH.period(monday) - Interval.MONTH.period(sunday)).isEqualTo(1);
    assertThat(Interval.parse(" Week ")).isEqualTo(Interval.WEEK);
    assertThatThrownBy(() -> Interval.parse("year")).hasMessageContaining("use day, week or month");
  }

  /** Every day lies in [start(p), start(p + 1)) of its period, before and after 1970. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyDayLiesInItsPeriod(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < 2000; k++) {
      int day = r.nextInt(-40_000, 40_000);
      for (Interval iv : Interval.values()) {
        int p = iv.period(day);
        assertThat(iv.start(p).toEpochDay()).isLessThanOrEqualTo(day);
        assertThat(iv.start(p + 1).toEpochDay()).isGreaterThan(day);
      }
      assertThat(Interval.WEEK.start(Interval.WEEK.period(day)).getDayOfWeek())
          .isEqualTo(DayOfWeek.MONDAY);
    }
  }
}
