package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.longview.core.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LightGCN: learning, the backward pass, determinism, persistence and parameter checks. */
class LightGcnTest {
  private static final int USERS = 90;
  private static final int ITEMS = 60;
  private static final int GROUPS = 3;

  private static LightGcnTrainer lightgcn(Map<String, String> overrides, long seed) {
    Map<String, String> p = new HashMap<>(Map.of("factors", "16", "epochs", "60",
        "learning_rate", "0.05", "valid_fraction", "0", "threads", "1"));
    p.putAll(overrides);
    return (LightGcnTrainer) Algorithms.trainer("lightgcn", p, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void learnsAPlantedStructure_andBeatsPopularity(long seed) {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, seed);
    var snapshot = Snapshots.of(ITEMS, rows);
    Model gcn = lightgcn(Map.of(), seed).train(snapshot);
    Model pop = Algorithms.trainer("pop", Map.of(), seed).train(snapshot);
    double gcnPrecision = FactorModelsTest.inGroupPrecisionAt5(gcn, rows);
    assertThat(gcnPrecision).isGreaterThan(0.9);
    assertThat(gcnPrecision).isGreaterThan(FactorModelsTest.inGroupPrecisionAt5(pop, rows) + 0.3);
    assertThat(FactorModelsTest.auc(gcn, rows)).isGreaterThan(0.95);
  }

  @Test
  void earlyStopping_keepsTheBestEvaluatedEmbeddings_andStillLearns() {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 9);
    var snapshot = Snapshots.of(ITEMS, rows);
    List<String> notes = new ArrayList<>();
    Model m = lightgcn(Map.of("valid_fraction", "0.2", "eval_every", "2", "patience", "2",
        "epochs", "400"), 9).train(snapshot, (done, total, note) -> notes.add(note));
    assertThat(notes).anyMatch(n -> n.contains("valid Recall@10"));
    assertThat(notes).hasSizeLessThan(400); // stopped early: the planted structure is learnt fast
    assertThat(notes.get(notes.size() - 1)).contains("stopping, best at epoch");
    assertThat(FactorModelsTest.inGroupPrecisionAt5(m, rows)).isGreaterThan(0.9);
  }

  /**
   * The analytic gradient (forward propagation, BPR gradient, transposed propagation, L2 term)
   * against central finite differences of the loss, coordinate by coordinate.
   */
  @ParameterizedTest
  @CsvSource({"0, 0.0", "1, 0.01", "3, 0.0", "3, 0.05"})
  void gradient_matchesFiniteDifferences(int layers, double reg) {
    int[][] rows = Snapshots.planted(12, 10, 2, 0.6, 0.1, 5);
    BinaryMatrix x = BinaryMatrix.of(Snapshots.of(10, rows));
    int f = 4;
    LightGcnTrainer t = lightgcn(Map.of("factors", "" + f, "layers", "" + layers,
        "reg", "" + reg), 1);
    SplittableRandom r = new SplittableRandom(layers * 31L + 7);
    float[] e0 = new float[(x.users + x.items) * f];
    for (int k = 0; k < e0.length; k++) {
      e0[k] = (float) r.nextDouble(-1, 1);
    }
    int[] neg = new int[x.nnz()];
    for (int u = 0; u < x.users; u++) {
      for (int p = x.userPtr[u]; p < x.userPtr[u + 1]; p++) {
        int j;
        do {
          j = r.nextInt(x.items);
        } while (x.contains(u, j));
        neg[p] = j;
      }
    }
    float[] grad = new float[e0.length];
    t.lossAndGradient(x, e0, neg, grad);
    float h = 1e-2f;
    double maxAbs = 0;
    for (float g : grad) {
      maxAbs = Math.max(maxAbs, Math.abs(g));
    }
    assertThat(maxAbs).isGreaterThan(1e-3); // a gradient that is not trivially zero
    float[] scratch = new float[e0.length];
    for (int k = 0; k < e0.length; k++) {
      float keep = e0[k];
      e0[k] = keep + h;
      double up = t.lossAndGradient(x, e0, neg, scratch);
      e0[k] = keep - h;
      double down = t.lossAndGradient(x, e0, neg, scratch);
      e0[k] = keep;
      double numeric = (up - down) / (2 * h);
      assertThat((double) grad[k]).as("d loss / d e0[%d]", k)
          .isCloseTo(numeric, within(2e-3 + 0.02 * Math.abs(numeric)));
    }
  }

  @Test
  void training_isBitForBitDeterministicForASeed_whateverTheThreadCount() {
    var snapshot = Snapshots.of(ITEMS, Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 4));
    Map<String, String> p = Map.of("epochs", "12", "valid_fraction", "0.2", "eval_every", "3",
        "batches", "3");
    FactorModel a = (FactorModel) lightgcn(p, 5).train(snapshot);
    FactorModel b = (FactorModel) lightgcn(p, 5).train(snapshot);
    Map<String, String> p2 = new HashMap<>(p);
    p2.put("threads", "3");
    FactorModel threaded = (FactorModel) lightgcn(p2, 5).train(snapshot);
    FactorModel other = (FactorModel) lightgcn(p, 6).train(snapshot);
    assertThat(b.userFactors).isEqualTo(a.userFactors);
    assertThat(b.itemFactors).isEqualTo(a.itemFactors);
    assertThat(threaded.userFactors).isEqualTo(a.userFactors);
    assertThat(threaded.itemFactors).isEqualTo(a.itemFactors);
    assertThat(other.itemFactors).isNotEqualTo(a.itemFactors);
  }

  @Test
  void savedModel_scoresLikeTheTrainedOne(@TempDir Path dir) throws Exception {
    var snapshot = Snapshots.of(ITEMS, Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 2));
    Model trained = lightgcn(Map.of("epochs", "5"), 3).train(snapshot);
    Path file = dir.resolve("lightgcn.lvm");
    ModelFiles.write(trained, file);
    Model read = ModelFiles.read(file);
    assertThat(read).isInstanceOf(FactorModel.class);
    assertThat(((FactorModel) read).algorithm()).isEqualTo("lightgcn");
    assertThat(((FactorModel) read).params()).containsEntry("layers", "3")
        .containsEntry("factors", "16");
    float[] a = new float[ITEMS];
    float[] b = new float[ITEMS];
    for (int u = 0; u < USERS; u += 7) {
      trained.score(u, a);
      read.score(u, b);
      assertThat(b).isEqualTo(a);
    }
  }

  @Test
  void usersWithoutInteractions_scoreZero_andItemsWithoutInteractions_rankLast() {
    int[][] rows = Snapshots.planted(USERS, ITEMS, GROUPS, 0.5, 0.05, 2);
    rows[4] = new int[0];
    Model m = lightgcn(Map.of("epochs", "40"), 3).train(Snapshots.of(ITEMS + 5, rows));
    float[] scores = new float[ITEMS + 5];
    m.score(4, scores);
    assertThat(scores).containsOnly(0f);
    m.score(0, scores);
    float lowestKnown = Float.MAX_VALUE;
    float highestNew = -Float.MAX_VALUE;
    for (int i = 0; i < ITEMS + 5; i++) {
      assertThat(scores[i]).isFinite();
      if (i < ITEMS) {
        lowestKnown = Math.min(lowestKnown, scores[i]);
      } else {
        highestNew = Math.max(highestNew, scores[i]);
      }
    }
    assertThat(highestNew).isLessThan(lowestKnown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "layers|-1|parameter layers of model lightgcn must be between 0",
      "layers|11|parameter layers of model lightgcn must be between 0",
      "learning_rate|0|parameter learning_rate of model lightgcn must be > 0, got 0.0",
      "valid_fraction|0.7|parameter valid_fraction of model lightgcn must be between 0",
      "threads|0|parameter threads of model lightgcn must be >= 1, got 0.0",
      "batches|0|parameter batches of model lightgcn must be >= 1",
      "factors|2.5|parameter factors of model lightgcn must be a whole number, got \"2.5\"",
      "reg|abc|parameter reg of model lightgcn must be a number, got \"abc\"",
      "dropout|0.1|model lightgcn has no parameter \"dropout\"; its parameters are factors, layers"})
  void badParameters_areRejectedWithTheRuleAndTheValue(String name, String value, String message) {
    assertThatThrownBy(() -> Algorithms.trainer("lightgcn", Map.of(name, value), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
