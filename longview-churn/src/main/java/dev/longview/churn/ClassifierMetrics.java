package dev.longview.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Metrics of predicted probabilities against 0/1 labels (1 = churned).
 *
 * <ul>
 *   <li>ROC-AUC: the probability that a random positive scores above a random negative, ties
 *       counting one half (Mann-Whitney with mid-ranks);
 *   <li>PR-AUC: average precision, the mean over positives of the precision at their rank (tied
 *       scores are ranked as one group);
 *   <li>log loss: mean of -[y ln p + (1 - y) ln(1 - p)], p clipped to [1e-15, 1 - 1e-15];
 *   <li>calibration: 10 equal-width bins of the prediction ([0, .1), ..., [.9, 1]); per bin the
 *       count, mean prediction and observed rate.
 * </ul>
 */
public final class ClassifierMetrics {
  private ClassifierMetrics() {}

  /** One calibration bin. */
  public record Bin(double lo, double hi, int count, double meanPredicted, double observedRate) {}

  public static double auc(double[] p, double[] y) {
    int n = p.length;
    Integer[] idx = sortedIndex(p, false);
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && p[idx[j + 1]] == p[idx[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (y[idx[k]] > 0.5) {
          rankSumPos += midRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  public static double averagePrecision(double[] p, double[] y) {
    Integer[] idx = sortedIndex(p, true);
    long pos = 0;
    for (double v : y) {
      if (v > 0.5) {
        pos++;
      }
    }
    if (pos == 0) {
      return Double.NaN;
    }
    double sum = 0;
    long tp = 0;
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && p[idx[j + 1]] == p[idx[i]]) {
        j++;
      }
      long groupPos = 0;
      for (int k = i; k <= j; k++) {
        if (y[idx[k]] > 0.5) {
          groupPos++;
        }
      }
      tp += groupPos;
      sum += groupPos * ((double) tp / (j + 1));
      i = j + 1;
    }
    return sum / pos;
  }

  public static double logLoss(double[] p, double[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
      s -= y[i] > 0.5 ? Math.log(q) : Math.log(1 - q);
    }
    return s / p.length;
  }

  public static List<Bin> calibration(double[] p, double[] y) {
    int[] count = new int[10];
    double[] sumP = new double[10];
    double[] sumY = new double[10];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(9, Math.max(0, (int) Math.floor(p[i] * 10)));
      count[b]++;
      sumP[b] += p[i];
      sumY[b] += y[i];
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      bins.add(new Bin(b / 10.0, (b + 1) / 10.0, count[b], count[b] == 0 ? Double.NaN : sumP[b] / count[b],
          count[b] == 0 ? Double.NaN : sumY[b] / count[b]));
    }
    return bins;
  }

  private static Integer[] sortedIndex(double[] p, boolean descending) {
    Integer[] idx = new Integer[p.length];
    Arrays.setAll(idx, i -> i);
    Arrays.sort(idx, (a, b) -> descending ? Double.compare(p[b], p[a]) : Double.compare(p[a], p[b]));
    return idx;
  }
}
