package dev.longview.eval;

/**
 * Beyond-accuracy metrics (PROTOCOLS.md section 1), each on plain arrays so a test can check it by
 * hand. Stateless.
 *
 * <ul>
 *   <li>Catalogue coverage = distinct items recommended over all evaluated users / catalogue size.
 *   <li>Intra-list diversity (ILD) of one list = mean over its item pairs of (1 - cosine) of the
 *       items' binary genre (category) vectors; cosine = |A n B| / sqrt(|A| |B|). Pairs with an item
 *       that has no category are skipped; a list with no such pair has no ILD (NaN, left out of the
 *       mean).
 *   <li>Novelty of one list = mean over its items of -log2(share), share = the item's training
 *       interactions / all training interactions; an item with no training interaction counts as
 *       one, so the value stays finite.
 *   <li>Exposure Gini over the catalogue's items, exposure = times an item appears in the evaluated
 *       users' lists: with the n counts sorted ascending x_1..x_n, G = sum_i (2i - n - 1) x_i / (n
 *       sum x); 0 = every item shown equally, (n - 1) / n = one item takes all exposure.
 * </ul>
 */
public final class BeyondAccuracy {
  private BeyondAccuracy() {}

  public static double coverage(int[] exposure) {
    int shown = 0;
    for (int x : exposure) {
      if (x > 0) {
        shown++;
      }
    }
    return exposure.length == 0 ? 0 : (double) shown / exposure.length;
  }

  public static double gini(int[] exposure) {
    int n = exposure.length;
    int[] sorted = exposure.clone();
    java.util.Arrays.sort(sorted);
    double total = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      total += sorted[i];
      weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
    }
    return total == 0 ? 0 : weighted / (n * total);
  }

  /** ILD of {@code list[0..length)} given each item's sorted category indices. */
  public static double ild(int[] list, int length, int[][] categories) {
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < length; a++) {
      int[] x = categories[list[a]];
      if (x.length == 0) {
        continue;
      }
      for (int b = a + 1; b < length; b++) {
        int[] y = categories[list[b]];
        if (y.length == 0) {
          continue;
        }
        sum += 1 - common(x, y) / Math.sqrt((double) x.length * y.length);
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /** Novelty of {@code list[0..length)} given training counts per item and their total. */
  public static double novelty(int[] list, int length, int[] trainCounts, long trainTotal) {
    if (length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int r = 0; r < length; r++) {
      double share = (double) Math.max(1, trainCounts[list[r]]) / trainTotal;
      sum += -Math.log(share) / Math.log(2);
    }
    return sum / length;
  }

  private static int common(int[] x, int[] y) {
    int i = 0;
    int j = 0;
    int c = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        c++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return c;
  }
}
