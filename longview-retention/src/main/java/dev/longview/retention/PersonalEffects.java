package dev.longview.retention;

/**
 * One user's own long-term effects by category: over the user's labelled sessions that consumed
 * category c, the within-user return residual (the estimator's {@code y - mean_u(y)}, one term
 * per session) summed to {@code S} over {@code n} sessions; the user's effect of c is
 * {@code (S + k g_c) / (n + k)}, shrunk toward the category's effect {@code g_c} for everyone with
 * k pseudo-sessions (empirical Bayes, at least {@link LongTermValueEstimator#PERSONAL_SHRINKAGE}:
 * infinite, so every deviation 0, when users do not differ beyond noise), and what is kept is the
 * deviation from {@code g_c}: {@code (S - n g_c) / (n + k)}. A user who comes back after their
 * sports sessions but not after their politics sessions gets a positive deviation for sports and a
 * negative one for politics, whatever those categories do for others. Sparse: only the user's
 * categories; immutable.
 *
 * @param category category indices, ascending
 * @param value the deviations (or, before {@link #deviations}, the residual sums)
 * @param sessions labelled sessions per category
 */
public record PersonalEffects(int[] category, double[] value, int[] sessions) {
  /** No personal information: every deviation 0. */
  public static final PersonalEffects NONE = new PersonalEffects(new int[0], new double[0],
      new int[0]);

  /**
   * The user's sums taken from the estimator's per-category scratch arrays ({@code sum},
   * {@code n} at the {@code count} indices of {@code touched}), which are reset to 0.
   */
  static PersonalEffects take(double[] sum, int[] n, int[] touched, int count) {
    int[] cats = java.util.Arrays.copyOf(touched, count);
    java.util.Arrays.sort(cats);
    double[] s = new double[count];
    int[] m = new int[count];
    for (int k = 0; k < count; k++) {
      s[k] = sum[cats[k]];
      m[k] = n[cats[k]];
      sum[cats[k]] = 0;
      n[cats[k]] = 0;
    }
    return new PersonalEffects(cats, s, m);
  }

  /** From residual sums to shrunk deviations from {@code categoryEffect}. */
  PersonalEffects deviations(double[] categoryEffect, double k) {
    double[] d = new double[category.length];
    for (int j = 0; j < category.length; j++) {
      d[j] = (value[j] - sessions[j] * categoryEffect[category[j]]) / (sessions[j] + k);
    }
    return new PersonalEffects(category, d, sessions);
  }

  /** The user's deviation for {@code categoryIndex}; 0 when they never consumed it. */
  public double deviation(int categoryIndex) {
    int j = java.util.Arrays.binarySearch(category, categoryIndex);
    return j >= 0 ? value[j] : 0;
  }
}
