package dev.longview.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The estimator against synthetic logs whose truth is planted: every user has their own baseline
 * chance of returning within the horizon, and consuming certain items shifts it by a known amount.
 */
class LongTermValueEstimatorTest {
  private static final long DAY = 86_400_000L;
  private static final int ITEMS = 40;
  /** Items 0..9: +0.25 return effect; 10..19: -0.25; 20..39: none. Category = item / 10. */
  private static double truth(int item) {
    return item < 10 ? 0.25 : item < 20 ? -0.25 : 0;
  }

  /**
   * Users visit on consecutive "slots" 4 days apart plus a return coin: with probability p the next
   * session is 1 day later (a return within the 3-day horizon), else 4 days later. p = the user's
   * baseline + the consumed item's effect. Confounded: heavy users (baseline 0.8) mostly consume
   * the neutral items 20..29; light users (baseline 0.2) consume everything else.
   */
  private static SessionHistory log(long seed) {
    return log(seed, LongTermValueEstimatorTest::truth);
  }

  private static SessionHistory log(long seed, java.util.function.IntToDoubleFunction truth) {
    SplittableRandom rng = new SplittableRandom(seed);
    SessionHistory h = new SessionHistory();
    for (int i = 0; i < ITEMS; i++) {
      h.internItem("i" + i);
    }
    for (int u = 0; u < 400; u++) {
      boolean heavy = u % 2 == 0;
      double base = heavy ? 0.7 : 0.25;
      long t = 0;
      for (int s = 0; s < 40; s++) {
        int item;
        if (heavy) {
          item = rng.nextDouble() < 0.8 ? 20 + rng.nextInt(10) : rng.nextInt(ITEMS);
        } else {
          item = rng.nextDouble() < 0.8 ? (rng.nextBoolean() ? rng.nextInt(20) : 30 + rng.nextInt(10))
              : rng.nextInt(ITEMS);
        }
        h.add("u" + u, "u" + u + "s" + s, t, item);
        double p = Math.max(0, Math.min(1, base + truth.applyAsDouble(item)));
        t += rng.nextDouble() < p ? DAY : 4 * DAY;
      }
    }
    return h;
  }

  private static LongTermValues estimate(SessionHistory h, boolean withinUser) {
    LongTermValueEstimator e = new LongTermValueEstimator(LongTermValueEstimator.Config.defaults());
    Instant asOf = Instant.ofEpochMilli(400 * DAY);
    return withinUser ? e.estimate(h, asOf, i -> i / 10, 4) : e.pooledEstimate(h, asOf, i -> i / 10, 4);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void recoversTheSignOfEveryPlantedEffect(long seed) {
    LongTermValues v = estimate(log(seed), true);
    for (int i = 0; i < 20; i++) {
      double est = v.item("i" + i, i / 10) - v.global();
      assertThat(Math.signum(est)).as("item %d estimate %.3f", i, est).isEqualTo(Math.signum(truth(i)));
    }
    assertThat(v.category(0)).isGreaterThan(0.05);
    assertThat(v.category(1)).isLessThan(-0.05);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void ranksPositiveAboveNeutralAboveNegative(long seed) {
    LongTermValues v = estimate(log(seed), true);
    double pos = mean(v, 0, 10);
    double neutral = mean(v, 20, 30);
    double neg = mean(v, 10, 20);
    assertThat(pos).isGreaterThan(neutral);
    assertThat(neutral).isGreaterThan(neg);
    // the neutral items the heavy users like are not mistaken for valuable ones
    assertThat(Math.abs(neutral - v.global())).isLessThan(0.05);
  }

  @Test
  void aPooledEstimate_isFooledByWhoConsumes_whereTheWithinUserOneIsNot() {
    SessionHistory h = log(1);
    LongTermValues pooled = estimate(h, false);
    LongTermValues within = estimate(h, true);
    // Pooled: the heavy users' neutral favourites look better than the truly valuable items.
    assertThat(mean(pooled, 20, 30)).isGreaterThan(mean(pooled, 0, 10));
    assertThat(mean(within, 0, 10)).isGreaterThan(mean(within, 20, 30));
  }

  @Test
  void rarelyConsumedItems_shrinkTowardTheirCategory() {
    SessionHistory h = log(1);
    h.internItem("rare");
    h.add("solo", "solo-1", 0, h.itemIndex("rare"));
    h.add("solo", "solo-2", DAY, -1);
    h.add("solo", "solo-3", 10 * DAY, -1);
    LongTermValueEstimator e = new LongTermValueEstimator(LongTermValueEstimator.Config.defaults());
    LongTermValues v = e.estimate(h, Instant.ofEpochMilli(400 * DAY),
        i -> h.itemId(i).equals("rare") ? 0 : i / 10, 4);
    assertThat(v.sessions("rare")).isEqualTo(1);
    // one session cannot move it far from category 0's value
    assertThat(Math.abs(v.item("rare", 0) - v.category(0))).isLessThan(0.05);
    // an unseen item falls back to its category, then to the global mean
    assertThat(v.item("never", 1)).isEqualTo(v.category(1));
    assertThat(v.item("never", -1)).isEqualTo(v.global());
  }

  /** Root mean squared error of the item values (relative to the global mean) against the truth. */
  private static double rmse(LongTermValues v, java.util.function.IntToDoubleFunction truth) {
    double s = 0;
    for (int i = 0; i < ITEMS; i++) {
      double d = v.item("i" + i, i / 10) - v.global() - truth.applyAsDouble(i);
      s += d * d;
    }
    return Math.sqrt(s / ITEMS);
  }

  private static LongTermValues estimate(SessionHistory h, LongTermValueEstimator.Config c) {
    return new LongTermValueEstimator(c).estimate(h, Instant.ofEpochMilli(400 * DAY), i -> i / 10, 4);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void empiricalBayes_poolsItemsThatDoNotDiffer_andIsCloserToTheTruth(long seed) {
    // The planted effects are constant within each category: item-level differences are noise.
    SessionHistory h = log(seed);
    var fixed = LongTermValueEstimator.Config.defaults();
    LongTermValues eb = estimate(h, fixed.withEmpiricalBayes(true));
    for (int c = 0; c < 4; c++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = c * 10; i < c * 10 + 10; i++) {
        min = Math.min(min, eb.item("i" + i, c));
        max = Math.max(max, eb.item("i" + i, c));
      }
      assertThat(max - min).as("spread of category %d's items", c).isLessThan(0.02);
    }
    assertThat(rmse(eb, LongTermValueEstimatorTest::truth))
        .isLessThan(rmse(estimate(h, fixed), LongTermValueEstimatorTest::truth));
    assertThat(eb.category(0)).isGreaterThan(0.05);
    assertThat(eb.category(1)).isLessThan(-0.05);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void empiricalBayes_keepsItemsApartWhenTheyReallyDiffer(long seed) {
    // Within every category, even items help (+0.25) and odd items harm (-0.25): the categories
    // are alike, the items are not.
    java.util.function.IntToDoubleFunction alternating = i -> i % 2 == 0 ? 0.25 : -0.25;
    SessionHistory h = log(seed, alternating);
    LongTermValues eb = estimate(h, LongTermValueEstimator.Config.defaults().withEmpiricalBayes(true));
    for (int i = 0; i < ITEMS; i++) {
      double est = eb.item("i" + i, i / 10) - eb.global();
      assertThat(Math.signum(est)).as("item %d estimate %.3f", i, est)
          .isEqualTo(Math.signum(alternating.applyAsDouble(i)));
    }
    assertThat(rmse(eb, alternating)).isLessThan(0.1);
  }

  /** 60 items in 3 categories (item / 20); effects spread within every category. */
  private static double spreadTruth(int item) {
    return 0.15 * (((item * 7) % 20) - 9.5) / 9.5;
  }

  /**
   * Sparse multi-item sessions: a session consumes a random item, then goes on to another with
   * probability {@code 0.5 + continuation * effect} (up to 4 items); the user returns within the
   * horizon with probability baseline + the mean effect of the session's items.
   */
  private static SessionHistory sessionsLog(long seed, double continuation) {
    SplittableRandom rng = new SplittableRandom(seed);
    SessionHistory h = new SessionHistory();
    for (int i = 0; i < 60; i++) {
      h.internItem("i" + i);
    }
    for (int u = 0; u < 120; u++) {
      double base = 0.3 + 0.4 * rng.nextDouble();
      long t = 0;
      for (int s = 0; s < 20; s++) {
        double effect = 0;
        int k = 0;
        boolean goOn = true;
        while (goOn && k < 4) {
          int item = rng.nextInt(60);
          h.add("u" + u, "u" + u + "s" + s, t + k * 60_000L, item);
          effect += spreadTruth(item);
          k++;
          goOn = rng.nextDouble() < 0.5 + continuation * spreadTruth(item);
        }
        double p = Math.max(0, Math.min(1, base + effect / k));
        t += rng.nextDouble() < p ? DAY : 4 * DAY;
      }
    }
    return h;
  }

  private static double rmseSpread(LongTermValues v) {
    double s = 0;
    for (int i = 0; i < 60; i++) {
      double d = v.item("i" + i, i / 20) - v.global() - spreadTruth(i);
      s += d * d;
    }
    return Math.sqrt(s / 60);
  }

  private static LongTermValues estimate3(SessionHistory h, LongTermValueEstimator.Config c) {
    return new LongTermValueEstimator(c).estimate(h, Instant.ofEpochMilli(400 * DAY), i -> i / 20, 3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void surrogateIndex_usesContinuationWhenItTracksTheEffect(long seed) {
    SessionHistory h = sessionsLog(seed, 2.0);
    var eb = LongTermValueEstimator.Config.defaults().withEmpiricalBayes(true);
    double withSurrogate = rmseSpread(estimate3(h, eb.withSurrogate(true)));
    double without = rmseSpread(estimate3(h, eb));
    double fixed = rmseSpread(estimate3(h, LongTermValueEstimator.Config.defaults()));
    assertThat(withSurrogate).isLessThan(0.8 * without).isLessThan(0.8 * fixed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void surrogateIndex_costsLittleWhenContinuationSaysNothing(long seed) {
    SessionHistory h = sessionsLog(seed, 0.0);
    var eb = LongTermValueEstimator.Config.defaults().withEmpiricalBayes(true);
    double withSurrogate = rmseSpread(estimate3(h, eb.withSurrogate(true)));
    double without = rmseSpread(estimate3(h, eb));
    assertThat(withSurrogate).isLessThan(1.1 * without);
  }

  @Test
  void continuation_isAdjustedForThePositionInTheSession() {
    SessionHistory h = new SessionHistory();
    int a = h.internItem("a");
    int b = h.internItem("b");
    int c = h.internItem("c");
    // Every session: a then b (a always goes on, b never: but b is always second), and c alone
    // half of the time second after a.
    for (int s = 0; s < 10; s++) {
      h.add("u", "s" + s, s * DAY, a);
      h.add("u", "s" + s, s * DAY + 60_000, s % 2 == 0 ? b : c);
      if (s % 2 == 1) {
        h.add("u", "s" + s, s * DAY + 120_000, b);
      }
    }
    double[] cont = LongTermValueEstimator.continuation(h, 100 * DAY);
    // Position 0 always goes on (a): baseline 1, a's residual 0.
    assertThat(cont[a]).isEqualTo(0.0);
    // Position 1: b ends 5 sessions, c goes on 5 times: baseline 0.5; c above, b below.
    assertThat(cont[c]).isGreaterThan(0);
    assertThat(cont[b]).isLessThan(0);
    assertThat(h.sessionItemsInOrder(0, 1)).containsExactly(a, c, b);
  }

  @Test
  void pseudoCount_isInfiniteWithoutRealSpread_andSmallWithIt() {
    // Two groups of three units, 100 consumptions each; noise variance 0.25 per consumption.
    int[] n = {100, 100, 100, 100, 100, 100};
    int[] group = {0, 0, 0, 1, 1, 1};
    double[] same = {10, 10, 10, -5, -5, -5}; // equal means inside each group
    assertThat(LongTermValueEstimator.pseudoCount(0.25, same, n, group, 2)).isInfinite();
    double[] apart = {30, 0, -30, 30, 0, -30}; // means 0.3, 0, -0.3: tau^2 about 0.09
    double k = LongTermValueEstimator.pseudoCount(0.25, apart, n, group, 2);
    // Q = 2 * 100 * (0.09 + 0 + 0.09) = 36, df = 4, denominator 2 * (300 - 100) = 400:
    // tau^2 = (36 - 1) / 400 = 0.0875, k = 0.25 / 0.0875
    assertThat(k).isCloseTo(0.25 / 0.0875, org.assertj.core.data.Offset.offset(1e-9));
    // units of group -1 are left out
    assertThat(LongTermValueEstimator.pseudoCount(0.25, apart, n, new int[] {-1, -1, -1, -1, -1, -1}, 2))
        .isInfinite();
    // shrink: the prior when k is infinite, the plain mean when k is 0
    assertThat(LongTermValueEstimator.shrink(3, 10, Double.POSITIVE_INFINITY, 0.5)).isEqualTo(0.5);
    assertThat(LongTermValueEstimator.shrink(3, 10, 0, 0.5)).isEqualTo(0.3);
  }

  @Test
  void sessionsWhoseHorizonIsNotOver_areLeftOut() {
    SessionHistory h = new SessionHistory();
    int a = h.internItem("a");
    h.add("u", "s1", 0, a);
    h.add("u", "s2", 5 * DAY, a);
    h.add("u", "s3", 6 * DAY, a);
    LongTermValueEstimator e = new LongTermValueEstimator(LongTermValueEstimator.Config.defaults());
    // as of day 7 only s1's horizon (to day 3) is over: one labelled session, no within-user
    // contrast; at day 8.5 s2's (to day 8) is too, s3's (to day 9) not yet
    assertThat(e.estimate(h, Instant.ofEpochMilli(7 * DAY), i -> 0, 1).sessions()).isZero();
    assertThat(e.estimate(h, Instant.ofEpochMilli(8 * DAY + DAY / 2), i -> 0, 1).sessions())
        .isEqualTo(2);
  }

  private static double mean(LongTermValues v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v.item("i" + i, i / 10);
    }
    return s / (to - from);
  }
}
