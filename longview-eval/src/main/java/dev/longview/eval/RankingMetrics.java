package dev.longview.eval;

import java.util.BitSet;

/**
 * Accuracy metrics of one ranked list against one user's relevant items, at a cutoff k. All take
 * the list best first ({@code list[0..length)}, {@code length} may be below k when fewer items
 * were allowed), the relevant items as a bit set and their number. Definitions (binary relevance):
 *
 * <ul>
 *   <li>hits@k = relevant items among the first k;
 *   <li>Recall@k = hits / |relevant|; Precision@k = hits / k (k even when the list is shorter);
 *   <li>F1@k = 2 P R / (P + R), 0 when both are 0;
 *   <li>NDCG@k = DCG / IDCG with DCG = sum over hit ranks r (1-based) of 1 / log2(r + 1) and IDCG
 *       the same sum over ranks 1..min(|relevant|, k);
 *   <li>Hit@k = 1 when hits > 0;
 *   <li>MRR@k = 1 / rank of the first hit within k, 0 without one;
 *   <li>MAP@k = (sum over hit ranks r of Precision@r) / min(|relevant|, k) (average precision
 *       truncated at k, normalised so that a perfect list scores 1).
 * </ul>
 *
 * A user with no relevant item is not evaluated (callers skip it). Stateless.
 */
final class RankingMetrics {
  private RankingMetrics() {}

  static int hits(int[] list, int length, BitSet relevant, int k) {
    int h = 0;
    for (int r = 0; r < Math.min(length, k); r++) {
      if (relevant.get(list[r])) {
        h++;
      }
    }
    return h;
  }

  static double recall(int[] list, int length, BitSet relevant, int relevantCount, int k) {
    return (double) hits(list, length, relevant, k) / relevantCount;
  }

  static double precision(int[] list, int length, BitSet relevant, int k) {
    return (double) hits(list, length, relevant, k) / k;
  }

  static double f1(int[] list, int length, BitSet relevant, int relevantCount, int k) {
    double p = precision(list, length, relevant, k);
    double r = recall(list, length, relevant, relevantCount, k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  static double ndcg(int[] list, int length, BitSet relevant, int relevantCount, int k) {
    double dcg = 0;
    for (int r = 0; r < Math.min(length, k); r++) {
      if (relevant.get(list[r])) {
        dcg += discount(r + 1);
      }
    }
    double idcg = 0;
    for (int r = 1; r <= Math.min(relevantCount, k); r++) {
      idcg += discount(r);
    }
    return dcg / idcg;
  }

  static double hit(int[] list, int length, BitSet relevant, int k) {
    return hits(list, length, relevant, k) > 0 ? 1 : 0;
  }

  static double mrr(int[] list, int length, BitSet relevant, int k) {
    for (int r = 0; r < Math.min(length, k); r++) {
      if (relevant.get(list[r])) {
        return 1.0 / (r + 1);
      }
    }
    return 0;
  }

  static double map(int[] list, int length, BitSet relevant, int relevantCount, int k) {
    double sum = 0;
    int h = 0;
    for (int r = 0; r < Math.min(length, k); r++) {
      if (relevant.get(list[r])) {
        h++;
        sum += (double) h / (r + 1);
      }
    }
    return sum / Math.min(relevantCount, k);
  }

  /** 1 / log2(rank + 1), rank 1-based. */
  static double discount(int rank) {
    return 1.0 / (Math.log(rank + 1) / Math.log(2));
  }
}
