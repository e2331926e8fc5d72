package dev.longview.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's settings. Checks itself on construction; {@link #defaults()} works as is.
 *
 * @param chain the models to train, best first; a request uses the first one that is trained
 *     and can serve it, and falls down the chain otherwise (see {@link ModelSet}). Allowed
 *     members: a factor model ({@code ials}, {@code bpr}), an item-to-item model
 *     ({@code itemknn}, {@code rp3beta}) and {@code pop}, which always ends the chain; default
 *     {@code ials -> itemknn -> pop}
 * @param recallLimit candidates each recall source returns at most; default 100
 * @param anchorItems how many of the user's most recent items item-kNN recall starts from
 *     (real-time and session items first); default 10
 * @param trendingDays the window of the trending recall, counted back from the newest event of
 *     the snapshot; default 7 ("popular this week")
 * @param weights blend weight per recall source name ({@code factors}, {@code itemknn},
 *     {@code trending}, {@code new-items}, {@code text}, {@code query}, {@code sequence}); a source's scores
 *     are min-max normalised per request before weighting; defaults 1.0, 1.0, 0.3, 0.5, 0.5, 3.0,
 *     1.0.
 *     Text recall from the user's items ({@code text}) weighs like new-items recall: content
 *     similarity is a weaker signal than collaborative filtering for users with history, but it
 *     reaches items without interactions. A query ({@code query}) is the request's explicit
 *     intent: at 3.0 its best match outranks anything the personal blend alone can score
 *     (1 + 1 + 0.3 + 0.5 = 2.8 at most from the other sources a query request runs), and the
 *     personal sources order the matches among themselves
 * @param mmrLambda maximal-marginal-relevance trade-off: 1 = rank by relevance only, 0 = by
 *     diversity only; default 0.85
 * @param mmrDepth how many top positions the MMR re-rank chooses (below that the blend order
 *     stays); default 50
 * @param exactSearchBelow catalogues smaller than this use exact vector search, larger ones
 *     HNSW; default 20,000
 * @param hnswM HNSW graph degree (Lucene's maxConn); default 16
 * @param hnswBeamWidth HNSW construction beam; default 100
 * @param hnswOversample a k-NN query asks the graph for k times this many and re-scores
 *     exactly; default 3 (chosen in BENCHMARKS.md, "Server pipeline")
 * @param retention the retention-aware re-rank stage ({@link RetentionStage}): on (default)
 *     it replaces the MMR stage for recommendations (relevance + lambda(stage) x long-term value +
 *     category diversity + novelty + exploration, per lifecycle stage policy); off is the
 *     "myopic" pipeline (blend + MMR only)
 * @param valueEstimator how the retention stage's long-term values are estimated (default
 *     {@link dev.longview.retention.LongTermValueEstimator.Config#defaults()}; null means that)
 * @param rerank the retention stage's settings: per stage policy value weight, gateway items,
 *     diversity, novelty and exploration, the pool, the value unit and an optional category
 *     plan (default {@link RetentionStage#servingDefaults()}; null means that). Used by
 *     {@link Pipeline#standard(PipelineConfig)}
 * @param valueRecall whether the retention stage's pool also gets the value-aware recall source
 *     ({@link ValueRecall}; default {@link ValueRecallSettings#NONE}, null means that; the policy
 *     lab's {@code longview} uses it)
 */
public record PipelineConfig(List<String> chain, int recallLimit, int anchorItems,
    int trendingDays, Map<String, Double> weights, double mmrLambda, int mmrDepth,
    int exactSearchBelow, int hnswM, int hnswBeamWidth, int hnswOversample, boolean retention,
    dev.longview.retention.LongTermValueEstimator.Config valueEstimator,
    dev.longview.retention.RerankConfig rerank, ValueRecallSettings valueRecall) {
  /** Recall source names that take a weight. */
  public static final Set<String> SOURCES = Set.of("factors", "itemknn", "trending", "new-items",
      "text", "query", "sequence");
  static final Set<String> FACTOR_MODELS = Set.of("ials", "bpr");
  static final Set<String> NEIGHBOUR_MODELS = Set.of("itemknn", "rp3beta");

  public PipelineConfig {
    valueEstimator = valueEstimator == null
        ? dev.longview.retention.LongTermValueEstimator.Config.defaults() : valueEstimator;
    rerank = rerank == null ? RetentionStage.servingDefaults() : rerank;
    valueRecall = valueRecall == null ? ValueRecallSettings.NONE : valueRecall;
    chain = chain == null || chain.isEmpty() ? List.of("ials", "itemknn", "pop") : List.copyOf(chain);
    int factorModels = 0;
    int neighbourModels = 0;
    for (String m : chain) {
      if (FACTOR_MODELS.contains(m)) {
        factorModels++;
      } else if (NEIGHBOUR_MODELS.contains(m)) {
        neighbourModels++;
      } else if (!m.equals("pop")) {
        throw new IllegalArgumentException("model \"" + m + "\" cannot serve in the pipeline;"
            + " use a factor model (ials, bpr), an item-to-item model (itemknn, rp3beta) or pop");
      }
    }
    if (factorModels > 1 || neighbourModels > 1 || !chain.get(chain.size() - 1).equals("pop")
        || chain.indexOf("pop") != chain.size() - 1) {
      throw new IllegalArgumentException("chain " + chain + ": use at most one factor model and"
          + " one item-to-item model, in that order, ending with pop, e.g. [ials, itemknn, pop]");
    }
    weights = weights == null ? Map.of() : Map.copyOf(weights);
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      if (!SOURCES.contains(w.getKey())) {
        throw new IllegalArgumentException("unknown recall source \"" + w.getKey()
            + "\" in weights; use " + String.join(", ", new java.util.TreeSet<>(SOURCES)));
      }
      if (!(w.getValue() >= 0) || w.getValue().isInfinite()) {
        throw new IllegalArgumentException("weight of " + w.getKey() + " was " + w.getValue()
            + "; use a finite number >= 0");
      }
    }
    check(recallLimit >= 1, "recallLimit", recallLimit, ">= 1");
    check(anchorItems >= 1, "anchorItems", anchorItems, ">= 1");
    check(trendingDays >= 1, "trendingDays", trendingDays, ">= 1");
    check(mmrLambda >= 0 && mmrLambda <= 1, "mmrLambda", mmrLambda, "between 0 and 1");
    check(mmrDepth >= 0, "mmrDepth", mmrDepth, ">= 0");
    check(exactSearchBelow >= 0, "exactSearchBelow", exactSearchBelow, ">= 0");
    check(hnswM >= 2 && hnswM <= 512, "hnswM", hnswM, "between 2 and 512");
    check(hnswBeamWidth >= 1 && hnswBeamWidth <= 3200, "hnswBeamWidth", hnswBeamWidth,
        "between 1 and 3200");
    check(hnswOversample >= 1 && hnswOversample <= 100, "hnswOversample", hnswOversample,
        "between 1 and 100");
  }

  private static void check(boolean ok, String name, double value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("pipeline " + name + " was " + value + "; use " + rule);
    }
  }

  public static PipelineConfig defaults() {
    return new PipelineConfig(null, 100, 10, 7, null, 0.85, 50, 20_000, 16, 100, 3, true);
  }

  /** The default chain below {@code top}: e.g. ials -> itemknn -> pop, itemknn -> pop. */
  public static List<String> chainFrom(String top) {
    if (FACTOR_MODELS.contains(top)) {
      return List.of(top, "itemknn", "pop");
    }
    if (NEIGHBOUR_MODELS.contains(top)) {
      return List.of(top, "pop");
    }
    if (top.equals("pop")) {
      return List.of("pop");
    }
    throw new IllegalArgumentException("model \"" + top + "\" cannot head the serving chain;"
        + " use ials, bpr, itemknn, rp3beta or pop");
  }

  /** The blend weight of a recall source (its default when not configured). */
  public double weight(String source) {
    Double w = weights.get(source);
    if (w != null) {
      return w;
    }
    return switch (source) {
      case "factors", "itemknn" -> 1.0;
      case "trending" -> 0.3;
      case "new-items", "text" -> 0.5;
      case "query" -> 3.0;
      default -> 1.0;
    };
  }

  public PipelineConfig withChain(List<String> chain) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, valueRecall);
  }

  public PipelineConfig withExactSearchBelow(int exactSearchBelow) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, valueRecall);
  }

  public PipelineConfig withMmrLambda(double mmrLambda) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, valueRecall);
  }

  /** The same settings with the retention stage on or off ({@code false}: the myopic pipeline). */
  public PipelineConfig withRetention(boolean retention) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, valueRecall);
  }

  /** The same settings with the long-term values estimated by {@code estimator}. */
  public PipelineConfig withValueEstimator(
      dev.longview.retention.LongTermValueEstimator.Config estimator) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention, estimator,
        rerank, valueRecall);
  }

  /** The same settings with the retention stage's settings {@code rerank}. */
  public PipelineConfig withRerank(dev.longview.retention.RerankConfig rerank) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, valueRecall);
  }

  /** The same settings with the value-aware recall source set by {@code value}. */
  public PipelineConfig withValueRecall(ValueRecallSettings value) {
    return new PipelineConfig(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda,
        mmrDepth, exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention,
        valueEstimator, rerank, value);
  }

  /** Settings with the default value estimator. */
  public PipelineConfig(List<String> chain, int recallLimit, int anchorItems, int trendingDays,
      Map<String, Double> weights, double mmrLambda, int mmrDepth, int exactSearchBelow, int hnswM,
      int hnswBeamWidth, int hnswOversample, boolean retention) {
    this(chain, recallLimit, anchorItems, trendingDays, weights, mmrLambda, mmrDepth,
        exactSearchBelow, hnswM, hnswBeamWidth, hnswOversample, retention, null, null, null);
  }
}
