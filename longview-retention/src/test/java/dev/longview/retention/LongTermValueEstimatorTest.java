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
        double p = Math.max(0, Math.min(1, base + truth(item)));
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
