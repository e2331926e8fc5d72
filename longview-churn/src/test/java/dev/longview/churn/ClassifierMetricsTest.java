package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierMetricsTest {
  // scores 0.9 0.8 0.7 0.6 0.5 0.4 with labels 1 0 1 1 0 0
  static final double[] P = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
  static final double[] Y = {1, 0, 1, 1, 0, 0};

  @Test
  void auc_byHand() {
    // pairs (pos, neg) ordered right: 0.9 beats 3 negatives, 0.7 and 0.6 beat 2 each: 7 of 9
    assertThat(ClassifierMetrics.auc(P, Y)).isCloseTo(7.0 / 9, within(1e-12));
    // ties count one half: {0.5 pos, 0.5 neg} -> 1/2
    assertThat(ClassifierMetrics.auc(new double[] {0.5, 0.5}, new double[] {1, 0})).isEqualTo(0.5);
  }

  @Test
  void averagePrecision_byHand() {
    // positives at ranks 1, 3, 4: precisions 1, 2/3, 3/4
    assertThat(ClassifierMetrics.averagePrecision(P, Y))
        .isCloseTo((1 + 2.0 / 3 + 3.0 / 4) / 3, within(1e-12));
  }

  @Test
  void logLoss_andCalibration_byHand() {
    double[] p = {0.25, 0.75};
    double[] y = {0, 1};
    assertThat(ClassifierMetrics.logLoss(p, y)).isCloseTo(-Math.log(0.75), within(1e-12));
    var bins = ClassifierMetrics.calibration(P, Y);
    assertThat(bins).hasSize(10);
    assertThat(bins.get(9).count()).isEqualTo(1);            // 0.9
    assertThat(bins.get(6).observedRate()).isEqualTo(1.0);   // 0.7 -> 1
    assertThat(bins.get(8).observedRate()).isEqualTo(0.0);   // 0.8 -> 0
    assertThat(bins.get(4).meanPredicted()).isEqualTo(0.4);   // [0.4, 0.5)
    assertThat(bins.get(5).meanPredicted()).isEqualTo(0.5);
    assertThat(bins.get(0).count()).isZero();
  }

  /** AUC is 1 - AUC of the negated scores and never changes under a monotone transform. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void auc_invariants(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 50 + r.nextInt(50);
    double[] p = new double[n];
    double[] q = new double[n];
    double[] neg = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = Math.floor(r.nextDouble() * 20) / 20;
      q[i] = Math.exp(3 * p[i]);
      neg[i] = -p[i];
      y[i] = r.nextInt(2);
    }
    y[0] = 1;
    y[1] = 0;
    assertThat(ClassifierMetrics.auc(q, y)).isCloseTo(ClassifierMetrics.auc(p, y), within(1e-12));
    assertThat(ClassifierMetrics.auc(neg, y)).isCloseTo(1 - ClassifierMetrics.auc(p, y), within(1e-12));
  }

  @Test
  void logisticRegression_recoversASeparatingDirection_andMatchesTheClosedFormWithOneBinaryFeature() {
    // one binary feature: unpenalised MLE predicts the observed rate in each group: 1/4 and 3/4
    double[][] x = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
    double[] y = {1, 0, 0, 0, 1, 1, 1, 0};
    LogisticRegression.Model m = LogisticRegression.fit(x, y, 0);
    assertThat(m.predict(new double[] {0})).isCloseTo(0.25, within(1e-9));
    assertThat(m.predict(new double[] {1})).isCloseTo(0.75, within(1e-9));
    // a penalty shrinks toward the overall rate 1/2
    LogisticRegression.Model shrunk = LogisticRegression.fit(x, y, 10);
    assertThat(shrunk.predict(new double[] {1})).isBetween(0.5, 0.75);
  }
}
