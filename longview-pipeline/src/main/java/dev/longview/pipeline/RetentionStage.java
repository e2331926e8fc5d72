package dev.longview.pipeline;

import dev.longview.retention.LongTermValueEstimator;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.RetentionAwareReranker;
import dev.longview.retention.StagePolicy;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The retention-aware re-rank stage: {@link RetentionAwareReranker} (relevance + lambda(stage) x
 * long-term value + category diversity + novelty + exploration) over the top
 * {@link RerankConfig#candidates()} positions of the blend ranking, with the stage policy from the
 * user's lifecycle state ({@link RetentionSignals}, precomputed at training) and churn risk.
 *
 * <p>It <b>replaces</b> the MMR stage for recommendations rather than following it: the
 * re-ranker's own diversity term (per stage policy) is the one diversity pass, so diversity is not
 * applied twice. Item-to-item requests ({@code similar}) have no user and keep MMR.
 *
 * <p>Real time: a user unknown to the snapshot is {@code new}; a known user whose state was at
 * risk, dormant or churned and who has real-time events since the snapshot is treated as
 * resurrected ({@code activating}, churn risk 0). Deterministic: exploration draws from a
 * generator seeded by the user id and the snapshot's end, and the pool does not depend on the
 * page, so page {@code offset} is exactly a slice of one ranking. Positions below the pool keep
 * the blend order. Stateless and thread-safe.
 */
public final class RetentionStage implements Reranker {
  private final RetentionAwareReranker reranker;
  private final Reranker similar;

  /**
   * The serving settings: {@link RerankConfig#defaults()} with every stage's value weight scaled
   * by {@link #SERVING_VALUE_SCALE}.
   */
  public static RerankConfig servingDefaults() {
    return scaled(RerankConfig.defaults(), SERVING_VALUE_SCALE);
  }

  /**
   * The value weight scale of {@link #servingDefaults()}: 0.25, the largest of {0.1, 0.25, 0.5,
   * 1} whose NDCG@10 cost against the myopic pipeline stayed within 5% on both real logs
   * (BENCHMARKS.md, "Policy lab", "Retention re-ranking on real logs"; chosen on those splits).
   * The lab's defaults (scale 1) were set for simulated users whose return the value estimates
   * track; on real logs with an uncalibrated stage mapping a full weight costs 15% NDCG@10.
   */
  public static final double SERVING_VALUE_SCALE = 0.25;

  /**
   * The policy lab's settings ({@code longview} in {@code ./longview lab run}; BENCHMARKS.md,
   * "Policy lab: a category plan"): {@link RerankConfig#defaults()} with a pool of
   * {@link #LAB_CANDIDATES} (the whole ranking the pipeline keeps for a lab feed request), every
   * value weight times {@link #LAB_VALUE_SCALE} and the category plan {@link #LAB_CATEGORY_SLATE}.
   * Chosen on tuning seeds 100-104, never on the reported seeds 1-5. Serving keeps
   * {@link #servingDefaults()}: on real logs a larger value weight costs NDCG@10 beyond the 5%
   * budget, and the plan was measured only in the lab.
   */
  public static RerankConfig labDefaults() {
    return scaled(RerankConfig.defaults(), LAB_VALUE_SCALE).withCandidates(LAB_CANDIDATES)
        .withCategorySlate(LAB_CATEGORY_SLATE);
  }

  /**
   * The lab's category plan: pages of 6 (the lab's slate), 2 explored categories per page,
   * categories admitted at or above the mean category value (minZ 0). On tuning seeds 100-104
   * (tau 0.1, 2,000 users, with value recall {@link #LAB_VALUE_RECALL_WEIGHT} x
   * {@link #LAB_VALUE_RECALL_SIZE}) mean D30 0.4456 against 0.4336 without the plan; minZ 0.5 /
   * 1 / -0.5: 0.4386 / 0.4222 / 0.4282; 1 or 3 explored: 0.4345 / 0.4400 (BENCHMARKS.md).
   */
  public static final dev.longview.retention.CategorySlate LAB_CATEGORY_SLATE =
      new dev.longview.retention.CategorySlate(6, 2, 0);

  /**
   * The lab's re-rank pool: 200, more than the ranking a lab request keeps (120 + the pipeline's
   * margin of 50), so the whole ranking is re-ranked. With the default 50 only 7-11% of the pool
   * was click-bait-free in the lab (diagnostics in BENCHMARKS.md), so no weight on the value could
   * steer away from click-bait.
   */
  public static final int LAB_CANDIDATES = 200;
  /**
   * The lab's value weight scale: 4 (of 1, 2 and 4 with the pool of 200 on tuning seeds 100-104,
   * the best mean D30; differences within seed noise; see {@link #labDefaults()}).
   */
  public static final double LAB_VALUE_SCALE = 4;
  /**
   * The lab's blend weight of the value-aware recall source ({@link ValueRecall}): 10, so that
   * with the category plan the ranking the pipeline keeps (120 + 50 positions) is mostly items
   * of admitted categories and later pages of a long session still have some to show. Before the
   * plan, with the items of the highest value (not by category), weight 1 was chosen (0.4211 ->
   * 0.4336 on tuning seeds 100-104; weight 3: 0.4235); with the plan, weight 1 / 3 / 10 (sizes
   * 100 / 150 / 300) gave 0.4234 / 0.4350 / 0.4456 (BENCHMARKS.md, "Policy lab: a category plan").
   */
  public static final double LAB_VALUE_RECALL_WEIGHT = 10;

  /**
   * The lab's long-term value estimator: {@link LongTermValueEstimator.Config#defaults()} with
   * empirical-Bayes pseudo-counts and the surrogate index (session continuation after an item).
   * At tau 0.1 the fixed pseudo-counts left the values mostly noise (value spread 0.028, Spearman
   * with hidden click-bait -0.21); these settings cut the spread to 0.007 and raise the
   * Spearman to -0.49 (seed 100, day 59). Serving keeps the defaults: its real-logs NDCG@10
   * figures were measured with them.
   */
  public static LongTermValueEstimator.Config labEstimator() {
    return LongTermValueEstimator.Config.defaults().withEmpiricalBayes(true).withSurrogate(true);
  }
  /**
   * How many items the value-aware recall source offers in the lab: 300, in turns across the
   * admitted categories (about 30 each when 10 are admitted); 500 gave 0.4402 against 0.4456.
   */
  public static final int LAB_VALUE_RECALL_SIZE = 300;

  /**
   * The policy lab's whole {@code longview} settings in the notation of {@link #variant}: the
   * re-rank settings of {@link #labDefaults()}, the estimator of {@link #labEstimator()} and the
   * value recall {@link #LAB_VALUE_RECALL_WEIGHT} x {@link #LAB_VALUE_RECALL_SIZE}.
   */
  public static final String LAB_SETTINGS =
      "candidates=200,scale=4,eb=1,sur=1,recall=10,rsize=300,slate=6/2/0";

  /**
   * {@code base} with the retention stage on and its settings given as comma-separated
   * {@code key=value} pairs over {@link RerankConfig#defaults()} and the fixed-pseudo-count
   * estimator: {@code candidates} (pool), {@code scale} (every stage's value weight times it),
   * {@code unit} (value unit), {@code div} (every stage's diversity weight times it),
   * {@code window} (diversity window), {@code byrel} (0/1 value by relevance), {@code eb} and
   * {@code sur} (0/1 empirical Bayes, surrogate index), {@code recall}, {@code rsize},
   * {@code prec} (value recall weight, size, 0/1 personal), {@code slate=PAGE/EXPLORE/MINZ}
   * (category plan). The notation of the policy lab's tuning runs ({@code LabTune}) and of the
   * real-logs benchmark; e.g. {@link #LAB_SETTINGS}. An empty spec = the defaults.
   *
   * @throws IllegalArgumentException naming the setting that is unknown or malformed
   */
  public static PipelineConfig variant(PipelineConfig base, String spec) {
    RerankConfig d = RerankConfig.defaults();
    int candidates = d.candidates();
    double scale = 1;
    double unit = d.valueUnit();
    double div = 1;
    int window = d.diversityWindow();
    boolean byRel = d.valueByRelevance();
    double recall = 0;
    int rsize = 100;
    boolean personal = false;
    LongTermValueEstimator.Config estimator = LongTermValueEstimator.Config.defaults();
    dev.longview.retention.CategorySlate slate = null;
    for (String kv : spec.isBlank() ? new String[0] : spec.split(",")) {
      String[] p = kv.split("=", 2);
      try {
        switch (p[0].strip()) {
          case "candidates" -> candidates = Integer.parseInt(p[1]);
          case "scale" -> scale = Double.parseDouble(p[1]);
          case "unit" -> unit = Double.parseDouble(p[1]);
          case "div" -> div = Double.parseDouble(p[1]);
          case "window" -> window = Integer.parseInt(p[1]);
          case "byrel" -> byRel = Integer.parseInt(p[1]) != 0;
          case "eb" -> estimator = estimator.withEmpiricalBayes(Integer.parseInt(p[1]) != 0);
          case "sur" -> estimator = estimator.withSurrogate(Integer.parseInt(p[1]) != 0);
          case "recall" -> recall = Double.parseDouble(p[1]);
          case "rsize" -> rsize = Integer.parseInt(p[1]);
          case "prec" -> personal = Integer.parseInt(p[1]) != 0;
          case "slate" -> {
            String[] q = p[1].split("/");
            slate = new dev.longview.retention.CategorySlate(Integer.parseInt(q[0]),
                Integer.parseInt(q[1]), Double.parseDouble(q[2]));
          }
          default -> throw new IllegalArgumentException("unknown setting \"" + p[0]
              + "\"; known: candidates, scale, unit, div, window, byrel, eb, sur, recall, rsize,"
              + " prec, slate");
        }
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        throw new IllegalArgumentException("retention setting \"" + kv + "\" is not key=value"
            + " with a number (slate=PAGE/EXPLORE/MINZ)", e);
      }
    }
    RerankConfig scaled = scaled(d, scale);
    java.util.Map<StagePolicy, dev.longview.retention.StageSettings> m =
        new java.util.EnumMap<>(StagePolicy.class);
    for (StagePolicy st : StagePolicy.values()) {
      var x = scaled.settings(st);
      m.put(st, new dev.longview.retention.StageSettings(x.valueWeight(), x.useGateway(),
          x.diversityWeight() * div, x.noveltyWeight(), x.exploration()));
    }
    return base.withRetention(true).withValueEstimator(estimator)
        .withRerank(new RerankConfig(m, d.churnRiskBoost(), candidates, unit, window, byRel, slate))
        .withValueRecall(recall > 0 ? new ValueRecallSettings(recall, rsize, personal)
            : ValueRecallSettings.NONE);
  }

  /** {@code config} with every stage's value weight multiplied by {@code scale}. */
  public static RerankConfig scaled(RerankConfig config, double scale) {
    java.util.Map<StagePolicy, dev.longview.retention.StageSettings> m =
        new java.util.EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      var s = config.settings(p);
      m.put(p, new dev.longview.retention.StageSettings(s.valueWeight() * scale, s.useGateway(),
          s.diversityWeight(), s.noveltyWeight(), s.exploration()));
    }
    return config.withStages(m);
  }

  RetentionStage(RerankConfig config, Reranker forSimilar) {
    this.reranker = new RetentionAwareReranker(config);
    this.similar = forSimilar;
  }

  /**
   * The stage policy for the request's user (also what the response's "stage" says): the
   * user's policy as of training ({@link RetentionSignals#stagePolicy}), at risk turned
   * activating when the user is back in real time.
   */
  public static StagePolicy policy(RequestContext ctx, RetentionSignals signals) {
    if (signals.state(ctx.user()) == null) {
      return StagePolicy.NEW;
    }
    StagePolicy p = signals.stagePolicy(ctx.user());
    if (p == StagePolicy.AT_RISK && ctx.recentItems().length > 0) {
      return StagePolicy.ACTIVATING;
    }
    return p;
  }

  @Override
  public void rerank(RequestContext ctx, Candidates c, Ranking ranking, int want) {
    RetentionSignals signals = ctx.models().retention();
    if (ctx.similarTo() >= 0 || signals == null) {
      similar.rerank(ctx, c, ranking, want);
      return;
    }
    StagePolicy stage = policy(ctx, signals);
    ctx.stagePolicy(stage.label());
    int pool = Math.min(ranking.size(), reranker.config().candidates());
    if (pool < 2) {
      return;
    }
    int[] items = new int[pool];
    float[] relevance = new float[pool];
    for (int p = 0; p < pool; p++) {
      items[p] = c.item(ranking.slot(p));
      relevance[p] = ranking.score(p);
    }
    int[] itemCategory = signals.items().category();
    BitSet consumed = new BitSet();
    var s = ctx.snapshot();
    if (ctx.user() >= 0) {
      for (int p = s.userStart(ctx.user()); p < s.userEnd(ctx.user()); p++) {
        int cat = itemCategory[s.itemAt(p)];
        if (cat >= 0) {
          consumed.set(cat);
        }
      }
    }
    for (int i : ctx.recentItems()) {
      if (itemCategory[i] >= 0) {
        consumed.set(itemCategory[i]);
      }
    }
    double risk = ctx.recentItems().length > 0 ? 0 : signals.churnRisk(ctx.user());
    String id = ctx.request().userId();
    SplittableRandom rng = new SplittableRandom((id == null ? 0 : id.hashCode()) * 0x9E3779B97F4A7C15L
        + ctx.models().referenceEpochSecond);
    RetentionAwareReranker.Result r = reranker.rerank(items, relevance, pool, pool,
        signals.items(), new RetentionAwareReranker.Request(stage, risk, consumed, rng,
            reranker.config().categorySlate() == null ? null : ctx.categoryPreference(),
            // at-risk: the items with the highest return effect for that user
            stage == StagePolicy.AT_RISK ? signals.personal(id) : null));
    int[] outSlots = new int[ranking.size()];
    float[] outScores = new float[ranking.size()];
    boolean[] placed = new boolean[pool];
    int k = 0;
    for (int item : r.items()) {
      for (int p = 0; p < pool; p++) {
        if (!placed[p] && items[p] == item) {
          placed[p] = true;
          outSlots[k] = ranking.slot(p);
          outScores[k++] = ranking.score(p); // the reported score stays the blend relevance
          break;
        }
      }
    }
    for (int p = 0; p < ranking.size(); p++) {
      if (p >= pool || !placed[p]) {
        outSlots[k] = ranking.slot(p);
        outScores[k++] = ranking.score(p);
      }
    }
    ranking.replace(outSlots, outScores, k);
  }
}
