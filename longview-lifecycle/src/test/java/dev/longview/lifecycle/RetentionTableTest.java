package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.lifecycle.RetentionTable.Bracket;
import dev.longview.lifecycle.RetentionTable.Cohort;
import dev.longview.lifecycle.RetentionTable.Cohorts;
import dev.longview.lifecycle.RetentionTable.Variant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Daily cohorts of the fixture from Jan 1 (active days A {1,2,4}, B {1,2}, C {5}, D {7}, G {6}). */
class RetentionTableTest {
  private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);

  private static ActiveDays activity() {
    return ActiveDays.of(Fixture.shop(), LifecycleConfig.commerce(), Fixture.AS_OF, ZoneOffset.UTC);
  }

  private static List<int[]> returned(RetentionTable t) {
    return t.rows().stream().map(Cohort::returned).toList();
  }

  private static List<Integer> sizes(RetentionTable t) {
    return t.rows().stream().map(Cohort::size).toList();
  }

  @Test
  void firstTime_nDay() {
    RetentionTable t = RetentionTable.of(activity(), Interval.DAY, Cohorts.FIRST_TIME,
        Variant.N_DAY, JAN_1, 3, u -> true);

    // G's first active day is in November: not in any of these cohorts
    assertThat(sizes(t)).containsExactly(2, 0, 0, 0, 1, 0, 1);
    assertThat(returned(t)).containsExactly(
        new int[] {2, 2, 0, 1},   // Jan 1: A, B; both Jan 2; nobody Jan 3; A Jan 4
        new int[] {0, 0, 0, 0},
        new int[] {0, 0, 0, 0},
        new int[] {0, 0, 0, 0},   // Jan 4 + 3 = Jan 7, the as-of day, is reported
        new int[] {1, 0, 0},      // Jan 5: C; Jan 8 has not begun
        new int[] {0, 0},
        new int[] {1});           // Jan 7: D
    assertThat(t.rows().get(0).values()).containsExactly(1.0, 1.0, 0.0, 0.5);
  }

  @Test
  void firstTime_unbounded_countsReturnsOnOrAfterTheOffset() {
    RetentionTable t = RetentionTable.of(activity(), Interval.DAY, Cohorts.FIRST_TIME,
        Variant.UNBOUNDED, JAN_1, 3, u -> true);

    assertThat(t.rows().get(0).returned()).containsExactly(2, 2, 1, 1); // A's Jan 4 counts for n = 2 and 3
    assertThat(t.rows().get(4).returned()).containsExactly(1, 0, 0);
  }

  @Test
  void recurring_putsAUserInEveryCohortTheyWereActiveIn() {
    RetentionTable t = RetentionTable.of(activity(), Interval.DAY, Cohorts.RECURRING,
        Variant.N_DAY, JAN_1, 3, u -> true);

    assertThat(sizes(t)).containsExactly(2, 2, 0, 1, 1, 1, 1);
    assertThat(returned(t)).containsExactly(
        new int[] {2, 2, 0, 1},
        new int[] {2, 0, 1, 0},   // Jan 2: A, B; A again Jan 4
        new int[] {0, 0, 0, 0},
        new int[] {1, 0, 0, 0},   // Jan 4: A
        new int[] {1, 0, 0},      // Jan 5: C
        new int[] {1, 0},         // Jan 6: G
        new int[] {1});           // Jan 7: D
  }

  @Test
  void brackets_reportAColumnOnceItsFirstIntervalBegan() {
    RetentionTable t = RetentionTable.brackets(activity(), Interval.DAY, Cohorts.FIRST_TIME, JAN_1,
        List.of(new Bracket(1, 2), new Bracket(3, 6)), u -> true);

    assertThat(t.rows().get(0).returned()).containsExactly(2, 1); // [Jan 2, 3]: A, B; [Jan 4, 7]: A
    assertThat(t.rows().get(4).returned()).containsExactly(0);    // C: [Jan 6, 7] nobody; [Jan 8, ..] not begun
  }

  @Test
  void weekly_firstTimeCohorts() {
    RetentionTable t = RetentionTable.of(activity(), Interval.WEEK, Cohorts.FIRST_TIME,
        Variant.N_DAY, LocalDate.of(2023, 12, 25), 1, u -> true);

    // F's and G's first active weeks are earlier; week of Jan 1: A, B, C, D
    assertThat(sizes(t)).containsExactly(0, 4);
    assertThat(returned(t)).containsExactly(new int[] {0, 0}, new int[] {4});
  }

  /** N-day <= unbounded, unbounded never rises with the offset, column 0 is the whole cohort. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void randomLogs_retentionInvariants(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ActivityLog.Builder b = ActivityLog.builder();
    long base = Fixture.t("2024-01-01T00:00:00Z");
    for (int u = 0; u < 40; u++) {
      for (int k = r.nextInt(12); k > 0; k--) {
        b.event("u" + u, base + r.nextLong(50L * 86_400_000L), "view", Double.NaN, null, "i", 0);
      }
    }
    b.user("only-seen", base, Map.of());
    ActiveDays a = ActiveDays.of(b.build(), LifecycleConfig.commerce(),
        Instant.ofEpochMilli(base + 50L * 86_400_000L), ZoneOffset.UTC);
    for (Cohorts cohorts : Cohorts.values()) {
      for (Interval interval : Interval.values()) {
        RetentionTable nDay = RetentionTable.of(a, interval, cohorts, Variant.N_DAY,
            LocalDate.of(2024, 1, 1), 8, u -> true);
        RetentionTable unb = RetentionTable.of(a, interval, cohorts, Variant.UNBOUNDED,
            LocalDate.of(2024, 1, 1), 8, u -> true);
        for (int c = 0; c < nDay.rows().size(); c++) {
          int[] n = nDay.rows().get(c).returned();
          int[] un = unb.rows().get(c).returned();
          assertThat(n[0]).isEqualTo(nDay.rows().get(c).size());
          for (int k = 0; k < n.length; k++) {
            assertThat(n[k]).isLessThanOrEqualTo(un[k]);
            if (k > 0) {
              assertThat(un[k]).isLessThanOrEqualTo(un[k - 1]);
            }
          }
        }
      }
    }
  }
}
