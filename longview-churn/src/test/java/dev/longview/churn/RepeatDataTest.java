package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.longview.lifecycle.ActivityLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Pins the Fader-Hardie CDNOW convention of {@link RepeatData#fromLog} on a log small enough to
 * count by hand: weeks; one transaction per customer-day; the first purchase day excluded from x;
 * t_x and T measured from the first purchase day; calibration and holdout ends inclusive.
 */
class RepeatDataTest {
  private static final LocalDate CAL_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate HOLD_END = LocalDate.of(1998, 6, 30);

  private static long at(String isoLocal, ZoneId zone) {
    return LocalDateTime.parse(isoLocal).atZone(zone).toInstant().toEpochMilli();
  }

  @Test
  void fromLog_countsCustomerDays_inWeeks_byHand() {
    ZoneId utc = ZoneOffset.UTC;
    ActivityLog.Builder b = ActivityLog.builder();
    // Customer A (CDNOW's first customer of the published sample, master id 4): buys 1997-01-01,
    // 01-18, 08-02, then 12-12 in the holdout. Two lines on 01-18 are one transaction.
    b.event("A", at("1997-01-01T00:00", utc), "purchase", 2, null, "cd", 29.33);
    b.event("A", at("1997-01-18T00:00", utc), "purchase", 1, null, "cd", 14.00);
    b.event("A", at("1997-01-18T00:00", utc), "purchase", 1, null, "cd", 15.73);
    b.event("A", at("1997-08-02T00:00", utc), "purchase", 1, null, "cd", 14.96);
    b.event("A", at("1997-12-12T00:00", utc), "purchase", 2, null, "cd", 26.48);
    // Customer B: first purchase 1997-03-25 (the cohort's last first-purchase day), a purchase on
    // the last calibration day (calibration), one on the first holdout day and one on the last
    // (both holdout, two lines on the last day are one), one the day after the holdout (ignored),
    // and a cancellation (negative value: not a purchase).
    b.event("B", at("1997-03-25T00:00", utc), "purchase", 1, null, "cd", 10);
    b.event("B", at("1997-06-01T00:00", utc), "purchase", -1, null, "cd", -10);
    b.event("B", at("1997-09-30T00:00", utc), "purchase", 1, null, "cd", 10);
    b.event("B", at("1997-10-01T00:00", utc), "purchase", 1, null, "cd", 10);
    b.event("B", at("1998-06-30T00:00", utc), "purchase", 1, null, "cd", 10);
    b.event("B", at("1998-06-30T00:00", utc), "purchase", 3, null, "cd", 30);
    b.event("B", at("1998-07-01T00:00", utc), "purchase", 1, null, "cd", 10);
    // Customer C: single purchase, nothing after.
    b.event("C", at("1997-02-10T00:00", utc), "purchase", 1, null, "cd", 10);
    // Customer D: first purchase after the calibration period: not a customer of the cohort.
    b.event("D", at("1997-10-05T00:00", utc), "purchase", 1, null, "cd", 10);
    RepeatData d = RepeatData.fromLog(b.build(), "purchase", utc, CAL_END, HOLD_END, 7);

    assertThat(d.customers()).isEqualTo(3);
    // A: x = 2 (01-18, 08-02); t_x = 213 days; T = 272 days (1997-01-01..09-30); holdout 1.
    // These are the published sample's first row: x 2, t_x 30.43, T 38.86.
    assertThat(d.x(0)).isEqualTo(2);
    assertThat(d.tx(0)).isCloseTo(213 / 7.0, within(1e-12));
    assertThat(d.tx(0)).isCloseTo(30.43, within(0.005));
    assertThat(d.T(0)).isCloseTo(272 / 7.0, within(1e-12));
    assertThat(d.T(0)).isCloseTo(38.86, within(0.005));
    assertThat(d.holdout(0)).isEqualTo(1);
    // B: x = 1 (09-30, the cancellation is not a purchase); t_x = T = 189 days; holdout 2 days.
    assertThat(d.x(1)).isEqualTo(1);
    assertThat(d.tx(1)).isCloseTo(189 / 7.0, within(1e-12));
    assertThat(d.T(1)).isCloseTo(189 / 7.0, within(1e-12));
    assertThat(d.holdout(1)).isEqualTo(2);
    // C: x = 0, t_x = 0, T = 232 days.
    assertThat(d.x(2)).isZero();
    assertThat(d.tx(2)).isZero();
    assertThat(d.T(2)).isCloseTo(232 / 7.0, within(1e-12));
    assertThat(d.holdout(2)).isZero();
  }

  @Test
  void fromLog_daysAreLocalToTheZone() {
    // 23:30 on 01-01 in New York is 04:30 on 01-02 UTC: one day apart in UTC, same day locally.
    ZoneId ny = ZoneId.of("America/New_York");
    ActivityLog.Builder b = ActivityLog.builder();
    b.event("A", at("1997-01-01T09:00", ny), "purchase", 1, null, "cd", 10);
    b.event("A", at("1997-01-01T23:30", ny), "purchase", 1, null, "cd", 10);
    ActivityLog log = b.build();
    assertThat(RepeatData.fromLog(log, "purchase", ny, CAL_END, HOLD_END, 7).x(0)).isZero();
    assertThat(RepeatData.fromLog(log, "purchase", ZoneOffset.UTC, CAL_END, HOLD_END, 7).x(0))
        .isEqualTo(1);
  }
}
