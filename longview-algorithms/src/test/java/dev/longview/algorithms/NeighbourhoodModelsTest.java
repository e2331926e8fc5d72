package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Item-kNN, user-kNN and RP3beta weights checked against values computed by hand on
 * users {0,1}, {0,1,2}, {1,2} over items 0..2 (item degrees 2, 3, 2; user degrees 2, 3, 2).
 */
class NeighbourhoodModelsTest {
  private static final int[][] ROWS = {{0, 1}, {0, 1, 2}, {1, 2}};

  @Test
  void itemKnn_weightsAreShrunkCosine() {
    ItemNeighbourModel m = (ItemNeighbourModel) Algorithms.trainer("itemknn",
        Map.of("k", "5", "shrink", "1"), 0).train(Snapshots.of(3, ROWS));
    double s01 = 2 / (Math.sqrt(2) * Math.sqrt(3) + 1);
    double s02 = 1 / (Math.sqrt(2) * Math.sqrt(2) + 1);
    double s12 = 2 / (Math.sqrt(3) * Math.sqrt(2) + 1);
    assertThat(m.weight(0, 1)).isCloseTo((float) s01, within(1e-6f));
    assertThat(m.weight(1, 0)).isCloseTo((float) s01, within(1e-6f));
    assertThat(m.weight(0, 2)).isCloseTo((float) s02, within(1e-6f));
    assertThat(m.weight(2, 1)).isCloseTo((float) s12, within(1e-6f));
    assertThat(m.weight(1, 1)).isZero();
    float[] scores = new float[3];
    m.score(0, scores); // user 0 has items 0 and 1
    assertThat(scores[2]).isCloseTo((float) (s02 + s12), within(1e-6f));
    assertThat(scores[0]).isCloseTo((float) s01, within(1e-6f));
  }

  @Test
  void itemKnn_keepsTheKNearestNeighboursOfEachCandidate() {
    // k = 1: item 2's single neighbour is item 1 (s12 > s02), so user {0} scores item 2 with 0.
    ItemNeighbourModel m = (ItemNeighbourModel) Algorithms.trainer("itemknn",
        Map.of("k", "1", "shrink", "1"), 0).train(Snapshots.of(3, ROWS));
    assertThat(m.weight(0, 2)).isZero();
    assertThat(m.weight(1, 2)).isPositive();
  }

  @Test
  void userKnn_scoresSumNeighbourSimilarities() {
    UserNeighbourModel m = (UserNeighbourModel) Algorithms.trainer("userknn",
        Map.of("k", "5", "shrink", "0"), 0).train(Snapshots.of(3, ROWS));
    double s01 = 2 / (Math.sqrt(2) * Math.sqrt(3));
    double s02 = 1 / (Math.sqrt(2) * Math.sqrt(2));
    float[] scores = new float[3];
    m.score(0, scores);
    // item 2 is held by users 1 and 2
    assertThat(scores[2]).isCloseTo((float) (s01 + s02), within(1e-6f));
    assertThat(scores[0]).isCloseTo((float) s01, within(1e-6f));
  }

  @Test
  void rp3beta_weightsAreTheThreeStepWalk() {
    double alpha = 0.8;
    double beta = 0.5;
    ItemNeighbourModel m = (ItemNeighbourModel) Algorithms.trainer("rp3beta",
        Map.of("k", "5", "alpha", "0.8", "beta", "0.5"), 0).train(Snapshots.of(3, ROWS));
    // W(0, 2) = (1/|U_0|)^a * sum over u in U_0 with 2 in I_u of (1/|I_u|)^a / |U_2|^b:
    // U_0 = {0, 1}; only user 1 (degree 3) has item 2.
    double w02 = Math.pow(0.5, alpha) * Math.pow(1.0 / 3, alpha) / Math.pow(2, beta);
    // W(1, 0) = (1/3)^a * ((1/2)^a + (1/3)^a) / 2^b
    double w10 = Math.pow(1.0 / 3, alpha) * (Math.pow(0.5, alpha) + Math.pow(1.0 / 3, alpha))
        / Math.pow(2, beta);
    assertThat(m.weight(0, 2)).isCloseTo((float) w02, within(1e-6f));
    assertThat(m.weight(1, 0)).isCloseTo((float) w10, within(1e-6f));
    assertThat(m.weight(2, 2)).isZero();
  }

  @Test
  void userWithoutHistory_scoresZeroEverywhere() {
    int[][] rows = {{0, 1}, {0, 1, 2}, {}};
    for (String name : new String[] {"itemknn", "userknn", "rp3beta"}) {
      var model = Algorithms.trainer(name, Map.of(), 0).train(Snapshots.of(3, rows));
      float[] scores = {9, 9, 9};
      model.score(2, scores);
      assertThat(scores).as(name).containsOnly(0f);
    }
  }
}
