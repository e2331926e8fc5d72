package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EaseTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void ease_matchesTheClosedFormComputedDirectly(long seed) {
    int items = 7;
    int[][] rows = Snapshots.planted(12, items, 2, 0.6, 0.2, seed);
    double lambda = 2.5;
    EaseModel model = (EaseModel) Algorithms.trainer("ease", Map.of("lambda", "2.5"), 0)
        .train(Snapshots.of(items, rows));
    // Direct: G = X^T X + lambda I, P = G^-1 by Gauss-Jordan, B = I - P diag(1/diag P).
    double[][] g = new double[items][items];
    for (int[] row : rows) {
      for (int i : row) {
        for (int j : row) {
          g[i][j] += 1;
        }
      }
    }
    for (int i = 0; i < items; i++) {
      g[i][i] += lambda;
    }
    double[][] p = Matrices.inverse(g);
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        double expected = i == j ? 0 : -p[i][j] / p[j][j];
        assertThat((double) model.b[i * items + j]).as("B[%d][%d]", i, j)
            .isCloseTo(expected, within(1e-5));
      }
    }
    // Scores are the user's row times B.
    float[] scores = new float[items];
    model.score(0, scores);
    for (int j = 0; j < items; j++) {
      double s = 0;
      for (int i : rows[0]) {
        s += i == j ? 0 : -p[i][j] / p[j][j];
      }
      assertThat((double) scores[j]).isCloseTo(s, within(1e-5));
    }
  }

  @Test
  void ease_refusesCataloguesTooLargeForADenseMatrix() {
    var trainer = Algorithms.trainer("ease", Map.of(), 0);
    var snapshot = Snapshots.builder(1, EaseTrainer.MAX_ITEMS + 1).build();
    assertThatThrownBy(() -> trainer.train(snapshot))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40001 items")
        .hasMessageContaining("at most 40000")
        .hasMessageContaining("use ials");
  }

  @Test
  void ease_rejectsNonPositiveLambda() {
    assertThatThrownBy(() -> Algorithms.trainer("ease", Map.of("lambda", "0"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda")
        .hasMessageContaining("> 0");
  }
}
