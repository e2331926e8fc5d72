package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.lifecycle.UserState;
import dev.longview.rank.UserSignals;
import java.time.Instant;

/**
 * The ranker's per-user inputs ({@link UserSignals}) for every user of one snapshot, as of its
 * newest event: the lifecycle state ({@link RetentionSignals}'s rules, label such as
 * {@code at_risk}), the churn risk (the churn model's, else the gap rule:
 * {@link RetentionSignals.Logs#users}) and the total
 * purchase value (the sum of the listed prices of the items of the user's positive interactions;
 * NaN when none of them has a price). Computed from the snapshot alone, so that the ranker's
 * training (on the reduced snapshot of {@link PipelineRanker}: held-out interactions are not in
 * it) and serving (on the model set's snapshot) compute them the same way, through the same
 * {@link RankerScorer#requestOf}. Reuses the retention stage's states and risks when the model set
 * learnt them (same rules, same snapshot, same instant). Immutable and thread-safe.
 */
final class UserSignalTable {

  private final String[] stage;
  private final float[] churn;
  private final float[] monetary;

  private UserSignalTable(String[] stage, float[] churn, float[] monetary) {
    this.stage = stage;
    this.churn = churn;
    this.monetary = monetary;
  }

  /**
   * The signals of {@code s}'s users as of {@code asOfSecond} (the snapshot's newest event).
   *
   * @param retention the model set's retention signals learnt on {@code s} as of the same second,
   *     or null: states and risks are then computed here with the same rules
   */
  static UserSignalTable learn(InteractionSnapshot s, long asOfSecond, RetentionSignals retention) {
    int users = s.userCount();
    String[] stage = new String[users];
    float[] churn = new float[users];
    float[] monetary = new float[users];
    for (int u = 0; u < users; u++) {
      double sum = 0;
      boolean priced = false;
      for (int p = s.userStart(u); p < s.userEnd(u); p++) {
        float price = s.itemPrice(s.itemAt(p));
        if (s.weightAt(p) > 0 && !Float.isNaN(price) && price >= 0) {
          sum += price;
          priced = true;
        }
      }
      monetary[u] = priced ? (float) sum : Float.NaN;
    }
    if (retention != null) {
      for (int u = 0; u < users; u++) {
        UserState st = retention.state(u);
        stage[u] = st == null ? null : st.label();
        churn[u] = (float) retention.churnRisk(u);
      }
      return new UserSignalTable(stage, churn, monetary);
    }
    // The same logs and rules as RetentionSignals.learn, without the long-term values.
    RetentionSignals.Logs logs = RetentionSignals.Logs.of(s);
    Instant asOf = Instant.ofEpochSecond(asOfSecond + 1);
    RetentionSignals.Users all = logs.users(s, asOf);
    for (int u = 0; u < users; u++) {
      stage[u] = all.states()[u] == null ? null : all.states()[u].label();
      churn[u] = (float) all.churnRisk()[u];
    }
    return new UserSignalTable(stage, churn, monetary);
  }

  /** The signals of snapshot user {@code user}; {@link UserSignals#UNKNOWN} for -1. */
  UserSignals of(int user) {
    if (user < 0 || user >= stage.length) {
      return UserSignals.UNKNOWN;
    }
    return new UserSignals(stage[user], churn[user], monetary[user]);
  }
}
