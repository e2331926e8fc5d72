package dev.longview.retention;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * The retention-aware re-rank stage: turns a relevance-ranked candidate list into a slate that
 * also weighs each item's long-term value, diversity (MMR) and, per lifecycle stage, gateway
 * items, novelty and exploration. Independent of HTTP and of where the candidates came from:
 * give it item indices with relevance scores (any scale; higher is better).
 *
 * <p>Greedy MMR (Carbonell and Goldstein, 1998): each slot takes the remaining candidate with the
 * best {@code relevance + lambda(stage) * value + novelty - diversity * maxSimilarity(placed)} as
 * defined in {@link StageSettings}; similarity is 1 for the same category, else 0. Exploration
 * draws from the caller's random generator, so a seeded request is reproducible. Thread-safe (no
 * state beyond its config); each call allocates its small working arrays.
 */
public final class RetentionAwareReranker {
  private final RerankConfig config;

  public RetentionAwareReranker(RerankConfig config) {
    this.config = config;
  }

  public RerankConfig config() {
    return config;
  }

  /**
   * Who the slate is for.
   *
   * @param stage the user's stage policy
   * @param churnRisk in [0, 1], NaN when unknown (counts as 0)
   * @param consumedCategories categories the user has consumed (for novelty); may be empty
   * @param random for exploration; may be null when the stage does not explore
   * @param categoryPreference the user's share of each category among their recent items, by
   *     category index (for the category plan, {@link RerankConfig#categorySlate()}); null or
   *     all zero when unknown
   * @param personal the user's own return effects by category ({@link PersonalEffects}), added
   *     to every item's value (not to gateway values), so that the items with the highest
   *     return effect <em>for this user</em> rise; null = everyone's values only. The pipeline
   *     passes them for at-risk users
   */
  public record Request(StagePolicy stage, double churnRisk, BitSet consumedCategories,
      RandomGenerator random, float[] categoryPreference, PersonalEffects personal) {
    /** A request without category preferences. */
    public Request(StagePolicy stage, double churnRisk, BitSet consumedCategories,
        RandomGenerator random) {
      this(stage, churnRisk, consumedCategories, random, null, null);
    }

    /** A request without personal effects. */
    public Request(StagePolicy stage, double churnRisk, BitSet consumedCategories,
        RandomGenerator random, float[] categoryPreference) {
      this(stage, churnRisk, consumedCategories, random, categoryPreference, null);
    }
  }

  /**
   * A re-ranked slate.
   *
   * @param items the chosen items, best first
   * @param scores each chosen item's combined score at the time it was placed (NaN for an
   *     explored slot)
   * @param explored which slots were filled by exploration
   * @param stage the stage policy that was applied
   * @param valueWeight the value weight used (lambda(stage) raised by churn risk)
   */
  public record Result(int[] items, double[] scores, boolean[] explored, StagePolicy stage,
      double valueWeight) {}

  /**
   * Re-ranks {@code candidates[0..n)} with {@code relevance[0..n)} into at most {@code k} items.
   */
  public Result rerank(int[] candidates, float[] relevance, int n, int k, ItemSignals signals,
      Request request) {
    if (n > candidates.length || n > relevance.length || k < 1) {
      throw new IllegalArgumentException("n was " + n + " for " + candidates.length
          + " candidates and " + relevance.length + " scores, k " + k + "; need n <= both, k >= 1");
    }
    StageSettings s = config.settings(request.stage());
    double risk = Double.isNaN(request.churnRisk()) ? 0 : Math.max(0, Math.min(1, request.churnRisk()));
    double lambda = s.valueWeight() * (1 + config.churnRiskBoost() * risk);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < n; c++) {
      min = Math.min(min, relevance[c]);
      max = Math.max(max, relevance[c]);
    }
    double range = max - min;
    double[] base = new double[n];
    for (int c = 0; c < n; c++) {
      int item = candidates[c];
      double rel = range > 0 ? (relevance[c] - min) / range : 1.0;
      double v = 0;
      if (signals.valueScale() > 0) {
        double raw = s.useGateway() ? signals.gateway()[item] : signals.value()[item]
            + (request.personal() == null ? 0 : request.personal().deviation(
                signals.category()[item]));
        v = Math.max(-1, Math.min(1, raw / config.valueUnit()));
      }
      int cat = signals.category()[item];
      double novel = cat >= 0 && request.consumedCategories() != null
          && !request.consumedCategories().get(cat) ? 1 : 0;
      double valueTerm = lambda * v * (config.valueByRelevance() ? rel : 1);
      base[c] = rel + valueTerm + s.noveltyWeight() * novel;
    }
    int slots = Math.min(k, n);
    if (config.categorySlate() != null) {
      int[] order = CategoryPlan.order(candidates, base, n, slots, signals, config.categorySlate(),
          request.categoryPreference(), request.random());
      int[] out = new int[slots];
      double[] scores = new double[slots];
      for (int slot = 0; slot < slots; slot++) {
        out[slot] = candidates[order[slot]];
        scores[slot] = base[order[slot]];
      }
      return new Result(out, scores, new boolean[slots], request.stage(), lambda);
    }
    int[] out = new int[slots];
    double[] scores = new double[slots];
    boolean[] explored = new boolean[slots];
    boolean[] used = new boolean[n];
    // Categories placed among the last `window` positions (all earlier positions when 0), with
    // multiplicity, so that a category leaves the window only when its last copy does.
    int window = config.diversityWindow();
    int[] inWindow = new int[Math.max(1, maxCategory(candidates, n, signals) + 1)];
    int[] placedCat = new int[slots];
    for (int slot = 0; slot < slots; slot++) {
      if (window > 0 && slot > window) { // the window is positions [slot - window, slot)
        int leaving = placedCat[slot - window - 1];
        if (leaving >= 0) {
          inWindow[leaving]--;
        }
      }
      int pick = -1;
      double best = Double.NEGATIVE_INFINITY;
      if (s.exploration() > 0 && request.random() != null
          && request.random().nextDouble() < s.exploration()) {
        int remaining = n - slot;
        int r = request.random().nextInt(remaining);
        for (int c = 0; c < n; c++) {
          if (!used[c] && r-- == 0) {
            pick = c;
            break;
          }
        }
        explored[slot] = true;
        best = Double.NaN;
      } else {
        for (int c = 0; c < n; c++) {
          if (used[c]) {
            continue;
          }
          int cat = signals.category()[candidates[c]];
          double sim = cat >= 0 && inWindow[cat] > 0 ? 1 : 0;
          double score = base[c] - s.diversityWeight() * sim;
          if (score > best) { // ties keep the earlier (more relevant) candidate
            best = score;
            pick = c;
          }
        }
      }
      used[pick] = true;
      out[slot] = candidates[pick];
      scores[slot] = best;
      int cat = signals.category()[candidates[pick]];
      placedCat[slot] = cat;
      if (cat >= 0) {
        inWindow[cat]++;
      }
    }
    return new Result(out, scores, explored, request.stage(), lambda);
  }

  private static int maxCategory(int[] candidates, int n, ItemSignals signals) {
    int max = -1;
    for (int c = 0; c < n; c++) {
      max = Math.max(max, signals.category()[candidates[c]]);
    }
    return max;
  }
}
