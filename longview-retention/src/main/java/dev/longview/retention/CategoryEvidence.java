package dev.longview.retention;

/**
 * Whether the categories' long-term effects really differ, or only as much as sampling noise
 * makes them: Cochran's Q test of heterogeneity over the categories' mean return residuals
 * ({@link LongTermValueEstimator}), with session-clustered variances.
 *
 * <p>A session's residual counts once for every item of a category it consumed, so a category's
 * mean residual is not an average of independent terms: a session with twelve films of one
 * genre moves the genre's mean twelve times as far as a session with one. The variance of
 * category c's mean is therefore estimated with sessions as clusters (the sandwich estimator:
 * {@code sum over sessions of m_s^2 (r_s - mean_c)^2 / n_c^2}, m_s the session's items of c,
 * n_c = sum m_s), not as {@code sigma^2 / n_c}; on logs with long sessions the naive variance is
 * several times too small and noise passes for real differences. Q = sum of
 * {@code (mean_c - weighted mean)^2 / var_c} over categories with at least two sessions, df =
 * those categories - 1; the p-value uses the Wilson-Hilferty normal approximation of the
 * chi-squared distribution (accurate to about 0.01 in the tail for df >= 3).
 *
 * @param q Cochran's Q
 * @param df degrees of freedom (0 when fewer than two categories have data)
 * @param p the chance of a Q at least this large when every category has the same effect; 1
 *     when nothing can be tested
 */
public record CategoryEvidence(double q, int df, double p) {
  /** Nothing tested (no categories, or the pooled estimate). */
  public static final CategoryEvidence NONE = new CategoryEvidence(0, 0, 1);

  /** Not tested: category values a caller sets by hand and vouches for (p = 0). */
  public static final CategoryEvidence ASSUMED = new CategoryEvidence(Double.NaN, 0, 0);

  /**
   * The test from per-category sums over labelled sessions: residual sum and count (one term per
   * consumption), the sessions that consumed the category, and the sums of {@code m^2}, {@code m^2 r} and {@code m^2 r^2} over sessions.
   */
  static CategoryEvidence of(double[] sum, int[] n, int[] sessions, double[] m2, double[] m2r,
      double[] m2r2) {
    int k = sum.length;
    double[] mean = new double[k];
    double[] w = new double[k];
    double wSum = 0;
    double wMean = 0;
    int used = 0;
    for (int c = 0; c < k; c++) {
      if (n[c] == 0) {
        continue;
      }
      mean[c] = sum[c] / n[c];
      // sum over sessions m^2 (r - mean)^2, expanded
      double v = (m2r2[c] - 2 * mean[c] * m2r[c] + mean[c] * mean[c] * m2[c])
          / ((double) n[c] * n[c]);
      if (sessions[c] < 2 || !(v > 0)) { // one session, or no spread: no variance to test with
        continue;
      }
      w[c] = 1 / v;
      wSum += w[c];
      wMean += w[c] * mean[c];
      used++;
    }
    if (used < 2) {
      return NONE;
    }
    wMean /= wSum;
    double q = 0;
    for (int c = 0; c < k; c++) {
      if (w[c] > 0) {
        q += w[c] * (mean[c] - wMean) * (mean[c] - wMean);
      }
    }
    int df = used - 1;
    return new CategoryEvidence(q, df, chiSquaredUpperTail(q, df));
  }

  /** P(X >= q) for X chi-squared with {@code df} degrees of freedom (Wilson-Hilferty). */
  static double chiSquaredUpperTail(double q, int df) {
    double a = 2.0 / (9 * df);
    double z = (Math.cbrt(q / df) - (1 - a)) / Math.sqrt(a);
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /** The complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
