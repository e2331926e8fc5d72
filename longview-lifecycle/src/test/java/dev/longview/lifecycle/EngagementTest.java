package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** As of 2024-01-08T00:00Z the as-of day is Jan 7; A {1,2,4}, B {1,2}, C {5}, D {7}, G {6}, F {Dec 25}. */
class EngagementTest {
  private static ActiveDays activity() {
    return ActiveDays.of(Fixture.shop(), LifecycleConfig.commerce(), Fixture.AS_OF, ZoneOffset.UTC);
  }

  private static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  @Test
  void dauWauMau_onTheAsOfDay() {
    Engagement.ActiveUsers a = Engagement.on(activity(), u -> true);

    assertThat(a.day()).isEqualTo(day("2024-01-07"));
    assertThat(a.dau()).isEqualTo(1);  // D
    assertThat(a.wau()).isEqualTo(5);  // A B C D G (Jan 1..7)
    assertThat(a.mau()).isEqualTo(6);  // and F (Dec 25, within Dec 9..Jan 7)
    assertThat(a.dauOverMau()).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void dailySeries_andMeanDauOverMau() {
    int[] dau = Engagement.series(activity(), day("2024-01-01"), day("2024-01-07"), 1, u -> true);
    int[] mau = Engagement.series(activity(), day("2024-01-01"), day("2024-01-07"), 30, u -> true);

    assertThat(dau).containsExactly(2, 2, 0, 1, 1, 1, 1);
    // F from Dec 25; A, B from Jan 1; C from Jan 5; G from Jan 6; D on Jan 7
    assertThat(mau).containsExactly(3, 3, 3, 3, 4, 5, 6);
    double mean = (2.0 / 3 + 2.0 / 3 + 0 + 1.0 / 3 + 1.0 / 4 + 1.0 / 5 + 1.0 / 6) / 7;
    assertThat(Engagement.meanDauOverMau(activity(), day("2024-01-01"), day("2024-01-07"),
        u -> true)).isCloseTo(mean, within(1e-12));
  }

  @Test
  void l7_andWeeklyStickiness() {
    assertThat(Engagement.l7(activity(), u -> true)).containsExactly(0, 3, 1, 1, 0, 0, 0, 0);
    // L28 (Dec 11..Jan 7) adds F with one day
    assertThat(Engagement.l28(activity(), u -> true)[1]).isEqualTo(4);
    // weeks of Dec 25 and Jan 1: F one week; A B C D G one week
    assertThat(Engagement.stickiness(activity(), Interval.WEEK, 2, u -> true))
        .containsExactly(0, 6, 0);
  }
}
