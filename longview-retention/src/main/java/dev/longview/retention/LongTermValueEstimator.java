package dev.longview.retention;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Estimates, from observable sessions only, how much consuming an item changes the consumer's
 * chance of coming back: the item's <em>long-term value</em>.
 *
 * <h2>The estimate (fixed effects with shrinkage)</h2>
 * <ol>
 *   <li>Outcome. A session s of user u is labelled {@code y = 1} when u starts another session on
 *       a later UTC day within {@code horizonDays} days of s's start, else 0. Sessions whose
 *       horizon reaches past {@code asOf} are censored (left out): their outcome is unknown yet.
 *   <li>Within-user contrast. Users with fewer than two labelled sessions carry no within-user
 *       information and are skipped. For the others, the residual {@code r = y - mean_u(y)}
 *       removes the user's own baseline return rate (a user fixed effect), so heavy users who
 *       happen to like some items do not make those items look good: only whether a user returns
 *       more often after sessions <em>with</em> the item than after their sessions
 *       <em>without</em> it counts. (For a user with share p of sessions containing the item, the
 *       mean residual over those sessions is {@code (1 - p)} times the with-minus-without
 *       difference.)
 *   <li>Shrinkage. With {@code n_i} labelled sessions containing item i and residual sum
 *       {@code S_i}, category c's effect is {@code (S_c + k_c * g) / (n_c + k_c)} (g = the global
 *       mean residual) and the item's is {@code (S_i + k_i * effect_c) / (n_i + k_i)}: rarely
 *       consumed items fall back to their category, rare categories to the global mean.
 *   <li>Gateway value. The same estimate restricted to sessions that began within
 *       {@code earlyDays} of the user's first session: what brings new users back.
 * </ol>
 * The unit is a probability difference (return within the horizon). The estimate is
 * observational: it is unbiased when, within a user, what they consume is not chosen by something
 * that also drives their return; a policy that re-ranks by it creates the variation it learns from
 * over time. Stateless and thread-safe.
 */
public final class LongTermValueEstimator {
  private static final long DAY_MS = 86_400_000L;

  /**
   * @param horizonDays a return within this many days counts (default 3)
   * @param itemShrinkage k_i, pseudo-sessions pulling an item toward its category (default 30)
   * @param categoryShrinkage k_c, pseudo-sessions pulling a category toward the global mean
   *     (default 100)
   * @param earlyDays sessions within this many days of a user's first count for gateway values
   *     (default 7)
   */
  public record Config(int horizonDays, double itemShrinkage, double categoryShrinkage,
      int earlyDays) {
    public Config {
      if (horizonDays < 1 || earlyDays < 1 || !(itemShrinkage >= 0) || !(categoryShrinkage >= 0)) {
        throw new IllegalArgumentException("horizonDays " + horizonDays + ", earlyDays "
            + earlyDays + ", shrinkage " + itemShrinkage + "/" + categoryShrinkage
            + "; need days >= 1 and shrinkage >= 0");
      }
    }

    public static Config defaults() {
      return new Config(3, 30, 100, 7);
    }
  }

  private final Config config;

  public LongTermValueEstimator(Config config) {
    this.config = config;
  }

  /**
   * Estimates every consumed item's value as of {@code asOf}.
   *
   * @param categoryOf the category of an item index of {@code history} (-1 or a dense category
   *     index)
   * @param categories number of categories
   */
  public LongTermValues estimate(SessionHistory history, Instant asOf, IntFunction<Integer> categoryOf,
      int categories) {
    return estimate(history, asOf, categoryOf, categories, true);
  }

  /**
   * The confounded baseline for comparison: the same shrunk averages of the raw outcome minus its
   * global mean, without removing each user's baseline. Heavy returners make what they consume look
   * valuable; tests and benchmarks use it to show why the within-user estimate is needed.
   */
  public LongTermValues pooledEstimate(SessionHistory history, Instant asOf,
      IntFunction<Integer> categoryOf, int categories) {
    return estimate(history, asOf, categoryOf, categories, false);
  }

  private LongTermValues estimate(SessionHistory h, Instant asOf, IntFunction<Integer> categoryOf,
      int categories, boolean withinUser) {
    long asOfMs = asOf.toEpochMilli();
    long horizon = config.horizonDays() * DAY_MS;
    int items = h.itemCount();
    double[] itemSum = new double[items];
    int[] itemN = new int[items];
    double[] catSum = new double[categories];
    int[] catN = new int[categories];
    double[] gwSum = new double[items];
    int[] gwN = new int[items];
    double[] gwCatSum = new double[categories];
    int[] gwCatN = new int[categories];
    double globalSum = 0;
    long globalN = 0;
    // Pooled mode subtracts the global mean of y afterwards; collect it first.
    double ySum = 0;
    long yN = 0;
    int[] cat = new int[items];
    for (int i = 0; i < items; i++) {
      Integer c = categoryOf.apply(i);
      cat[i] = c == null || c < 0 || c >= categories ? -1 : c;
    }
    for (int pass = withinUser ? 1 : 0; pass < 2; pass++) {
      double yMean = yN == 0 ? 0 : ySum / yN;
      for (int u = 0; u < h.userCount(); u++) {
        int n = h.sessionCount(u);
        if (n < (withinUser ? 2 : 1)) {
          continue;
        }
        long[] start = new long[n];
        Integer[] order = new Integer[n];
        for (int s = 0; s < n; s++) {
          start[s] = h.sessionStart(u, s);
          order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(start[a], start[b]));
        long first = start[order[0]];
        int labelled = 0;
        double userSum = 0;
        byte[] y = new byte[n];
        boolean[] use = new boolean[n];
        for (int k = 0; k < n; k++) {
          long t = start[order[k]];
          if (t + horizon > asOfMs) {
            continue; // censored: the horizon is not over yet
          }
          long day = Math.floorDiv(t, DAY_MS);
          boolean back = false;
          for (int j = k + 1; j < n && !back; j++) {
            long tj = start[order[j]];
            if (tj - t > horizon) {
              break;
            }
            back = Math.floorDiv(tj, DAY_MS) > day;
          }
          y[k] = (byte) (back ? 1 : 0);
          use[k] = true;
          labelled++;
          userSum += y[k];
        }
        if (pass == 0) {
          ySum += userSum;
          yN += labelled;
          continue;
        }
        if (withinUser && labelled < 2) {
          continue;
        }
        double base = withinUser ? userSum / labelled : yMean;
        for (int k = 0; k < n; k++) {
          if (!use[k]) {
            continue;
          }
          double r = y[k] - base;
          globalSum += r;
          globalN++;
          boolean early = start[order[k]] - first < config.earlyDays() * DAY_MS;
          for (int i : h.sessionItems(u, order[k])) {
            itemSum[i] += r;
            itemN[i]++;
            if (cat[i] >= 0) {
              catSum[cat[i]] += r;
              catN[cat[i]]++;
            }
            if (early) {
              gwSum[i] += r;
              gwN[i]++;
              if (cat[i] >= 0) {
                gwCatSum[cat[i]] += r;
                gwCatN[cat[i]]++;
              }
            }
          }
        }
      }
    }
    double global = globalN == 0 ? 0 : globalSum / globalN;
    double kc = config.categoryShrinkage();
    double ki = config.itemShrinkage();
    double[] catEffect = new double[categories];
    double[] gwCatEffect = new double[categories];
    for (int c = 0; c < categories; c++) {
      catEffect[c] = (catSum[c] + kc * global) / (catN[c] + kc == 0 ? 1 : catN[c] + kc);
      gwCatEffect[c] = (gwCatSum[c] + kc * catEffect[c]) / (gwCatN[c] + kc == 0 ? 1 : gwCatN[c] + kc);
    }
    double[] itemEffect = new double[items];
    double[] gwEffect = new double[items];
    Map<String, Integer> index = new HashMap<>();
    String[] ids = new String[items];
    for (int i = 0; i < items; i++) {
      double prior = cat[i] >= 0 ? catEffect[cat[i]] : global;
      double gwPrior = cat[i] >= 0 ? gwCatEffect[cat[i]] : prior;
      itemEffect[i] = (itemSum[i] + ki * prior) / (itemN[i] + ki == 0 ? 1 : itemN[i] + ki);
      gwEffect[i] = (gwSum[i] + ki * gwPrior) / (gwN[i] + ki == 0 ? 1 : gwN[i] + ki);
      ids[i] = h.itemId(i);
      index.put(ids[i], i);
    }
    return new LongTermValues(index, ids, itemEffect, itemN, gwEffect, catEffect, gwCatEffect,
        global, globalN);
  }
}
