package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BgNbdTest {
  private static final BgNbd ONES = new BgNbd(1, 1, 1, 1);

  @Test
  void likelihood_byHand() {
    // x = 0: B(a,b)/B(a,b) * alpha^r / (alpha + T)^r = 1/2 for T = 1
    assertThat(ONES.logLikelihood(0, 0, 1)).isCloseTo(Math.log(0.5), within(1e-12));
    // x = 1, t_x = 1, T = 2: B(1,2)/B(1,1) * 1/3^2 + B(2,1)/B(1,1) * 1/2^2 = 1/18 + 1/8 = 13/72
    assertThat(ONES.logLikelihood(1, 1, 2)).isCloseTo(Math.log(13.0 / 72), within(1e-12));
  }

  @Test
  void pAlive_byHand() {
    // 1 / (1 + a/(b + x - 1) * ((alpha + T)/(alpha + t_x))^(r + x)) = 1 / (1 + (3/2)^2) = 4/13
    assertThat(ONES.pAlive(1, 1, 2)).isCloseTo(4.0 / 13, within(1e-12));
    assertThat(ONES.pAlive(0, 0, 5)).isEqualTo(1.0);
    BgNbd published = new BgNbd(0.243, 4.414, 0.793, 2.426);
    // more silence since the last purchase, less alive
    assertThat(published.pAlive(2, 30, 38)).isGreaterThan(published.pAlive(2, 10, 38));
  }

  @Test
  void probabilityNoPurchase_byHand() {
    // x 1, t_x 1, T 2, t 1: P(alive) 4/13; silent if alive (3/4)^2 = 9/16; 1 - 4/13 * 7/16 = 45/52
    assertThat(ONES.probabilityNoPurchase(1, 1, 1, 2)).isCloseTo(45.0 / 52, within(1e-12));
    // x 0, T 5, t 1: alive for sure; (6/7)^1
    assertThat(ONES.probabilityNoPurchase(1, 0, 0, 5)).isCloseTo(6.0 / 7, within(1e-12));
    assertThat(ONES.probabilityNoPurchase(0, 1, 1, 2)).isEqualTo(1.0);
    BgNbd published = new BgNbd(0.243, 4.414, 0.793, 2.426);
    // a longer horizon leaves less chance of staying silent; a long silence since the last
    // purchase (same x, T) makes silence more likely
    assertThat(published.probabilityNoPurchase(26, 2, 30, 38))
        .isLessThan(published.probabilityNoPurchase(13, 2, 30, 38));
    assertThat(published.probabilityNoPurchase(13, 2, 10, 38))
        .isGreaterThan(published.probabilityNoPurchase(13, 2, 30, 38));
  }

  @Test
  void specialFunctions() {
    assertThat(SpecialFunctions.lnGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(SpecialFunctions.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    assertThat(SpecialFunctions.hyp2f1(1, 1, 2, 0.5)).isCloseTo(-Math.log(0.5) / 0.5, within(1e-12));
  }

  @Test
  void hyp2f1_andConditionalExpectation_matchAnIndependentImplementation() {
    // Reference values from scipy.special.hyp2f1 (SciPy 1.17) at the published parameters,
    // x = 2 and x = 29 (the series converges slowly for large x: its terms grow before they fall).
    assertThat(SpecialFunctions.hyp2f1(0.243 + 2, 2.426 + 2, 0.793 + 2.426 + 2 - 1,
        39 / (4.414 + 38.86 + 39))).isCloseTo(4.575315897643688, within(1e-9));
    assertThat(SpecialFunctions.hyp2f1(0.243 + 29, 2.426 + 29, 0.793 + 2.426 + 29 - 1,
        39 / (4.414 + 38 + 39)) / 217348770.22654435).isCloseTo(1.0, within(1e-9));
    BgNbd published = new BgNbd(0.243, 4.414, 0.793, 2.426);
    // E[Y(39) | x, t_x, T], equation (10), evaluated with scipy's 2F1
    assertThat(published.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226028174767135, within(1e-9));
    assertThat(published.expectedPurchases(39, 0, 0, 38.86)).isCloseTo(0.19509805201125396, within(1e-9));
    assertThat(published.expectedPurchases(39, 29, 37.71, 38)).isCloseTo(20.052948986497928, within(1e-8));
    assertThat(published.expectedPurchases(39, 10, 34.14, 38.86)).isCloseTo(5.933382547656221, within(1e-9));
  }

  @Test
  void expectedPurchases_publishedExample() {
    // Fader, Hardie and Lee (2005), section 4.2: with the CDNOW 1/10 sample fit, a customer with
    // x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226 purchases in the next 39 weeks.
    BgNbd published = new BgNbd(0.243, 4.414, 0.793, 2.426);
    assertThat(published.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.002));
    assertThat(published.expectedPurchases(0, 2, 30.43, 38.86)).isZero();
  }

  /** Simulates the BG/NBD story with known parameters; the fit must recover them and predict the holdout. */
  @ParameterizedTest
  @ValueSource(longs = {7, 8})
  void fit_recoversSimulatedParameters_andPredictsTheHoldout(long seed) {
    BgNbd truth = new BgNbd(0.5, 5.0, 0.8, 2.5);
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 8000;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] T = new double[n];
    double[] hold = new double[n];
    double horizon = 39;
    for (int c = 0; c < n; c++) {
      T[c] = 26 + rnd.nextDouble() * 13;
      double lambda = gamma(rnd, truth.r()) / truth.alpha();
      double p = beta(rnd, truth.a(), truth.b());
      double time = 0; // the first purchase; the customer may drop out only after a repeat one
      do {
        time += -Math.log(1 - rnd.nextDouble()) / lambda;
        if (time > T[c] + horizon) {
          break;
        }
        if (time <= T[c]) {
          x[c]++;
          tx[c] = time;
        } else {
          hold[c]++;
        }
      } while (rnd.nextDouble() >= p);
    }
    BgNbdFitter.Fit fit = BgNbdFitter.fit(RepeatData.of(x, tx, T, hold));
    BgNbd m = fit.model();
    assertThat(m.r()).isCloseTo(truth.r(), within(0.1));
    assertThat(m.alpha()).isCloseTo(truth.alpha(), within(1.5));
    assertThat(m.a()).isCloseTo(truth.a(), within(0.3));
    assertThat(m.b()).isCloseTo(truth.b(), within(1.2));
    double predicted = 0;
    double actual = 0;
    for (int c = 0; c < n; c++) {
      predicted += m.expectedPurchases(horizon, x[c], tx[c], T[c]);
      actual += hold[c];
    }
    assertThat(predicted / actual).isCloseTo(1.0, within(0.05));
  }

  /** Gamma(shape, 1): Marsaglia-Tsang, boosted for shape < 1. */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal(r);
      double v = Math.pow(1 + c * z, 3);
      if (v > 0 && Math.log(r.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static double beta(SplittableRandom r, double a, double b) {
    double g1 = gamma(r, a);
    return g1 / (g1 + gamma(r, b));
  }

  static double normal(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
