package dev.longview.retention;

import java.time.Instant;
import java.util.function.IntFunction;

/**
 * Whether the long-term values that {@link LongTermValueEstimator} learns from a log say
 * something about returns, or only repeat structure of the log itself: two checks that split the
 * users in two halves (even and odd user index), so that each half's values are learnt from
 * users the other half never saw.
 *
 * <ul>
 *   <li>{@link #splitHalf}: Pearson r between the two halves' category values (the mean of each
 *       category's item values, as {@link ItemSignals#categoryMeans} computes them for the
 *       category plan). High r = the category values are a stable property of the log; it says
 *       nothing yet about whether they are about returns (a surrogate such as session
 *       continuation is stable whether or not it predicts returns).
 *   <li>{@link #crossFit}: does a session whose items the <em>other</em> half valued highly end in
 *       a return more often than the same user's other sessions? For every labelled session of
 *       half H, x = the mean value (learnt on the other half) of its items and y = the within-user
 *       residual of its return outcome (as the estimator defines it); the least-squares slope of
 *       y on x and its t statistic with the user's sessions as one cluster (sandwich variance).
 *       The two halves' t are combined as {@code z = (t_1 + t_2) / sqrt 2}. A one-sided test of
 *       "the values predict returns of users they were not learnt from".
 * </ul>
 * Both re-run the estimator twice (once per half): diagnostics for benchmarks and operators, not
 * for the serving path. Stateless.
 */
public final class ValueEvidence {
  private static final long DAY_MS = 86_400_000L;

  private ValueEvidence() {}

  /**
   * The cross-fit slope test.
   *
   * @param slope each half's slope of the return residual on the other half's values
   * @param t each half's t statistic (user-clustered)
   * @param sessions each half's labelled sessions used
   */
  public record CrossFit(double[] slope, double[] t, int[] sessions) {
    /** {@code (t_1 + t_2) / sqrt 2}; NaN when a half had nothing to test. */
    public double z() {
      return (t[0] + t[1]) / Math.sqrt(2);
    }

    /** One-sided p-value of {@link #z()} (values predict returns), standard normal. */
    public double p() {
      return 0.5 * CategoryEvidence.erfc(z() / Math.sqrt(2));
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "cross-fit slope %.3f / %.3f, t %.2f / %.2f"
          + " (%d / %d sessions), z %.2f, p %.4f", slope[0], slope[1], t[0], t[1], sessions[0],
          sessions[1], z(), p());
    }
  }

  /** Pearson r between the two halves' category values; NaN when either has no spread. */
  public static double splitHalf(LongTermValueEstimator estimator, SessionHistory h, Instant asOf,
      IntFunction<Integer> categoryOf, int categories) {
    double[][] cv = new double[2][];
    for (int half = 0; half < 2; half++) {
      double[] value = itemValues(estimator, h, asOf, categoryOf, categories, half);
      int[] category = new int[h.itemCount()];
      for (int i = 0; i < category.length; i++) {
        category[i] = categoryIndex(categoryOf, i, categories);
      }
      cv[half] = ItemSignals.categoryMeans(category, value, categories);
    }
    return pearson(cv[0], cv[1]);
  }

  /** The cross-fit slope test (see the class comment). */
  public static CrossFit crossFit(LongTermValueEstimator estimator, SessionHistory h,
      Instant asOf, IntFunction<Integer> categoryOf, int categories) {
    long asOfMs = asOf.toEpochMilli();
    long horizon = estimator.config().horizonDays() * DAY_MS;
    double[] slope = new double[2];
    double[] t = new double[2];
    int[] used = new int[2];
    for (int half = 0; half < 2; half++) {
      double[] x = itemValues(estimator, h, asOf, categoryOf, categories, 1 - half);
      // Per labelled session of this half: its user, the mean value of its items, its residual.
      int n = 0;
      int[] user = new int[16];
      double[] xs = new double[16];
      double[] ys = new double[16];
      for (int u = half; u < h.userCount(); u += 2) {
        if (h.sessionCount(u) < 2) {
          continue;
        }
        LongTermValueEstimator.Labels l = LongTermValueEstimator.label(h, u, asOfMs, horizon);
        if (l.labelled() < 2) {
          continue;
        }
        double base = (double) l.returns() / l.labelled();
        for (int k = 0; k < l.order().length; k++) {
          if (!l.use()[k]) {
            continue;
          }
          int[] items = h.sessionItems(u, l.order()[k]);
          double mean = 0;
          for (int i : items) {
            mean += x[i];
          }
          if (n == user.length) {
            user = java.util.Arrays.copyOf(user, 2 * n);
            xs = java.util.Arrays.copyOf(xs, 2 * n);
            ys = java.util.Arrays.copyOf(ys, 2 * n);
          }
          user[n] = u;
          xs[n] = items.length == 0 ? 0 : mean / items.length;
          ys[n] = l.y()[k] - base;
          n++;
        }
      }
      used[half] = n;
      double mx = 0;
      for (int r = 0; r < n; r++) {
        mx += xs[r] / n;
      }
      double sxx = 0;
      double sxy = 0;
      for (int r = 0; r < n; r++) {
        sxx += (xs[r] - mx) * (xs[r] - mx);
        sxy += (xs[r] - mx) * ys[r];
      }
      if (n < 3 || !(sxx > 0)) {
        slope[half] = Double.NaN;
        t[half] = Double.NaN;
        continue;
      }
      double b = sxy / sxx;
      // Sandwich variance with each user's sessions as one cluster (rows are grouped by user).
      double meat = 0;
      for (int r = 0; r < n; ) {
        double score = 0;
        int u = user[r];
        for (; r < n && user[r] == u; r++) {
          double dx = xs[r] - mx;
          score += dx * (ys[r] - b * dx);
        }
        meat += score * score;
      }
      slope[half] = b;
      t[half] = meat > 0 ? b / (Math.sqrt(meat) / sxx) : Double.NaN;
    }
    return new CrossFit(slope, t, used);
  }

  /** Item values (minus the global mean) learnt from the users of one half, by history index. */
  private static double[] itemValues(LongTermValueEstimator estimator, SessionHistory h,
      Instant asOf, IntFunction<Integer> categoryOf, int categories, int half) {
    LongTermValues v = estimator.estimate(h, asOf, categoryOf, categories, u -> (u & 1) == half);
    double[] x = new double[h.itemCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = v.item(h.itemId(i), categoryIndex(categoryOf, i, categories)) - v.global();
    }
    return x;
  }

  private static int categoryIndex(IntFunction<Integer> categoryOf, int item, int categories) {
    Integer c = categoryOf.apply(item);
    return c == null || c < 0 || c >= categories ? -1 : c;
  }

  /** Pearson r of {@code a} and {@code b}; NaN when either has no spread. */
  public static double pearson(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int k = 0; k < a.length; k++) {
      ma += a[k] / a.length;
      mb += b[k] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int k = 0; k < a.length; k++) {
      sab += (a[k] - ma) * (b[k] - mb);
      saa += (a[k] - ma) * (a[k] - ma);
      sbb += (b[k] - mb) * (b[k] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }
}
