package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iALS user fold-in used for real-time serving. */
class FoldInTest {
  @Test
  void foldIn_ofAUsersOwnItems_fromZero_reproducesTheTrainedVectorsRanking() {
    int[][] rows = Snapshots.planted(200, 60, 3, 0.4, 0.02, 5);
    InteractionSnapshot s = Snapshots.of(60, rows);
    FactorView fv = (FactorView) Algorithms.trainer("ials",
        Map.of("factors", "16", "iterations", "10"), 42).train(s);
    assertThat(fv.supportsFoldIn()).isTrue();
    int f = fv.factors();
    int agree = 0;
    for (int u = 0; u < 30; u++) {
      float[] trained = new float[f];
      fv.userVector(u, trained);
      float[] folded = new float[f];
      fv.foldIn(rows[u], rows[u].length, folded);
      // The user's group (items of block u % 3) dominates both vectors' top items.
      int best = argmaxOutside(fv, folded, rows[u]);
      if (Snapshots.groupOf(best, 60, 3) == u % 3) {
        agree++;
      }
      double cos = dot(trained, folded) / Math.sqrt(dot(trained, trained) * dot(folded, folded));
      assertThat(cos).as("user %d", u).isGreaterThan(0.9);
    }
    assertThat(agree).isGreaterThanOrEqualTo(27);
  }

  @Test
  void bpr_hasNoFoldIn() {
    InteractionSnapshot s = Snapshots.of(10, new int[][] {{0, 1}, {1, 2}});
    FactorView fv = (FactorView) Algorithms.trainer("bpr", Map.of("epochs", "1"), 1).train(s);
    assertThat(fv.supportsFoldIn()).isFalse();
  }

  private static int argmaxOutside(FactorView fv, float[] w, int[] seen) {
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    float[] h = new float[fv.factors()];
    outer:
    for (int i = 0; i < fv.itemCount(); i++) {
      for (int x : seen) {
        if (x == i) {
          continue outer;
        }
      }
      fv.itemVector(i, h);
      float sc = (float) dot(w, h);
      if (sc > bestScore) {
        bestScore = sc;
        best = i;
      }
    }
    return best;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (double) a[k] * b[k];
    }
    return s;
  }
}
