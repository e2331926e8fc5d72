package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.rank.RankerConfig;
import dev.longview.rank.UserSignals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranker's per-user inputs as the pipeline computes them from a snapshot. */
class UserSignalTableTest {
  private static final long DAY = 86_400L;
  private static final long T0 = 1_700_000_000L - 1_700_000_000L % DAY;

  /**
   * u0 buys every day for 40 days up to the end (priced items); u1 bought a few times 60 to 50
   * days before the end; u2 only touched unpriced items, recently; u3 never did anything.
   */
  static InteractionSnapshot shop() {
    SnapshotBuilder b = new SnapshotBuilder();
    for (String u : List.of("u0", "u1", "u2", "u3")) {
      b.addUser(u, null, null);
    }
    for (int i = 0; i < 10; i++) {
      b.addItem("i" + i, List.of("c" + i % 2), "item " + i, i < 8 ? 10.0 + i : null, false);
    }
    for (int d = 0; d < 40; d++) {
      b.addInteraction(0, d % 8, 1f, T0 + (20 + d) * DAY + 3_600);
    }
    for (int d = 0; d < 10; d += 3) {
      b.addInteraction(1, d % 8, 1f, T0 + d * DAY);
    }
    b.addInteraction(2, 8, 1f, T0 + 55 * DAY);
    b.addInteraction(2, 9, 1f, T0 + 58 * DAY);
    return b.build();
  }

  private static long newest(InteractionSnapshot s) {
    long t = Long.MIN_VALUE;
    for (int p = 0; p < s.size(); p++) {
      t = Math.max(t, s.epochSecondAt(p));
    }
    return t;
  }

  @Test
  void learn_givesStageRiskAndMonetary_andTheSameWithOrWithoutTheRetentionSignals() {
    InteractionSnapshot s = shop();
    long asOf = newest(s);
    UserSignalTable alone = UserSignalTable.learn(s, asOf, null);
    UserSignalTable reused = UserSignalTable.learn(s, asOf, RetentionSignals.learn(s, asOf));
    for (int u = 0; u < s.userCount(); u++) {
      assertThat(alone.of(u)).as("user %d", u).isEqualTo(reused.of(u));
    }
    UserSignals u0 = alone.of(0);
    UserSignals u1 = alone.of(1);
    double spent = 0;
    for (int d = 0; d < 40; d++) {
      spent += 10 + d % 8;
    }
    assertThat(u0.monetary()).isEqualTo((float) spent);
    assertThat(u1.monetary()).isEqualTo(10f + 13f + 16f + 11f); // items 0, 3, 6, 1
    assertThat(alone.of(2).monetary()).as("only unpriced items").isNaN();
    assertThat(u0.stage()).isNotNull().isNotEqualTo(u1.stage());
    assertThat(u1.stage()).isIn("dormant", "churned");
    assertThat(u0.churnRisk()).isLessThan(u1.churnRisk());
    assertThat(u1.churnRisk()).isBetween(0.9f, 1f);
    assertThat(alone.of(3)).as("no activity").isEqualTo(UserSignals.UNKNOWN);
    assertThat(alone.of(-1)).isEqualTo(UserSignals.UNKNOWN);
  }

  /**
   * A log long enough for the churn model (monthly cutoffs with complete 30-day labels: 5 months):
   * the churn risk is then 1 - the model's return probability, not the gap rule, for the users it
   * scores; the table computed alone and from the retention signals still agree.
   */
  @Test
  void longLogs_takeTheChurnRiskFromTheChurnModel() {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < 60; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < 10; i++) {
      b.addItem("i" + i, List.of("c" + i % 2), "item " + i, null, false);
    }
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    for (int u = 0; u < 60; u++) {
      int every = 1 + u % 6; // heavy to light users; some stop early
      int stop = u % 3 == 0 ? 90 : 150;
      for (int d = u % 4; d < stop; d += every) {
        b.addInteraction(u, rng.nextInt(10), 1f, T0 + d * DAY + 3_600);
      }
    }
    InteractionSnapshot s = b.build();
    long asOf = newest(s);
    RetentionSignals.Logs logs = RetentionSignals.Logs.of(s);
    java.time.Instant at = java.time.Instant.ofEpochSecond(asOf + 1);
    RetentionSignals.Users users = logs.users(s, at);
    dev.longview.lifecycle.ReturnScores model = RetentionSignals.returnScores(logs.activity(), at);
    int fromModel = 0;
    for (int u = 0; u < s.userCount(); u++) {
      double back = model.probabilityOfReturn(logs.activity().userIndex(s.userId(u)));
      double gap = RetentionSignals.churnRisk(logs.history(), s.userId(u), at.toEpochMilli());
      if (!Double.isNaN(back)) {
        fromModel++;
        assertThat(users.churnRisk()[u]).isEqualTo(1 - back);
      } else {
        assertThat(users.churnRisk()[u]).isEqualTo(gap);
      }
    }
    assertThat(fromModel).as("users the churn model scores").isGreaterThan(30);
    UserSignalTable alone = UserSignalTable.learn(s, asOf, null);
    UserSignalTable reused = UserSignalTable.learn(s, asOf, RetentionSignals.learn(s, asOf));
    for (int u = 0; u < s.userCount(); u++) {
      assertThat(alone.of(u)).as("user %d", u).isEqualTo(reused.of(u));
    }
    // a short log (the shop: 60 days) has no complete cutoff: no model, the gap rule
    assertThat(RetentionSignals.returnScores(RetentionSignals.Logs.of(shop()).activity(), at))
        .isSameAs(dev.longview.lifecycle.ReturnScores.NONE);
  }

  /** Training signals come from the training part only: held-out purchases are not in them. */
  @Test
  void trainingSignals_ignoreTheHeldOutInteractions() {
    InteractionSnapshot s = shop();
    int[][] held = new int[s.userCount()][];
    PipelineRanker.Config c = new PipelineRanker.Config(0.25, true, 5, 10,
        RankerConfig.defaults(1));
    InteractionSnapshot reduced = PipelineRanker.holdOut(s, c, held);
    assertThat(held[0]).hasSize(10);
    UserSignalTable full = UserSignalTable.learn(s, newest(s), null);
    UserSignalTable train = UserSignalTable.learn(reduced, newest(reduced), null);
    double heldValue = 0;
    for (int i : held[0]) {
      heldValue += s.itemPrice(i);
    }
    assertThat((double) train.of(0).monetary())
        .isCloseTo(full.of(0).monetary() - heldValue, org.assertj.core.data.Offset.offset(1e-3));
    // The cut-off is the reduced snapshot's own newest event, not the full data's.
    assertThat(newest(reduced)).isLessThan(newest(s));
  }
}
