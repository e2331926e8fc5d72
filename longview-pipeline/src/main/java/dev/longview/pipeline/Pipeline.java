package dev.longview.pipeline;

import java.util.ArrayList;
import dev.longview.core.model.TopK;
import java.util.List;
import java.util.Map;

/**
 * The recommendation pipeline, one visible list of small stages:
 *
 * <pre>
 *   recall (every {@link RecallSource}, each up to recallLimit, or offset + n for trending)
 *     -> merge and dedupe ({@link Candidates}: one slot per item, which sources found it, why)
 *     -> filter (the shared core ItemFilter built by {@link RequestContext}: consumed in the
 *        snapshot and since, hidden, request exclusions, category rule)
 *     -> score ({@link CandidateScorer}: the model set's learned ranker when it has one, else
 *        the {@link BlendScorer} of normalised source scores; {@link RankerScorer})
 *     -> re-rank ({@link Reranker}s in order: {@link RetentionStage} or {@link MmrReranker})
 *     -> slice [offset, offset + n)
 *     -> explain ({@link Explanations}: reasons worded by the sources)
 * </pre>
 *
 * assembled in {@link #standard}. The whole ranking is a pure function of the model set and the
 * request (ties broken by item index), so for one model set and the same recent items, page
 * {@code offset} is exactly positions {@code [offset, offset + n)} of one ranking: pages never
 * repeat an item. {@link #similar} runs the same stages with an item as the only anchor.
 * Immutable and thread-safe; all per-request state lives in the {@link RequestContext}.
 */
public final class Pipeline {
  /** How many candidates beyond offset + n are ranked, for the re-rankers to choose from. */
  static final int RANK_MARGIN = 50;

  private final List<RecallSource> sources;
  private final CandidateScorer scorer;
  private final List<Reranker> rerankers;
  private final PipelineConfig config;

  private Pipeline(Builder b) {
    this.sources = List.copyOf(b.sources);
    float[] weights = new float[sources.size()];
    for (int s = 0; s < weights.length; s++) {
      weights[s] = b.weights.get(s).floatValue();
    }
    boolean[] fromZero = new boolean[sources.size()];
    for (int s = 0; s < fromZero.length; s++) {
      fromZero[s] = sources.get(s).scoresFromZero();
    }
    this.scorer = b.scorer != null ? b.scorer
        : new RankerScorer(sources.stream().map(RecallSource::name).toList(),
            new BlendScorer(weights, fromZero));
    this.rerankers = List.copyOf(b.rerankers);
    this.config = b.config;
  }

  /**
   * The standard pipeline, assembled in one place: seven recall sources (factor-model nearest
   * neighbours, item-kNN over the recent items, trending, new items in liked categories, text
   * similarity to the user's items, text similarity to the request's query, the next items of a
   * sequential model after the recent items when one is served), the ranking stage (the model
   * set's learned ranker when it has one, else the blend: {@link RankerScorer}), then the
   * retention-aware re-rank ({@link RetentionStage}, which replaces MMR for recommendations) when
   * {@link PipelineConfig#retention()} is on, else the MMR diversity re-rank. With the retention
   * stage on and {@link PipelineConfig#valueRecall()} at a positive weight, also the value-aware
   * recall source ({@link ValueRecall}: the highest-value items in the user's categories, or with
   * a category plan the admitted categories' items) at that blend weight; the policy lab's
   * {@code longview} uses it, serving by default does not. The retention stage's settings are
   * {@link PipelineConfig#rerank()}. New stages plug in here.
   */
  public static Pipeline standard(PipelineConfig config) {
    ValueRecallSettings value = config.valueRecall();
    dev.longview.retention.RerankConfig retention = config.rerank();
    Builder b = builder(config)
        .recall(new FactorRecall(), config.weight("factors"))
        .recall(new ItemKnnRecall(), config.weight("itemknn"))
        .recall(new TrendingRecall(), config.weight("trending"))
        .recall(new NewItemRecall(), config.weight("new-items"))
        .recall(TextRecall.profile(), config.weight("text"))
        .recall(TextRecall.query(), config.weight("query"))
        .recall(new SequenceRecall(), config.weight("sequence"));
    if (config.retention() && value.weight() > 0) {
      b.recall(new ValueRecall(value.size(), value.personal(), retention.categorySlate()),
          value.weight());
    }
    return b.rerank(config.retention()
            ? new RetentionStage(retention,
                new MmrReranker(config.mmrLambda(), config.mmrDepth()))
            : new MmrReranker(config.mmrLambda(), config.mmrDepth()))
        .build();
  }

  public static Builder builder(PipelineConfig config) {
    return new Builder(config);
  }

  /** Assembles a pipeline: recall sources with their blend weights, a scorer, re-rankers. */
  public static final class Builder {
    private final PipelineConfig config;
    private final List<RecallSource> sources = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<Reranker> rerankers = new ArrayList<>();
    private CandidateScorer scorer;

    private Builder(PipelineConfig config) {
      this.config = config;
    }

    /** Adds a recall source with its blend weight (used by the default {@link BlendScorer}). */
    public Builder recall(RecallSource source, double weight) {
      for (RecallSource s : sources) {
        if (s.name().equals(source.name())) {
          throw new IllegalArgumentException("recall source " + source.name() + " added twice");
        }
      }
      sources.add(source);
      weights.add(weight);
      return this;
    }

    /**
     * Replaces the default ranking stage (the model set's ranker, else the blend) with another
     * scorer.
     */
    public Builder scorer(CandidateScorer scorer) {
      this.scorer = scorer;
      return this;
    }

    /** Appends a re-rank stage; stages run in the order added. */
    public Builder rerank(Reranker reranker) {
      rerankers.add(reranker);
      return this;
    }

    public Pipeline build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("a pipeline needs at least one recall source");
      }
      return new Pipeline(this);
    }
  }

  /** Recall source names in blend order. */
  public List<String> sourceNames() {
    return sources.stream().map(RecallSource::name).toList();
  }

  /**
   * Recommendations for {@code request}; an unknown user gets trending items.
   *
   * @param hiddenOverrides items hidden or shown since the snapshot (item id -> hidden), or null
   */
  public Recommendation recommend(ModelSet models, RecommendRequest request,
      Map<String, Boolean> hiddenOverrides) {
    return run(new RequestContext(models, request, -1, hiddenOverrides));
  }

  /**
   * Items similar to {@code itemId}: the same stages with the item as the only anchor (its
   * factor vector for factor recall, its neighbours for item-kNN, its categories for new items).
   *
   * @throws IllegalArgumentException when the snapshot does not know {@code itemId}
   */
  public Recommendation similar(ModelSet models, String itemId, int n,
      Map<String, Boolean> hiddenOverrides) {
    int item = models.snapshot().itemIndex(itemId);
    if (item < 0) {
      throw new IllegalArgumentException("item \"" + itemId + "\" is not in the current model;"
          + " it gets similar items after the next training");
    }
    RecommendRequest request = new RecommendRequest(null, n, 0, null, null, null, null, null,
        null, true);
    return run(new RequestContext(models, request, item, hiddenOverrides));
  }

  /**
   * The ranker's view of {@code request}'s candidates after recall, merge and filter (no scoring):
   * what {@link PipelineRanker} labels to train a ranker on exactly what serving will rank.
   */
  dev.longview.rank.RankRequest rankRequest(ModelSet models, RecommendRequest request) {
    RequestContext ctx = new RequestContext(models, request, -1, null);
    Candidates c = recall(ctx, new boolean[sources.size()]);
    List<String> names = sourceNames();
    dev.longview.rank.RankRequest r = RankerScorer.requestOf(ctx, c, names, names);
    c.release();
    ctx.release();
    return r;
  }

  /** Stages 1 to 3: recall, merge and dedupe, filter; {@code served[s]}: source s found some. */
  private Candidates recall(RequestContext ctx, boolean[] served) {
    RecommendRequest req = ctx.request();
    ModelSet models = ctx.models();
    int want = req.offset() + req.n();
    Candidates c = new Candidates(ctx.scratch(), sources.size());
    for (int s = 0; s < sources.size(); s++) {
      RecallSource src = sources.get(s);
      int limit = src instanceof TrendingRecall ? Math.max(config.recallLimit(), want)
          : config.recallLimit();
      int before = c.size();
      CandidateSink sink = c.sink(s);
      boolean[] any = new boolean[1];
      src.recall(ctx, limit, (item, score, anchor) -> {
        // 3. filter: every candidate passes the one ItemFilter, whatever the source did.
        if (!ctx.filter().excluded(item)) {
          any[0] = true;
          sink.offer(item, score, anchor);
        }
      });
      served[s] = any[0] || c.size() > before;
    }
    return c;
  }

  private Recommendation run(RequestContext ctx) {
    Recommendation r = rank(ctx);
    ctx.release(); // not on an exception: the scratch may be dirty then, and is dropped
    return r;
  }

  private Recommendation rank(RequestContext ctx) {
    RecommendRequest req = ctx.request();
    ModelSet models = ctx.models();
    int want = req.offset() + req.n();
    // 1. recall, 2. merge and dedupe (the candidate set keeps one slot per item), 3. filter.
    boolean[] served = new boolean[sources.size()];
    Candidates c = recall(ctx, served);
    // 4. score.
    int n = c.size();
    float[] scores = new float[n];
    float[] contributions = new float[n * sources.size()];
    scorer.score(ctx, c, scores, contributions);
    // Only the best want + RANK_MARGIN are ordered (the shared TopK; ties by slot, i.e. by order
    // of recall, which is deterministic): re-rankers work within them.
    int keep = Math.min(n, want + RANK_MARGIN);
    int[] slots = new int[Math.max(keep, 1)];
    float[] sorted = new float[Math.max(keep, 1)];
    int ranked = keep == 0 ? 0 : new TopK(keep).select(scores, n, null, slots, sorted);
    Ranking ranking = new Ranking(slots, sorted, ranked);
    // 5. re-rank.
    for (Reranker r : rerankers) {
      r.rerank(ctx, c, ranking, want);
    }
    // 6. slice, 7. explain.
    List<Recommendation.Item> items = new ArrayList<>(Math.max(0, Math.min(want, ranking.size())
        - req.offset()));
    for (int pos = req.offset(); pos < Math.min(want, ranking.size()); pos++) {
      int slot = ranking.slot(pos);
      List<String> found = new ArrayList<>(2);
      for (int s = 0; s < sources.size(); s++) {
        if (c.foundBy(slot, s)) {
          found.add(sources.get(s).name());
        }
      }
      List<String> reasons = req.explain()
          ? Explanations.explain(ctx, c, slot, sources, contributions) : List.of();
      items.add(new Recommendation.Item(models.snapshot().itemId(c.item(slot)),
          ranking.score(pos), found, reasons));
    }
    c.release();
    String model = servedBy(models, served);
    boolean fallback = !model.equals(models.config().chain().get(0));
    if (ctx.rankedByRanker()) {
      model += "+ranker";
    }
    return new Recommendation(items, model, fallback,
        ctx.stagePolicy() != null ? ctx.stagePolicy() : UserStage.of(ctx));
  }

  /** The first model of the chain whose recall source found something for this request. */
  private String servedBy(ModelSet models, boolean[] served) {
    for (String m : models.config().chain()) {
      for (int s = 0; s < sources.size(); s++) {
        String src = sources.get(s).name();
        boolean match = (src.equals("factors") && m.equals(models.factorName()))
            || (src.equals("itemknn") && m.equals(models.neighbourName()));
        if (match && served[s]) {
          return m;
        }
      }
    }
    return "pop";
  }
}
