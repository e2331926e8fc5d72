package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link BgNbdHoldout} on two customers with the published CDNOW parameters (r 0.243, alpha
 * 4.414, a 0.793, b 2.426); the expected values were computed independently with
 * scipy.special.hyp2f1 from equations (7) and (10) of Fader, Hardie and Lee (2005).
 */
class BgNbdHoldoutTest {
  private static final BgNbd PUBLISHED = new BgNbd(0.243, 4.414, 0.793, 2.426);

  @Test
  void holdoutAndCumulativeTracking_matchAnIndependentComputation() {
    // Customer 1: the paper's example (x 2, t_x 30.43, T 38.86), 1 purchase in the holdout.
    // Customer 2: no repeat purchase in 30 weeks, 0 in the holdout.
    RepeatData d = RepeatData.of(new double[] {2, 0}, new double[] {30.43, 0},
        new double[] {38.86, 30}, new double[] {1, 0});
    BgNbdHoldout h = BgNbdHoldout.of(PUBLISHED, d, 39);

    assertThat(h.customers()).isEqualTo(2);
    assertThat(h.calibrationActual()).isEqualTo(2);
    assertThat(h.holdoutActual()).isEqualTo(1);
    // E[X(39) | 2, 30.43, 38.86] = 1.226028 (the paper's 1.226) + E[X(39) | 0, 0, 30] = 0.239382
    assertThat(h.holdoutPredicted()).isCloseTo(1.226028174767 + 0.239381632340, within(1e-9));
    assertThat(h.holdoutError()).isCloseTo(1.465409807107 - 1, within(1e-9));
    // E[X(38.86)] + E[X(30)] and E[X(77.86)] + E[X(69)] (each from its own first purchase)
    assertThat(h.cumulativeModelAtCalibrationEnd())
        .isCloseTo(1.193828102813 + 0.999167901186, within(1e-9));
    assertThat(h.cumulativeModelAtHoldoutEnd())
        .isCloseTo(1.858510983883 + 1.727057100472, within(1e-9));
    assertThat(h.cumulativeActualAtHoldoutEnd()).isEqualTo(3);
    assertThat(h.cumulativeError()).isCloseTo((1.858510983883 + 1.727057100472) / 3 - 1, within(1e-9));
  }

  @Test
  void noPurchases_meansZeroErrors_andABadLengthIsRefused() {
    RepeatData d = RepeatData.of(new double[] {0}, new double[] {0}, new double[] {10},
        new double[] {0});
    BgNbdHoldout h = BgNbdHoldout.of(PUBLISHED, d, 5);
    assertThat(h.holdoutError()).isZero();
    assertThat(h.holdoutPredicted()).isPositive();
    assertThatThrownBy(() -> BgNbdHoldout.of(PUBLISHED, d, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
  }
}
