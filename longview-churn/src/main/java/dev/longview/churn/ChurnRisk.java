package dev.longview.churn;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.ReturnScores;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-user churn risk for the rest of the engine (the lifecycle classifier's at-risk rule, a
 * retention-aware re-ranker): trains the regularised logistic regression on every monthly cutoff
 * whose labels are complete by the as-of instant, then scores every user active in the feature
 * window before as-of. Users without a score get NaN.
 */
public final class ChurnRisk {
  private ChurnRisk() {}

  /** Probability of returning within the horizon (1 - P(churn)), per dense user index. */
  public static ReturnScores returnScores(ActivityLog log, LifecycleConfig lifecycle, ZoneId zone,
      Instant asOf, ChurnEvaluation.Config config) {
    List<Instant> cutoffs = new ArrayList<>();
    for (Instant c : ChurnEvaluation.monthlyCutoffs(log, zone, config.horizonDays())) {
      if (c.toEpochMilli() + config.horizonDays() * 86_400_000L <= asOf.toEpochMilli()) {
        cutoffs.add(c);
      }
    }
    if (cutoffs.isEmpty()) {
      throw new IllegalArgumentException("no cutoff has complete " + config.horizonDays()
          + "-day labels before " + asOf + "; use a shorter horizon or a later as-of");
    }
    ChurnDataset train = ChurnDataset.build(log, lifecycle, zone, cutoffs, config.horizonDays(),
        config.windowDays());
    LogisticRegression.Model model = LogisticRegression.fit(
        ChurnEvaluation.rows(train, f -> f), ChurnEvaluation.labels(train), config.lambda());
    ChurnDataset now = ChurnDataset.build(log, lifecycle, zone, List.of(asOf), 0, config.windowDays());
    double[] scores = new double[log.users()];
    Arrays.fill(scores, Double.NaN);
    for (int i = 0; i < now.size(); i++) {
      scores[now.user(i)] = 1 - model.predict(now.row(i));
    }
    return u -> scores[u];
  }
}
