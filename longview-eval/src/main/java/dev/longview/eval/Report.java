package dev.longview.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one {@link Evaluator#evaluate} call: the mean of every metric over the evaluated
 * users (users with at least one held-out item), the half-width of its normal 95% interval
 * (1.96 sd / sqrt(n)) for per-user metrics, and the per-user values. Metric names are
 * {@code name@k}: recall, precision, f1, ndcg, hit, mrr, map, coverage, ild (only when items have
 * categories, and k >= 2), novelty, gini. Coverage and Gini are properties of all lists together and have no
 * interval. Immutable.
 */
public final class Report {
  private final int users;
  private final Map<String, Double> means;
  private final Map<String, Double> ci95;
  private final Map<String, double[]> perUser;
  private final int[] evaluatedUsers;
  private final double seconds;
  private final int[] lists;
  private final int[] lengths;

  Report(int users, Map<String, Double> means, Map<String, Double> ci95,
      Map<String, double[]> perUser, int[] evaluatedUsers, int[] lists, int[] lengths,
      double seconds) {
    this.lists = lists;
    this.lengths = lengths;
    this.users = users;
    this.means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    this.ci95 = Collections.unmodifiableMap(new LinkedHashMap<>(ci95));
    this.perUser = perUser;
    this.evaluatedUsers = evaluatedUsers;
    this.seconds = seconds;
  }

  /** Number of users evaluated. */
  public int users() {
    return users;
  }

  /** Metric name to mean, in cutoff order then metric order. */
  public Map<String, Double> means() {
    return means;
  }

  /** Metric name to the half-width of the 95% interval of its mean (per-user metrics only). */
  public Map<String, Double> ci95() {
    return ci95;
  }

  /** The mean of {@code metric}; the message lists the known names. */
  public double mean(String metric) {
    Double v = means.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("no metric \"" + metric + "\" in this report; it has "
          + String.join(", ", means.keySet()));
    }
    return v;
  }

  /** Dense indices of the evaluated users, ascending. */
  public int[] evaluatedUsers() {
    return evaluatedUsers.clone();
  }

  /**
   * Per-user values of {@code metric}, aligned with {@link #evaluatedUsers()} (NaN where the user
   * has no value, e.g. ILD of a list without categories).
   */
  public double[] perUser(String metric) {
    double[] v = perUser.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("no per-user values for \"" + metric + "\"; they exist for "
          + String.join(", ", perUser.keySet()));
    }
    return v.clone();
  }

  /**
   * The ranked list (best first, up to the largest cutoff) recommended to the {@code index}-th
   * evaluated user, i.e. to user {@code evaluatedUsers()[index]}.
   */
  public int[] recommended(int index) {
    int kMax = lists.length / Math.max(1, lengths.length);
    return Arrays.copyOfRange(lists, index * kMax, index * kMax + lengths[index]);
  }

  /** Wall-clock seconds of the evaluation (scoring, ranking and metrics). */
  public double seconds() {
    return seconds;
  }

  /** Evaluated users per second. */
  public double usersPerSecond() {
    return seconds > 0 ? users / seconds : Double.NaN;
  }

  @Override
  public String toString() {
    return "Report" + Arrays.toString(new Object[] {users + " users", means});
  }
}
