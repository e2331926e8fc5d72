package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** iALS and BPR on planted block structures. */
class FactorModelsTest {
  private static final int USERS = 90;
  private static final int ITEMS = 60;
  private static final int GROUPS = 3;

  private static ImplicitAlsTrainer ials(Map<String, String> overrides, long seed) {
    Map<String, String> p = new java.util.HashMap<>(Map.of("factors", "8", "iterations", "8",
        "reg", "0.01", "alpha0", "0.1", "threads", "1"));
    p.putAll(overrides);
    return (ImplicitAlsTrainer) Algorithms.trainer("ials", p, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void ials_lossDecreasesEveryIteration(long seed) {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, seed);
    List<Double> losses = new ArrayList<>();
    ials(Map.of(), seed).train(BinaryMatrix.ofRows(ITEMS, rows), losses::add);
    assertThat(losses).hasSize(8);
    for (int k = 1; k < losses.size(); k++) {
      assertThat(losses.get(k)).as("loss after iteration %d", k + 1)
          .isLessThanOrEqualTo(losses.get(k - 1) * (1 + 1e-6));
    }
    assertThat(losses.get(7)).isLessThan(losses.get(0));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void ials_recoversAPlantedLowRankStructure(long seed) {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.02, seed);
    Model model = ials(Map.of(), seed).train(Snapshots.of(ITEMS, rows));
    // A random ranking would put 1 in 3 in the block.
    assertThat(inGroupPrecisionAt5(model, rows)).isGreaterThan(0.9);
  }

  @Test
  void ials_isBitForBitDeterministicForASeedAndAnyThreadCount() {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 7);
    var snapshot = Snapshots.of(ITEMS, rows);
    FactorModel a = (FactorModel) ials(Map.of("threads", "1"), 11).train(snapshot);
    FactorModel b = (FactorModel) ials(Map.of("threads", "2"), 11).train(snapshot);
    FactorModel c = (FactorModel) ials(Map.of("threads", "3"), 11).train(snapshot);
    FactorModel other = (FactorModel) ials(Map.of("threads", "1"), 12).train(snapshot);
    assertThat(b.userFactors).isEqualTo(a.userFactors);
    assertThat(c.itemFactors).isEqualTo(a.itemFactors);
    assertThat(other.itemFactors).isNotEqualTo(a.itemFactors);
  }

  @Test
  void ials_scalarFallbackTrainsTheSameModelAsSimdUpToRounding() {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 8);
    Map<String, String> p = new java.util.HashMap<>(Algorithms.defaults("ials"));
    p.putAll(Map.of("factors", "8", "iterations", "4", "threads", "1"));
    Params params = new Params("ials", p, Algorithms.defaults("ials"));
    BinaryMatrix x = BinaryMatrix.ofRows(ITEMS, rows);
    FactorModel simd = new ImplicitAlsTrainer(params, 3, Kernels.best()).train(x, null);
    FactorModel scalar = new ImplicitAlsTrainer(params, 3, Kernels.scalar()).train(x, null);
    float[] a = new float[ITEMS];
    float[] b = new float[ITEMS];
    for (int u = 0; u < USERS; u++) {
      simd.score(u, a);
      scalar.score(u, b);
      for (int i = 0; i < ITEMS; i++) {
        assertThat(b[i]).as("user %d item %d", u, i).isCloseTo(a[i], within(1e-3f));
      }
    }
  }

  @Test
  void ials_givesUsersWithoutInteractionsZeroScores() {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 3);
    rows[5] = new int[0];
    Model model = ials(Map.of(), 1).train(Snapshots.of(ITEMS, rows));
    float[] scores = new float[ITEMS];
    model.score(5, scores);
    assertThat(scores).containsOnly(0f);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void bpr_trainingRaisesTheAucOfAPlantedStructure(long seed) {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.02, seed);
    var snapshot = Snapshots.of(ITEMS, rows);
    Map<String, String> p = Map.of("factors", "8", "epochs", "0", "learning_rate", "0.05");
    double before = auc(Algorithms.trainer("bpr", p, seed).train(snapshot), rows);
    Map<String, String> trained = Map.of("factors", "8", "epochs", "40", "learning_rate", "0.05");
    double after = auc(Algorithms.trainer("bpr", trained, seed).train(snapshot), rows);
    assertThat(before).isBetween(0.3, 0.7);
    assertThat(after).isGreaterThan(0.9).isGreaterThan(before);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void bpr_withLinearLearningRateDecay_raisesTheAucOfAPlantedStructure(long seed) {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.02, seed);
    var snapshot = Snapshots.of(ITEMS, rows);
    Map<String, String> p = Map.of("factors", "8", "epochs", "0", "learning_rate", "0.1");
    double before = auc(Algorithms.trainer("bpr", p, seed).train(snapshot), rows);
    Map<String, String> trained = Map.of("factors", "8", "epochs", "40", "learning_rate", "0.1",
        "lr_decay", "1", "bias_reg", "0.02");
    double after = auc(Algorithms.trainer("bpr", trained, seed).train(snapshot), rows);
    assertThat(before).isBetween(0.3, 0.7);
    assertThat(after).isGreaterThan(0.9).isGreaterThan(before);
  }

  @Test
  void bpr_withDecay_isBitForBitDeterministicForASeedAndDecayChangesTheModel() {
    var snapshot = Snapshots.of(ITEMS, Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 4));
    Map<String, String> p = Map.of("factors", "16", "epochs", "5", "lr_decay", "1");
    FactorModel a = (FactorModel) Algorithms.trainer("bpr", p, 5).train(snapshot);
    FactorModel b = (FactorModel) Algorithms.trainer("bpr", p, 5).train(snapshot);
    FactorModel constant = (FactorModel) Algorithms.trainer("bpr",
        Map.of("factors", "16", "epochs", "5", "lr_decay", "0"), 5).train(snapshot);
    assertThat(b.userFactors).isEqualTo(a.userFactors);
    assertThat(b.itemFactors).isEqualTo(a.itemFactors);
    assertThat(b.itemBias).isEqualTo(a.itemBias);
    assertThat(constant.itemFactors).isNotEqualTo(a.itemFactors);
  }

  @Test
  void bpr_isBitForBitDeterministicForASeed() {
    var snapshot = Snapshots.of(ITEMS, Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 4));
    Map<String, String> p = Map.of("factors", "8", "epochs", "5");
    FactorModel a = (FactorModel) Algorithms.trainer("bpr", p, 5).train(snapshot);
    FactorModel b = (FactorModel) Algorithms.trainer("bpr", p, 5).train(snapshot);
    FactorModel c = (FactorModel) Algorithms.trainer("bpr", p, 6).train(snapshot);
    assertThat(b.userFactors).isEqualTo(a.userFactors);
    assertThat(b.itemFactors).isEqualTo(a.itemFactors);
    assertThat(b.itemBias).isEqualTo(a.itemBias);
    assertThat(c.itemFactors).isNotEqualTo(a.itemFactors);
  }

  /** Share of each user's top 5 unseen items that lie in the user's planted block. */
  static double inGroupPrecisionAt5(Model model, int[][] rows) {
    float[] scores = new float[ITEMS];
    TopK top = new TopK(5);
    ItemFilter filter = new ItemFilter(ITEMS);
    int good = 0;
    int all = 0;
    for (int u = 0; u < USERS; u++) {
      filter.clear();
      for (int i : rows[u]) {
        filter.exclude(i);
      }
      model.score(u, scores);
      for (int i : top.select(scores, ITEMS, filter)) {
        good += Snapshots.groupOf(i, ITEMS, GROUPS) == u % GROUPS ? 1 : 0;
        all++;
      }
    }
    return (double) good / all;
  }

  /** Mean over users of P(score of an unseen in-block item > score of an unseen other item). */
  static double auc(Model model, int[][] rows) {
    float[] scores = new float[ITEMS];
    double sum = 0;
    for (int u = 0; u < USERS; u++) {
      java.util.BitSet seen = new java.util.BitSet();
      for (int i : rows[u]) {
        seen.set(i);
      }
      model.score(u, scores);
      long right = 0;
      long pairs = 0;
      for (int i = 0; i < ITEMS; i++) {
        if (seen.get(i) || Snapshots.groupOf(i, ITEMS, GROUPS) != u % GROUPS) {
          continue;
        }
        for (int j = 0; j < ITEMS; j++) {
          if (seen.get(j) || Snapshots.groupOf(j, ITEMS, GROUPS) == u % GROUPS) {
            continue;
          }
          pairs++;
          right += scores[i] > scores[j] ? 1 : 0;
        }
      }
      sum += pairs == 0 ? 0.5 : (double) right / pairs;
    }
    return sum / USERS;
  }
}
