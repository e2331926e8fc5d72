package dev.longview.churn;

/** Log-gamma and the Gauss hypergeometric function, as BG/NBD needs them. */
final class SpecialFunctions {
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851,
      -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

  private SpecialFunctions() {}

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
  static double lnGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
    }
    x -= 1;
    double a = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** ln B(a, b). */
  static double lnBeta(double a, double b) {
    return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  }

  /** 2F1(a, b; c; z) by its power series, for 0 <= z < 1. */
  static double hyp2f1(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("z was " + z + "; the series needs 0 <= z < 1");
    }
    double term = 1;
    double sum = 1;
    for (int j = 0; j < 100_000; j++) {
      term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
      sum += term;
      if (Math.abs(term) < 1e-15 * Math.abs(sum)) {
        return sum;
      }
    }
    return sum;
  }
}
