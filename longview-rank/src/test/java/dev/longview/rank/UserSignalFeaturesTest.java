package dev.longview.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller's user signals (lifecycle stage, churn risk, monetary value) as ranker features. */
class UserSignalFeaturesTest {
  private static final List<String> SOURCES = List.of("pop");
  private static final List<String> NAMES = RankerFeatures.names(SOURCES);

  private static int col(String name) {
    int c = NAMES.indexOf(name);
    assertThat(c).as(name).isGreaterThanOrEqualTo(0);
    return c;
  }

  private static float[] rows(RankerFeatures f, RankRequest r, Map<String, Integer> stages) {
    float[] x = new float[r.items().length * NAMES.size()];
    f.featurise(r, Map.of(), stages, x, 0);
    return x;
  }

  @Test
  void featurise_writesStageChurnAndMonetary_andEachSignalChangesOnlyItsColumn() {
    SyntheticShop shop = new SyntheticShop(20, 1);
    RankerFeatures f = RankerFeatures.of(shop.snapshot, null, null, ZoneId.of("UTC"), 7);
    Map<String, Integer> stages = Map.of("active", 0, "at_risk", 1);
    int[] items = {1, 25, 7};
    float[][] scores = {{3f, 2f, Float.NaN}};
    RankContext ctx = RankContext.at(SyntheticShop.T0 + 40 * 86_400L);
    RankRequest atRisk = new RankRequest(0, ctx, items, scores,
        new UserSignals("at_risk", 0.5f, 99f));
    RankRequest active = new RankRequest(0, ctx, items, scores,
        new UserSignals("active", 0.5f, 99f));
    float[] a = rows(f, atRisk, stages);
    float[] b = rows(f, active, stages);
    int w = NAMES.size();
    for (int k = 0; k < items.length; k++) {
      int o = k * w;
      assertThat(a[o + col("user_stage")]).isEqualTo(1f);
      assertThat(b[o + col("user_stage")]).isEqualTo(0f);
      assertThat(a[o + col("user_churn_risk")]).isEqualTo(0.5f);
      assertThat(a[o + col("user_monetary_log")]).isEqualTo((float) Math.log1p(99));
      // Only the stage column differs between the two requests.
      for (int c = 0; c < w; c++) {
        if (c != col("user_stage")) {
          assertThat(Float.floatToIntBits(a[o + c])).as(NAMES.get(c))
              .isEqualTo(Float.floatToIntBits(b[o + c]));
        }
      }
    }
    // A different churn risk or purchase value moves only its own column.
    float[] c = rows(f, new RankRequest(0, ctx, items, scores,
        new UserSignals("at_risk", 0.9f, 5f)), stages);
    for (int k = 0; k < w; k++) {
      boolean own = k == col("user_churn_risk") || k == col("user_monetary_log");
      assertThat(Float.floatToIntBits(c[k]) == Float.floatToIntBits(a[k])).as(NAMES.get(k))
          .isEqualTo(!own);
    }
    assertThat(c[col("user_churn_risk")]).isEqualTo(0.9f);
    assertThat(c[col("user_monetary_log")]).isEqualTo((float) Math.log1p(5));
  }

  @Test
  void unknownSignals_andAStageNotSeenInTraining_areMissing() {
    SyntheticShop shop = new SyntheticShop(20, 1);
    RankerFeatures f = RankerFeatures.of(shop.snapshot, null, null, ZoneId.of("UTC"), 7);
    RankContext ctx = RankContext.at(SyntheticShop.T0 + 40 * 86_400L);
    float[] none = rows(f, new RankRequest(0, ctx, new int[] {3}, new float[][] {{1f}}),
        Map.of("active", 0));
    for (String name : List.of("user_stage", "user_churn_risk", "user_monetary_log")) {
      assertThat(none[col(name)]).as(name).isNaN();
    }
    float[] unseen = rows(f, new RankRequest(0, ctx, new int[] {3}, new float[][] {{1f}},
        new UserSignals("dormant", 0.2f, Float.NaN)), Map.of("active", 0));
    assertThat(unseen[col("user_stage")]).isNaN();
    assertThat(unseen[col("user_churn_risk")]).isEqualTo(0.2f);
    assertThat(unseen[col("user_monetary_log")]).isNaN();
  }

  @Test
  void userSignals_rejectOutOfRangeValues_withTheFix() {
    assertThatThrownBy(() -> new UserSignals("active", 1.5f, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> new UserSignals("active", 0.5f, -3f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new UserSignals(" ", 0.5f, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    assertThat(new RankRequest(0, RankContext.at(0), new int[0], new float[0][], null)
        .userSignals()).isEqualTo(UserSignals.UNKNOWN);
  }

  /**
   * A shop where the lifecycle stage decides clicks: at-risk users click category A, loyal users
   * category B, whatever the hour. The ranker must learn it from the stage column alone and name
   * that column in its explanations.
   */
  @Test
  void ranker_learnsAStageRule_andExplainsItWithTheReadableName() {
    SyntheticShop shop = new SyntheticShop(300, 4);
    RankerFeatures f = RankerFeatures.of(shop.snapshot, null, null, ZoneId.of("UTC"), 7);
    List<LabeledGroup> train = new ArrayList<>();
    for (LabeledGroup g : shop.groups(shop.trainLog)) {
      train.add(relabel(g));
    }
    try (Ranker r = new RankerTrainer(RankerConfig.defaults(5).withRounds(40)
        .withMinDataInLeaf(20)).train(f, SOURCES, train)) {
      assertThat(r.stages()).containsExactly("at_risk", "loyal");
      assertThat(r.model().stages()).containsOnlyKeys("at_risk", "loyal");
      int checked = 0;
      for (LabeledGroup g : shop.groups(shop.testLog)) {
        RankRequest q = relabel(g).request();
        List<RankedCandidate> ranked = r.rank(q, 3);
        boolean wantA = stageOf(q.user()).equals("at_risk");
        long wanted = java.util.Arrays.stream(q.items())
            .filter(i -> (i < SyntheticShop.ITEMS / 2) == wantA).count();
        for (int k = 0; k < Math.min(3, wanted); k++) {
          assertThat(ranked.get(k).item() < SyntheticShop.ITEMS / 2).as("user %d (%s) rank %d",
              q.user(), stageOf(q.user()), k).isEqualTo(wantA);
        }
        assertThat(ranked.get(0).contributions()).extracting(Contribution::label)
            .contains("user's lifecycle stage");
        checked++;
      }
      assertThat(checked).isGreaterThan(50);
      assertThat(r.importance().keySet().iterator().next()).isIn("user's lifecycle stage",
          "item category");
    }
  }

  private static String stageOf(int user) {
    return user % 2 == 0 ? "at_risk" : "loyal";
  }

  private static LabeledGroup relabel(LabeledGroup g) {
    RankRequest r = g.request();
    RankRequest withSignals = new RankRequest(r.user(), r.context(), r.items(), r.sourceScores(),
        new UserSignals(stageOf(r.user()), 0.3f, Float.NaN));
    int[] items = r.items();
    int[] labels = new int[items.length];
    for (int k = 0; k < items.length; k++) {
      boolean a = items[k] < SyntheticShop.ITEMS / 2;
      labels[k] = a == stageOf(r.user()).equals("at_risk") ? 1 : 0;
    }
    return new LabeledGroup(withSignals, labels);
  }
}
