package dev.longview.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CategoryEvidence} and {@link ValueEvidence} on logs with known truth. */
class ValueEvidenceTest {
  private static final long DAY = 86_400_000L;
  private static final int CATEGORIES = 4;
  private static final int PER_CATEGORY = 10;
  private static final Instant AS_OF = Instant.ofEpochMilli(400 * DAY);
  private static final LongTermValueEstimator ESTIMATOR =
      new LongTermValueEstimator(LongTermValueEstimator.Config.defaults());

  /**
   * Long sessions of one category each (8 of its 10 items, like a rating spree of one genre):
   * 300 users, 30 sessions; the next session is 1 day later (a return) with probability 0.4 +
   * {@code effect} of the session's category, else 5 days later.
   */
  private static SessionHistory bingeLog(long seed, double effectOfCategory0) {
    return log(seed, 30, 8, (u, c) -> 0.4 + (c == 0 ? effectOfCategory0 : 0));
  }

  private interface ReturnChance {
    double of(int user, int category);
  }

  /**
   * 300 users with {@code sessions} sessions of one category each, drawn uniformly, consuming
   * {@code items} distinct items of it; the next session is 1 day later (a return) with
   * probability {@code p.of(user, category)}, else 5 days later.
   */
  private static SessionHistory log(long seed, int sessions, int items, ReturnChance p) {
    SplittableRandom rng = new SplittableRandom(seed);
    SessionHistory h = new SessionHistory();
    for (int i = 0; i < CATEGORIES * PER_CATEGORY; i++) {
      h.internItem("i" + i);
    }
    for (int u = 0; u < 300; u++) {
      long t = 0;
      for (int s = 0; s < sessions; s++) {
        int c = rng.nextInt(CATEGORIES);
        int first = rng.nextInt(PER_CATEGORY);
        for (int k = 0; k < items; k++) {
          h.add("u" + u, "u" + u + "s" + s, t + k * 60_000L,
              c * PER_CATEGORY + (first + k) % PER_CATEGORY);
        }
        t += rng.nextDouble() < p.of(u, c) ? DAY : 5 * DAY;
      }
    }
    return h;
  }

  private static CategoryEvidence evidence(SessionHistory h) {
    return ESTIMATOR.estimate(h, AS_OF, i -> i / PER_CATEGORY, CATEGORIES).categoryEvidence();
  }

  @Test
  void chiSquaredTail_matchesTabulatedQuantiles() {
    // upper 5% and 1% points of chi-squared (standard tables)
    assertThat(CategoryEvidence.chiSquaredUpperTail(7.815, 3)).isCloseTo(0.05, within(0.004));
    assertThat(CategoryEvidence.chiSquaredUpperTail(18.307, 10)).isCloseTo(0.05, within(0.002));
    assertThat(CategoryEvidence.chiSquaredUpperTail(30.144, 19)).isCloseTo(0.05, within(0.002));
    assertThat(CategoryEvidence.chiSquaredUpperTail(36.191, 19)).isCloseTo(0.01, within(0.001));
    assertThat(CategoryEvidence.chiSquaredUpperTail(3.0, 3)).isGreaterThan(0.3);
  }

  @Test
  void clusteredTest_holdsItsLevel_whenSessionsAreLongAndCategoriesDoNothing() {
    // Each session's residual counts 8 times in its category; a test that took the 8 as
    // independent would call most of these logs heterogeneous.
    int rejected = 0;
    for (long seed = 1; seed <= 20; seed++) {
      CategoryEvidence e = evidence(bingeLog(seed, 0));
      assertThat(e.df()).isEqualTo(CATEGORIES - 1);
      rejected += e.p() < 0.05 ? 1 : 0;
    }
    assertThat(rejected).as("rejections at the 5% level in 20 null logs").isLessThanOrEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void clusteredTest_findsARealCategoryEffect(long seed) {
    assertThat(evidence(bingeLog(seed, 0.2)).p()).isLessThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void crossFit_valuesLearntOnOneHalfPredictTheOtherHalfsReturns(long seed) {
    SessionHistory h = bingeLog(seed, 0.2);
    ValueEvidence.CrossFit f = ValueEvidence.crossFit(ESTIMATOR, h, AS_OF, i -> i / PER_CATEGORY,
        CATEGORIES);
    assertThat(f.slope()[0]).isPositive();
    assertThat(f.slope()[1]).isPositive();
    assertThat(f.z()).isGreaterThan(3);
    assertThat(ValueEvidence.splitHalf(ESTIMATOR, h, AS_OF, i -> i / PER_CATEGORY, CATEGORIES))
        .isGreaterThan(0.8);
  }

  @Test
  void crossFit_findsNothing_whenNothingIsThere() {
    int significant = 0;
    for (long seed = 1; seed <= 10; seed++) {
      ValueEvidence.CrossFit f = ValueEvidence.crossFit(ESTIMATOR, bingeLog(seed, 0), AS_OF,
          i -> i / PER_CATEGORY, CATEGORIES);
      assertThat(f.sessions()[0] + f.sessions()[1]).isGreaterThan(8_000);
      significant += f.p() < 0.05 ? 1 : 0;
    }
    assertThat(significant).as("one-sided 5% rejections in 10 null logs").isLessThanOrEqualTo(3);
  }

  @Test
  void personalEffects_recoverWhoComesBackAfterWhat() {
    // 300 users, 40 one-item sessions each: odd users return more after category 0 (+0.3),
    // even users after category 1 (+0.3); for everyone together the two are alike
    SessionHistory h = log(7, 40, 1, (u, c) -> 0.35 + (c == u % 2 ? 0.3 : 0));
    LongTermValues v = ESTIMATOR.estimate(h, AS_OF, i -> i / PER_CATEGORY, CATEGORIES);
    int right = 0;
    for (int u = 0; u < 300; u++) {
      PersonalEffects p = v.personal("u" + u);
      int own = u % 2;
      int other = 1 - own;
      right += p.deviation(own) > p.deviation(other) ? 1 : 0;
      assertThat(Math.abs(p.deviation(own))).isLessThan(0.5); // shrunk, not raw
    }
    assertThat(right).as("users whose own category comes first").isGreaterThan(240);
    // the population effects of categories 0 and 1 are alike; neither is personal
    assertThat(Math.abs(v.category(0) - v.category(1))).isLessThan(0.05);
    assertThat(v.personal("nobody")).isEqualTo(PersonalEffects.NONE);
  }

  @Test
  void personalEffects_areZero_whenUsersDoNotDiffer() {
    // the binge log with no effect at all: every user's deviations are shrunk to (about) 0
    LongTermValues v = ESTIMATOR.estimate(bingeLog(3, 0), AS_OF, i -> i / PER_CATEGORY,
        CATEGORIES);
    double max = 0;
    for (int u = 0; u < 300; u++) {
      for (int c = 0; c < CATEGORIES; c++) {
        max = Math.max(max, Math.abs(v.personal("u" + u).deviation(c)));
      }
    }
    assertThat(max).isLessThan(0.02);
  }
}
