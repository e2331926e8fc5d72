package dev.longview.sim;

/**
 * Mean and two-sided 95% Student-t interval of one metric over seeds.
 *
 * @param lo equals the mean with a single seed (no spread to estimate)
 */
public record Summary(double mean, double lo, double hi, int n) {
  private static final double[] T975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447,
      2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093,
      2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

  public static Summary of(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n < 2) {
      return new Summary(mean, mean, mean, n);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    double t = n - 1 < T975.length ? T975[n - 1] : 1.960;
    return new Summary(mean, mean - t * se, mean + t * se, n);
  }
}
