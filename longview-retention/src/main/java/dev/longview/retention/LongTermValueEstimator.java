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
 *   <li>Empirical-Bayes shrinkage (optional, {@link Config#empiricalBayes()}): instead of the
 *       fixed pseudo-counts, {@code k_c = sigma^2 / tau_c^2} and {@code k_i = sigma^2 / tau_i^2},
 *       where sigma^2 is the residual variance per consumption and tau_c^2, tau_i^2 are the
 *       between-category and between-item-within-category variances of the true effects,
 *       estimated by the method of moments (the one-way random-effects estimator of DerSimonian
 *       and Laird: observed spread of the group means minus what sampling noise alone explains,
 *       floored at 0). When the items of a category differ no more than noise would make them,
 *       tau_i^2 is 0 and every item takes its category's effect; when they really differ, little
 *       shrinkage is applied. The data decide how much an item's own sessions are trusted,
 *       which a fixed k cannot: the same k = 30 is too little when effects are small next to the
 *       noise and too much when they are large. Gateway values keep the category's gateway effect
 *       as their prior, with the estimated item pseudo-count.
 *   <li>Surrogate index (optional, {@link Config#surrogate()}; Athey, Chetty, Imbens and Kang,
 *       "The Surrogate Index", 2019): the return outcome is rare and noisy per session, but how a
 *       session goes on after an item is consumed is observed at once and often: an item's
 *       <em>continuation</em> is the share of its consumptions after which the session consumed
 *       something else, minus the share at the same position in the session (the k-th
 *       consumption of a session goes on less often than the first), shrunk toward 0. A weighted
 *       least-squares fit across items of the items' mean residuals on (1, continuation,
 *       category effect), weights = sessions, predicts each item's effect from quantities known
 *       precisely; items are then shrunk toward that prediction (pseudo-count sigma^2 / tau^2,
 *       tau^2 the spread of the true effects around the fit, by the same method of moments: the
 *       Fay-Herriot model). If continuation says nothing about return the fit gives it no weight
 *       and this is the category prior again.
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
      int earlyDays, boolean empiricalBayes, boolean surrogate) {
    public Config {
      if (horizonDays < 1 || earlyDays < 1 || !(itemShrinkage >= 0) || !(categoryShrinkage >= 0)) {
        throw new IllegalArgumentException("horizonDays " + horizonDays + ", earlyDays "
            + earlyDays + ", shrinkage " + itemShrinkage + "/" + categoryShrinkage
            + "; need days >= 1 and shrinkage >= 0");
      }
    }

    /** Fixed pseudo-counts ({@code empiricalBayes} off). */
    public Config(int horizonDays, double itemShrinkage, double categoryShrinkage, int earlyDays) {
      this(horizonDays, itemShrinkage, categoryShrinkage, earlyDays, false, false);
    }

    /** Horizon 3 days, fixed pseudo-counts 30 (item) and 100 (category), early days 7. */
    public static Config defaults() {
      return new Config(3, 30, 100, 7);
    }

    /**
     * These settings with the pseudo-counts estimated from the data (the fixed ones are then
     * not used); see the class comment.
     */
    public Config withEmpiricalBayes(boolean on) {
      return new Config(horizonDays, itemShrinkage, categoryShrinkage, earlyDays, on, surrogate);
    }

    /**
     * These settings with items shrunk toward a surrogate index instead of their category alone
     * (see the class comment).
     */
    public Config withSurrogate(boolean on) {
      return new Config(horizonDays, itemShrinkage, categoryShrinkage, earlyDays, empiricalBayes,
          on);
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
    return estimate(h, asOf, categoryOf, categories, withinUser, u -> true);
  }

  /** The within-user estimate from the sessions of {@code users} only (for {@link ValueEvidence}). */
  LongTermValues estimate(SessionHistory h, Instant asOf, IntFunction<Integer> categoryOf,
      int categories, java.util.function.IntPredicate users) {
    return estimate(h, asOf, categoryOf, categories, true, users);
  }

  private LongTermValues estimate(SessionHistory h, Instant asOf, IntFunction<Integer> categoryOf,
      int categories, boolean withinUser, java.util.function.IntPredicate users) {
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
    // Per category, over labelled sessions s with m_s items of the category: sum m^2, m^2 r and
    // m^2 r^2, for the session-clustered variance of the category's mean residual
    double[] catM2 = new double[categories];
    double[] catM2R = new double[categories];
    double[] catM2R2 = new double[categories];
    int[] catSessions = new int[categories];
    int[] inSession = new int[categories];
    int[] touched = new int[Math.max(1, categories)];
    // Per user: over their labelled sessions that consumed category c, the residual sum and count
    // (one term per session), for the personal effects (sparse: the user's categories only)
    Map<String, PersonalEffects> personal = new HashMap<>();
    double[] userCatSum = new double[categories];
    int[] userCatN = new int[categories];
    int[] userCats = new int[Math.max(1, categories)];
    double sessionSquares = 0; // over (session, category) terms: the personal effects' noise
    long sessionN = 0;
    double globalSum = 0;
    double globalSquares = 0;
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
        if (!users.test(u)) {
          continue;
        }
        int n = h.sessionCount(u);
        if (n < (withinUser ? 2 : 1)) {
          continue;
        }
        Labels l = label(h, u, asOfMs, horizon);
        int userCatCount = 0;
        Integer[] order = l.order();
        long[] start = l.start();
        long first = start[order[0]];
        int labelled = l.labelled();
        double userSum = l.returns();
        byte[] y = l.y();
        boolean[] use = l.use();
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
          int[] consumed = h.sessionItems(u, order[k]);
          // one term per consumption: the unit the group means below are averages of
          globalSquares += r * r * consumed.length;
          boolean early = start[order[k]] - first < config.earlyDays() * DAY_MS;
          int touchedN = 0;
          for (int i : consumed) {
            itemSum[i] += r;
            itemN[i]++;
            if (cat[i] >= 0) {
              catSum[cat[i]] += r;
              catN[cat[i]]++;
              if (inSession[cat[i]]++ == 0) {
                touched[touchedN++] = cat[i];
              }
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
          for (int t = 0; t < touchedN; t++) {
            int c = touched[t];
            userCatSum[c] += r;
            sessionSquares += r * r;
            sessionN++;
            if (userCatN[c]++ == 0) {
              userCats[userCatCount++] = c;
            }
            double m2 = (double) inSession[c] * inSession[c];
            catM2[c] += m2;
            catM2R[c] += m2 * r;
            catM2R2[c] += m2 * r * r;
            catSessions[c]++;
            inSession[c] = 0;
          }
        }
        if (withinUser) {
          personal.put(h.userId(u), PersonalEffects.take(userCatSum, userCatN, userCats,
              userCatCount));
        }
      }
    }
    double global = globalN == 0 ? 0 : globalSum / globalN;
    double kc = config.categoryShrinkage();
    double ki = config.itemShrinkage();
    long consumptions = 0;
    for (int n : itemN) {
      consumptions += n;
    }
    double sigma2 = consumptions == 0 ? 0 : globalSquares / consumptions;
    if (config.empiricalBayes()) {
      int[] allZero = new int[categories];
      kc = pseudoCount(sigma2, catSum, catN, allZero, 1);
      ki = pseudoCount(sigma2, itemSum, itemN, cat, categories);
    }
    double[] catEffect = new double[categories];
    double[] gwCatEffect = new double[categories];
    for (int c = 0; c < categories; c++) {
      catEffect[c] = shrink(catSum[c], catN[c], kc, global);
      gwCatEffect[c] = shrink(gwCatSum[c], gwCatN[c], kc, catEffect[c]);
    }
    double[] itemEffect = new double[items];
    double[] gwEffect = new double[items];
    Map<String, Integer> index = new HashMap<>();
    String[] ids = new String[items];
    double[] priors = new double[items];
    for (int i = 0; i < items; i++) {
      priors[i] = cat[i] >= 0 ? catEffect[cat[i]] : global;
    }
    double kItem = ki;
    if (withinUser && config.surrogate()) {
      double[] cont = continuation(h, asOfMs, users);
      double[] fitted = surrogateFit(itemSum, itemN, cont, priors);
      if (fitted != null) {
        kItem = pseudoCountAround(sigma2, itemSum, itemN, fitted, 3);
        priors = fitted;
      }
    }
    for (int i = 0; i < items; i++) {
      double gwPrior = cat[i] >= 0 ? gwCatEffect[cat[i]] : global;
      itemEffect[i] = shrink(itemSum[i], itemN[i], kItem, priors[i]);
      gwEffect[i] = shrink(gwSum[i], gwN[i], ki, gwPrior);
      ids[i] = h.itemId(i);
      index.put(ids[i], i);
    }
    double kp = personalShrinkage(personal, categories, sessionSquares, sessionN);
    if (Double.isInfinite(kp)) {
      personal.clear(); // users do not differ beyond noise: every deviation is 0
    }
    for (var e : personal.entrySet()) {
      e.setValue(e.getValue().deviations(catEffect, kp));
    }
    CategoryEvidence evidence = withinUser
        ? CategoryEvidence.of(catSum, catN, catSessions, catM2, catM2R, catM2R2)
        : CategoryEvidence.NONE;
    return new LongTermValues(index, ids, itemEffect, itemN, gwEffect, catEffect, gwCatEffect,
        global, globalN, personal, evidence);
  }

  /**
   * One user's sessions in time order ({@code order[k]} = the k-th session's index) and their
   * outcomes: {@code y[k]} = 1 when a session on a later UTC day began within the horizon;
   * {@code use[k]} false for sessions censored at {@code asOfMs}.
   */
  record Labels(Integer[] order, long[] start, byte[] y, boolean[] use, int labelled,
      int returns) {}

  static Labels label(SessionHistory h, int u, long asOfMs, long horizon) {
    int n = h.sessionCount(u);
    long[] start = new long[n];
    Integer[] order = new Integer[n];
    for (int s = 0; s < n; s++) {
      start[s] = h.sessionStart(u, s);
      order[s] = s;
    }
    Arrays.sort(order, (a, b) -> Long.compare(start[a], start[b]));
    int labelled = 0;
    int returns = 0;
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
      returns += y[k];
    }
    return new Labels(order, start, y, use, labelled, returns);
  }

  Config config() {
    return config;
  }

  /**
   * The least pseudo-sessions pulling a user's own category effect toward the category's
   * (personal effects, {@link LongTermValues#personal}): 10. The pseudo-count used is the
   * empirical-Bayes {@code sigma^2 / tau^2} (sigma^2 the residual variance per session, tau^2
   * the variance of users' true effects around their category's, method of moments over all
   * (user, category) pairs), never below this floor: when users do not differ in what brings
   * them back beyond noise, tau^2 is 0 and every deviation is 0.
   */
  static final double PERSONAL_SHRINKAGE = 10;

  /** The personal effects' pseudo-count (see {@link #PERSONAL_SHRINKAGE}). */
  private static double personalShrinkage(Map<String, PersonalEffects> personal, int categories,
      double squares, long terms) {
    int units = 0;
    for (PersonalEffects p : personal.values()) {
      units += p.category().length;
    }
    double[] sum = new double[units];
    int[] n = new int[units];
    int[] group = new int[units];
    int k = 0;
    for (PersonalEffects p : personal.values()) {
      for (int j = 0; j < p.category().length; j++) {
        sum[k] = p.value()[j];
        n[k] = p.sessions()[j];
        group[k++] = p.category()[j];
      }
    }
    double sigma2 = terms == 0 ? 0 : squares / terms;
    return Math.max(PERSONAL_SHRINKAGE, pseudoCount(sigma2, sum, n, group, categories));
  }

  /** Pseudo-consumptions pulling an item's continuation toward 0. */
  private static final double CONTINUATION_SHRINKAGE = 20;
  /** Positions in a session beyond this one share one continuation baseline. */
  private static final int POSITIONS = 10;

  /**
   * Every item's position-adjusted continuation (see the class comment), over the sessions that
   * began at least a day before {@code asOfMs} (so that they are over); 0 for items never seen.
   */
  static double[] continuation(SessionHistory h, long asOfMs) {
    return continuation(h, asOfMs, u -> true);
  }

  static double[] continuation(SessionHistory h, long asOfMs, java.util.function.IntPredicate users) {
    double[] base = new double[POSITIONS];
    long[] baseN = new long[POSITIONS];
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        for (int p = 0; p < POSITIONS; p++) {
          base[p] = baseN[p] == 0 ? 0 : base[p] / baseN[p];
        }
      }
      double[] sum = pass == 1 ? new double[h.itemCount()] : null;
      int[] n = pass == 1 ? new int[h.itemCount()] : null;
      for (int u = 0; u < h.userCount(); u++) {
        if (!users.test(u)) {
          continue;
        }
        for (int s = 0; s < h.sessionCount(u); s++) {
          if (h.sessionStart(u, s) + DAY_MS > asOfMs) {
            continue;
          }
          int[] order = h.sessionItemsInOrder(u, s);
          for (int k = 0; k < order.length; k++) {
            int p = Math.min(k, POSITIONS - 1);
            int y = k < order.length - 1 ? 1 : 0;
            if (pass == 0) {
              base[p] += y;
              baseN[p]++;
            } else {
              sum[order[k]] += y - base[p];
              n[order[k]]++;
            }
          }
        }
      }
      if (pass == 1) {
        double[] out = new double[h.itemCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = shrink(sum[i], n[i], CONTINUATION_SHRINKAGE, 0);
        }
        return out;
      }
    }
    throw new AssertionError();
  }

  /**
   * The surrogate-index prediction of every item's effect: weighted least squares of the items'
   * mean residuals on (1, continuation, category prior), weights = consumptions; null when there
   * are too few consumed items to fit three coefficients.
   */
  static double[] surrogateFit(double[] sum, int[] n, double[] cont, double[] prior) {
    double[][] a = new double[3][3];
    double[] b = new double[3];
    int used = 0;
    for (int i = 0; i < n.length; i++) {
      if (n[i] == 0) {
        continue;
      }
      used++;
      double[] x = {1, i < cont.length ? cont[i] : 0, prior[i]};
      double y = sum[i] / n[i];
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          a[r][c] += n[i] * x[r] * x[c];
        }
        b[r] += n[i] * x[r] * y;
      }
    }
    if (used < 4) {
      return null;
    }
    // A whisker of ridge keeps a constant column (all categories alike) solvable.
    double trace = a[0][0] + a[1][1] + a[2][2];
    for (int r = 0; r < 3; r++) {
      a[r][r] += 1e-9 * trace;
    }
    double[] beta = dev.longview.core.LinearSystems.solve(a, b);
    double[] fitted = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      fitted[i] = beta[0] + beta[1] * (i < cont.length ? cont[i] : 0) + beta[2] * prior[i];
    }
    return fitted;
  }

  /**
   * The pseudo-count {@code sigma2 / tau2} around a fitted prior with {@code parameters}
   * coefficients: tau2 = (Q - df sigma2) / (N - sum n^2 / N), Q the weighted squared spread of
   * the item means around the fit, df = items - parameters; infinite when tau2 is 0.
   */
  static double pseudoCountAround(double sigma2, double[] sum, int[] n, double[] fitted,
      int parameters) {
    double q = 0;
    double total = 0;
    double squares = 0;
    int units = 0;
    for (int i = 0; i < n.length; i++) {
      if (n[i] == 0) {
        continue;
      }
      double d = sum[i] / n[i] - fitted[i];
      q += n[i] * d * d;
      total += n[i];
      squares += (double) n[i] * n[i];
      units++;
    }
    int df = units - parameters;
    double denominator = total - (total == 0 ? 0 : squares / total);
    if (df <= 0 || !(denominator > 0) || !(sigma2 > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double tau2 = (q - df * sigma2) / denominator;
    return tau2 > 0 ? sigma2 / tau2 : Double.POSITIVE_INFINITY;
  }

  /** {@code (sum + k * prior) / (n + k)}; the prior itself when k is infinite or nothing is seen. */
  static double shrink(double sum, int n, double k, double prior) {
    if (Double.isInfinite(k) || n + k == 0) {
      return prior;
    }
    return (sum + k * prior) / (n + k);
  }

  /**
   * The empirical-Bayes pseudo-count {@code sigma2 / tau2} for units (items or categories) with
   * residual sums {@code sum} and counts {@code n}, grouped by {@code group} (units of group -1
   * are left out): tau2, the variance of the units' true effects around their group's, by the
   * method of moments: {@code (Q - df * sigma2) / (sum over groups of N_g - sum n^2 / N_g)}, with
   * Q the count-weighted squared spread of the unit means around their group mean and df the
   * number of units minus the number of groups. Infinite (pool completely) when tau2 is 0.
   */
  static double pseudoCount(double sigma2, double[] sum, int[] n, int[] group, int groups) {
    double[] gSum = new double[groups];
    long[] gN = new long[groups];
    double[] gSquares = new double[groups];
    int[] gUnits = new int[groups];
    for (int u = 0; u < n.length; u++) {
      int g = group[u];
      if (g < 0 || g >= groups || n[u] == 0) {
        continue;
      }
      gSum[g] += sum[u];
      gN[g] += n[u];
      gSquares[g] += (double) n[u] * n[u];
      gUnits[g]++;
    }
    double q = 0;
    double denominator = 0;
    int df = 0;
    for (int u = 0; u < n.length; u++) {
      int g = group[u];
      if (g < 0 || g >= groups || n[u] == 0) {
        continue;
      }
      double d = sum[u] / n[u] - gSum[g] / gN[g];
      q += n[u] * d * d;
    }
    for (int g = 0; g < groups; g++) {
      if (gUnits[g] > 1) {
        df += gUnits[g] - 1;
        denominator += gN[g] - gSquares[g] / gN[g];
      }
    }
    if (df == 0 || !(denominator > 0) || !(sigma2 > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double tau2 = (q - df * sigma2) / denominator;
    return tau2 > 0 ? sigma2 / tau2 : Double.POSITIVE_INFINITY;
  }
}
