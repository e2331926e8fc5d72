package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.ReturnScores;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChurnRiskTest {
  private static final long DAY = 86_400_000L;

  @Test
  void regularBuyersScoreHigherThanFadingOnes_andUnknownUsersGetNaN() {
    SplittableRandom r = new SplittableRandom(3);
    ActivityLog.Builder b = ActivityLog.builder();
    long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    for (int u = 0; u < 300; u++) {
      boolean regular = u % 2 == 0;
      // regular: every 5-15 days all year; fading: gaps that grow until they stop
      long t = base + r.nextLong(30) * DAY;
      double gap = regular ? 10 : 4;
      while (t < base + 365 * DAY) {
        b.event("u" + u, t, "purchase", 1, "o" + u + "-" + t, "i", 5);
        t += (long) ((gap * (0.5 + r.nextDouble())) * DAY);
        if (!regular) {
          gap *= 1.6;
        }
      }
    }
    b.user("never-active", base, java.util.Map.of());
    ActivityLog log = b.build();
    Instant asOf = Instant.ofEpochMilli(base + 365 * DAY);
    ReturnScores scores = ChurnRisk.returnScores(log, LifecycleConfig.commerce(), ZoneOffset.UTC,
        asOf, ChurnEvaluation.Config.defaults().withHorizonDays(30));

    double regular = 0;
    double fading = 0;
    int nRegular = 0;
    int nFading = 0;
    for (int u = 0; u < 300; u++) {
      double p = scores.probabilityOfReturn(log.userIndex("u" + u));
      if (Double.isNaN(p)) {
        continue;
      }
      assertThat(p).isBetween(0.0, 1.0);
      if (u % 2 == 0) {
        regular += p;
        nRegular++;
      } else {
        fading += p;
        nFading++;
      }
    }
    assertThat(nRegular).isEqualTo(150);
    assertThat(regular / nRegular).isGreaterThan(fading / Math.max(1, nFading) + 0.2);
    assertThat(scores.probabilityOfReturn(log.userIndex("never-active"))).isNaN();
    // the classifier accepts the scores: low ones mark recently active users at risk
    var states = LifecycleClassifier.classify(log, LifecycleConfig.commerce(), asOf, ZoneOffset.UTC,
        scores);
    assertThat(states.stateCounts()).containsKey(dev.longview.lifecycle.UserState.AT_RISK);
  }
}
